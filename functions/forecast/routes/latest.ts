import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { parseFilters } from '../history';
import { ForecastView, LatestParams } from '../schema';
import { findLatest } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/forecast/latest',
  tags: ['forecast'],
  summary: 'The latest succeeded forecast of a metric',
  description: 'For the dimension filter given (none: the forecast of all dimensions combined). 404 when the metric has never been forecast that way.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'forecast:read' })] as const,
  request: { query: LatestParams },
  responses: { 200: { description: 'The forecast', content: { 'application/json': { schema: ForecastView } } }, ...problems(400, 401, 403, 404) },
});

export function registerLatest(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { metric, filter } = c.req.valid('query');
    const filters = parseFilters(filter);
    const view = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => findLatest(tx, metric, filters));
    if (!view) throw notFound(`No finished forecast of "${metric}" yet; POST /api/forecast makes one.`);
    return c.json(view, 200);
  });
}
