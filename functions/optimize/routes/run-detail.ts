import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, type AppEnv } from '@dyocense/core';
import { currentRun } from '../runs';
import { IdParam, RunView } from '../schema';
import { runView } from '../views';

const route = createRoute({
  method: 'get',
  path: '/api/optimize/runs/{id}',
  tags: ['optimize'],
  summary: 'One optimization run: inputs, notes and result',
  description: 'While the solve is under way the status is `queued` and the result null; a run whose job gave up is `failed` with the reason.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'optimize:read' })] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The run', content: { 'application/json': { schema: RunView } } }, ...problems(401, 403, 404) },
});

export function registerRunDetail(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const row = await currentRun(c.get('runtime'), auth.tenantId, id);
    if (!row) throw notFound('No such optimization run.');
    return c.json(runView(row), 200);
  });
}
