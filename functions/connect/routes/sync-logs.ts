import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { IdParam, LimitQuery, SyncLogView } from '../schema';
import { findSource, listSyncLogs } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/connect/sources/{id}/sync-logs',
  tags: ['connect'],
  summary: "A data source's sync runs",
  description: 'Newest first: counts in, written and skipped, duration, and the error of a failed run.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'connect:read' })] as const,
  request: { params: IdParam, query: LimitQuery },
  responses: { 200: { description: 'Sync runs', content: { 'application/json': { schema: z.object({ logs: z.array(SyncLogView) }) } } }, ...problems(400, 401, 403, 404) },
});

export function registerSyncLogs(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    const logs = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      if (!(await findSource(tx, id))) throw notFound('No such data source.');
      return listSyncLogs(tx, id, limit);
    });
    return c.json({ logs }, 200);
  });
}
