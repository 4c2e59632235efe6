import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, badRequest, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { RunList, RunListQuery } from '../schema';
import { decodeCursor, encodeCursor, listRuns } from '../store';
import { runSummary } from '../views';

const route = createRoute({
  method: 'get',
  path: '/api/optimize/runs',
  tags: ['optimize'],
  summary: 'Optimization runs, newest first',
  description: 'Summaries (status, objective, solver, the explanation’s first sentence); GET /api/optimize/runs/{id} has inputs and the full result. Page with `cursor` = the previous page’s nextCursor.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'optimize:read' })] as const,
  request: { query: RunListQuery },
  responses: { 200: { description: 'A page of runs', content: { 'application/json': { schema: RunList } } }, ...problems(400, 401, 403) },
});

export function registerRunsList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const q = c.req.valid('query');
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (after === null) throw badRequest('The cursor is not one this API issued.', [{ path: 'cursor', message: 'invalid' }]);
    const { rows, more } = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => listRuns(tx, { kind: q.kind, limit: q.limit, after }));
    return c.json({ runs: rows.map(runSummary), nextCursor: more && rows.length ? encodeCursor(rows.at(-1)!) : null }, 200);
  });
}
