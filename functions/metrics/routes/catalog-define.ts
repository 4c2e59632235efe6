import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, conflict, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { builtinByName, defineMetric } from '@dyocense/metrics';
import { DefineMetricBody, MetricDefinitionView } from '../schema';

const route = createRoute({
  method: 'post',
  path: '/api/metrics/catalog',
  tags: ['metrics'],
  summary: 'Define (or redefine) a metric of your own',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'metrics:write' })] as const,
  request: { body: { content: { 'application/json': { schema: DefineMetricBody } }, required: true } },
  responses: {
    201: { description: 'Defined', content: { 'application/json': { schema: MetricDefinitionView } } },
    ...problems(400, 401, 403, 409),
  },
});

export function registerCatalogDefine(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    if (builtinByName.has(body.name)) throw conflict(`${body.name} is a built-in metric; choose another name.`, [{ path: 'name', message: 'built-in' }]);
    const defined = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const def = await defineMetric(tx, auth.tenantId, body);
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'metric.defined', target: `metric:${body.name}` });
      return def;
    });
    return c.json(defined, 201);
  });
}
