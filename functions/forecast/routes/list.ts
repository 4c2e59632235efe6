import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { ListParams, ListView } from '../schema';
import { listForecasts } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/forecast',
  tags: ['forecast'],
  summary: 'Forecasts, newest first, optionally of one metric',
  description: 'Summaries without points or models (GET /api/forecast/{id} has them). Pages with `limit` and the `nextCursor` of the previous page.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'forecast:read' })] as const,
  request: { query: ListParams },
  responses: { 200: { description: 'A page of forecasts', content: { 'application/json': { schema: ListView } } }, ...problems(400, 401, 403) },
});

export function registerList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const page = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => listForecasts(tx, c.req.valid('query')));
    return c.json(page, 200);
  });
}
