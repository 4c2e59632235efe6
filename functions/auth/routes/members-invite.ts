import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  atLeast,
  audit,
  authenticated,
  authOf,
  clientIp,
  conflict,
  forbidden,
  generateToken,
  hashToken,
  problems,
  rateLimit,
  requireAuth,
  withTenant,
  type AppEnv,
} from '@dyocense/core';
import { InviteBody, InviteView } from '../schema';
import { insertInvitation, listMembers } from '../store';

const INVITE_DAYS = 7;

const route = createRoute({
  method: 'post',
  path: '/api/auth/members/invite',
  tags: ['members'],
  summary: 'Invite someone to this business',
  description: 'Returns the invitation link once; only its hash is stored. Admins may invite up to admin, owners up to owner.',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'auth:write' }), rateLimit({ name: 'invite', limit: 50, windowSeconds: 3600, per: 'account' })] as const,
  request: { body: { content: { 'application/json': { schema: InviteBody } }, required: true } },
  responses: {
    201: { description: 'Invitation created', content: { 'application/json': { schema: InviteView } } },
    ...problems(400, 401, 403, 409, 429),
  },
});

export function registerMembersInvite(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { email, role } = c.req.valid('json');
    if (!atLeast(auth.role, role)) throw forbidden(`You cannot invite someone as ${role}: it is above your own role.`);
    const { db, config } = c.get('runtime');
    const token = generateToken();
    const invitation = await withTenant(db, auth.tenantId, async (tx) => {
      const members = await listMembers(tx);
      if (members.some((m) => m.user.email.toLowerCase() === email)) {
        throw conflict(`${email} is already a member of this business.`, [{ path: 'email', message: 'already a member' }]);
      }
      const created = await insertInvitation(tx, {
        tenantId: auth.tenantId,
        email,
        role,
        tokenHash: hashToken(token),
        invitedBy: auth.userId,
        expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
      });
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'member.invited', target: `email:${email}`, ip: clientIp(c), details: { role } });
      return created;
    });
    return c.json(
      {
        id: invitation.id,
        email,
        role,
        expiresAt: invitation.expiresAt.toISOString(),
        token,
        acceptUrl: `${config.publicUrl}/accept-invite?token=${token}`,
      },
      201,
    );
  });
}
