import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { atLeast, audit, authenticated, authOf, clientIp, conflict, forbidden, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { ChangeRoleBody, MemberView, UserIdParam } from '../schema';
import { listMembers, memberRole, ownerCount, setMemberRole } from '../store';

const route = createRoute({
  method: 'patch',
  path: '/api/auth/members/{userId}',
  tags: ['members'],
  summary: "Change a member's role",
  description: 'Admins manage managers and members; only owners grant or take away owner and admin. The last owner cannot be demoted.',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'auth:write' })] as const,
  request: { params: UserIdParam, body: { content: { 'application/json': { schema: ChangeRoleBody } }, required: true } },
  responses: {
    200: { description: 'The member with the new role', content: { 'application/json': { schema: MemberView } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

export function registerMembersRole(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    const member = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const current = await memberRole(tx, userId);
      if (!current) throw notFound('No such member in this business.');
      const touchesAdmins = current === 'owner' || current === 'admin' || role === 'owner' || role === 'admin';
      if (touchesAdmins && auth.role !== 'owner') throw forbidden('Only an owner can grant or change the owner and admin roles.');
      if (!atLeast(auth.role, role)) throw forbidden(`You cannot grant ${role}: it is above your own role.`);
      if (current === 'owner' && role !== 'owner' && (await ownerCount(tx)) <= 1) {
        throw conflict('A business needs at least one owner; make someone else owner first.');
      }
      await setMemberRole(tx, userId, role);
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'member.role_changed', target: `user:${userId}`, ip: clientIp(c), details: { from: current, to: role } });
      return (await listMembers(tx)).find((m) => m.user.id === userId)!;
    });
    return c.json(member, 200);
  });
}
