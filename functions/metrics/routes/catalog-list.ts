import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { loadCatalog } from '@dyocense/metrics';
import { MetricDefinitionView } from '../schema';

const route = createRoute({
  method: 'get',
  path: '/api/metrics/catalog',
  tags: ['metrics'],
  summary: 'The metrics this business can record: built-in and its own',
  security: authenticated,
  middleware: [requireAuth({ scope: 'metrics:read' })] as const,
  responses: {
    200: { description: 'Catalog', content: { 'application/json': { schema: z.object({ metrics: z.array(MetricDefinitionView) }) } } },
    ...problems(401, 403),
  },
});

export function registerCatalogList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const catalog = await withTenant(c.get('runtime').db, auth.tenantId, loadCatalog);
    return c.json({ metrics: [...catalog.values()] }, 200);
  });
}
