import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { IdParam } from '../schema';
import { updateGoal } from '../store';

const route = createRoute({
  method: 'delete',
  path: '/api/goals/{id}',
  tags: ['goals'],
  summary: 'Archive a goal (goals are never destroyed; PATCH status in_progress restores one)',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'goals:write' })] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Archived' }, ...problems(401, 403, 404) },
});

export function registerArchive(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const row = await updateGoal(tx, id, { status: 'archived', archivedAt: new Date() });
      if (!row) throw notFound('No such goal.');
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'goal.archived', target: `goal:${id}` });
    });
    return c.body(null, 204);
  });
}
