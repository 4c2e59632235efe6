import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, type AppEnv } from '@dyocense/core';
import { SessionsQuery, SessionView } from '../schema';
import { listSessions } from '../store';
import { sessionView } from '../views';

const route = createRoute({
  method: 'get',
  path: '/api/coach/sessions',
  tags: ['coach'],
  summary: "This business's coaching conversations, most recent first",
  security: authenticated,
  middleware: [requireAuth({ scope: 'coach:read' })] as const,
  request: { query: SessionsQuery },
  responses: {
    200: {
      description: 'A page of conversations; pass nextBefore as `before` for the next page',
      content: { 'application/json': { schema: z.object({ sessions: z.array(SessionView), nextBefore: z.string().nullable() }) } },
    },
    ...problems(400, 401, 403),
  },
});

export function registerSessions(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const q = c.req.valid('query');
    const rows = await listSessions(c.get('runtime').db, auth.tenantId, { limit: q.limit, ...(q.before ? { before: new Date(q.before) } : {}) });
    const last = rows.length === q.limit ? rows.at(-1) : undefined;
    return c.json({ sessions: rows.map(sessionView), nextBefore: last ? last.updatedAt.toISOString() : null }, 200);
  });
}
