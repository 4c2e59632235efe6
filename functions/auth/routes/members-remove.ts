import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, clientIp, conflict, forbidden, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { UserIdParam } from '../schema';
import { memberRole, ownerCount, removeMember } from '../store';

const route = createRoute({
  method: 'delete',
  path: '/api/auth/members/{userId}',
  tags: ['members'],
  summary: 'Remove someone from this business',
  description: 'Ends their sessions and revokes their API tokens here. Only owners remove owners or admins; the last owner stays.',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'auth:write' })] as const,
  request: { params: UserIdParam },
  responses: { 204: { description: 'Removed' }, ...problems(401, 403, 404, 409) },
});

export function registerMembersRemove(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { userId } = c.req.valid('param');
    await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const current = await memberRole(tx, userId);
      if (!current) throw notFound('No such member in this business.');
      if ((current === 'owner' || current === 'admin') && auth.role !== 'owner') {
        throw forbidden('Only an owner can remove an owner or an admin.');
      }
      if (current === 'owner' && (await ownerCount(tx)) <= 1) throw conflict('The last owner cannot be removed.');
      await removeMember(tx, userId);
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'member.removed', target: `user:${userId}`, ip: clientIp(c), details: { role: current } });
    });
    return c.body(null, 204);
  });
}
