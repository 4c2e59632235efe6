import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import {
  audit,
  badRequest,
  conflict,
  createSession,
  enterTenant,
  hashPassword,
  hashToken,
  HttpProblem,
  notFound,
  passwordProblem,
  problems,
  rateLimit,
  setSessionCookie,
  verifyPassword,
  type AppEnv,
} from '@dyocense/core';
import type { Role } from '@dyocense/db';
import { requestMeta } from '../meta';
import { AcceptInviteBody, SessionView } from '../schema';
import { addMembership, findLogin, insertUser, loadIdentity, markInvitationAccepted } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/auth/invitations/accept',
  tags: ['members'],
  summary: 'Accept an invitation and sign in',
  description: 'A new person gives a name and a password; someone who already has an account gives that account\'s password.',
  request: { body: { content: { 'application/json': { schema: AcceptInviteBody } }, required: true } },
  middleware: [rateLimit({ name: 'accept-invite', limit: 30, windowSeconds: 3600 })] as const,
  responses: {
    200: { description: 'Joined; the session cookie is set', content: { 'application/json': { schema: SessionView } } },
    ...problems(400, 401, 404, 409, 429),
  },
});

interface InvitationRow extends Record<string, unknown> {
  invitation_id: string;
  tenant_id: string;
  email: string;
  role: Role;
  existing_user_id: string | null;
}

export function registerInvitationsAccept(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const { db } = c.get('runtime');
    const [invite] = await db.query<InvitationRow>(sql`select * from auth_find_invitation(${hashToken(body.token)})`);
    if (!invite) throw notFound('This invitation does not exist, has expired or was already used.');

    let passwordHash: string | null = null;
    if (invite.existing_user_id) {
      // Whoever holds the link must also prove they are that person: an admin who invites an
      // existing account must not be able to sign in as it.
      const [login] = await findLogin(db, invite.email);
      const ok = body.password && login?.password_hash ? await verifyPassword(login.password_hash, body.password) : false;
      if (!ok) throw new HttpProblem(401, 'invalid-credentials', 'You already have an account: enter its password to join.');
    } else {
      if (!body.name || !body.password) {
        throw badRequest('A name and a password are needed to create your account.', [
          ...(body.name ? [] : [{ path: 'name', message: 'required' }]),
          ...(body.password ? [] : [{ path: 'password', message: 'required' }]),
        ]);
      }
      const weak = passwordProblem(body.password, invite.email);
      if (weak) throw badRequest(weak, [{ path: 'password', message: weak }]);
      passwordHash = await hashPassword(body.password);
    }

    const meta = requestMeta(c);
    const userId = invite.existing_user_id ?? crypto.randomUUID();
    const result = await db.transaction(async (tx) => {
      await enterTenant(tx, invite.tenant_id, userId);
      if (!(await markInvitationAccepted(tx, invite.invitation_id))) throw conflict('This invitation was already used.');
      if (!invite.existing_user_id) {
        await insertUser(tx, { id: userId, email: invite.email, name: body.name!, passwordHash, emailVerified: true });
      }
      await addMembership(tx, invite.tenant_id, userId, invite.role);
      const session = await createSession(tx, { userId, tenantId: invite.tenant_id, days: meta.sessionDays, ip: meta.ip, userAgent: meta.userAgent });
      await audit(tx, { tenantId: invite.tenant_id, actorUserId: userId, action: 'member.joined', target: `user:${userId}`, ip: meta.ip, details: { role: invite.role } });
      return { session, identity: await loadIdentity(tx, userId, invite.tenant_id) };
    });
    setSessionCookie(c, result.session.token, result.session.expiresAt);
    return c.json(result.identity!, 200);
  });
}
