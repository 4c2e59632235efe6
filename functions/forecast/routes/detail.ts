import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { ForecastView, IdParam } from '../schema';
import { findForecast } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/forecast/{id}',
  tags: ['forecast'],
  summary: 'A forecast: status, points with intervals, models with weights and backtests, notes',
  description:
    'Status is queued or running while the job computes (poll again), then succeeded or failed (with `error`). `notes` says what the engine did about short or gappy history.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'forecast:read' })] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The forecast', content: { 'application/json': { schema: ForecastView } } }, ...problems(400, 401, 403, 404) },
});

export function registerDetail(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const view = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => findForecast(tx, id));
    if (!view) throw notFound('No such forecast.');
    return c.json(view, 200);
  });
}
