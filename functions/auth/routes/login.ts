import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  audit,
  clearRateLimit,
  createSession,
  hashPassword,
  HttpProblem,
  hitRateLimit,
  needsRehash,
  peekRateLimit,
  problems,
  rateLimit,
  setSessionCookie,
  tooManyRequests,
  verifyAgainstDecoy,
  verifyPassword,
  withTenant,
  type AppEnv,
} from '@dyocense/core';
import { requestMeta } from '../meta';
import { LoginBody, SessionView } from '../schema';
import { findLogin, loadIdentity, updatePasswordHash } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  summary: 'Sign in with e-mail and password',
  description:
    'Throttled per address and per account: after LOGIN_MAX_FAILURES wrong passwords in LOGIN_WINDOW_SECONDS the account answers 429 until the window passes.',
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  middleware: [rateLimit({ name: 'login', limit: 60, windowSeconds: 900 })] as const,
  responses: {
    200: { description: 'Signed in; the session cookie is set', content: { 'application/json': { schema: SessionView } } },
    ...problems(400, 401, 403, 429),
  },
});

const invalidCredentials = () => new HttpProblem(401, 'invalid-credentials', 'The e-mail or password is not right.');

export function registerLogin(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { email, password } = c.req.valid('json');
    const { db, config } = c.get('runtime');
    const meta = requestMeta(c);
    const accountKey = `login-failures:${email}`;

    const throttle = await peekRateLimit(db, accountKey, config.LOGIN_MAX_FAILURES, config.LOGIN_WINDOW_SECONDS);
    if (!throttle.allowed) {
      throw tooManyRequests(
        `Too many failed sign-ins for this account; try again in ${Math.ceil(throttle.retryAfterSeconds / 60)} min.`,
        throttle.retryAfterSeconds,
      );
    }

    const candidates = await findLogin(db, email);
    const first = candidates[0];
    const ok = first?.password_hash ? await verifyPassword(first.password_hash, password) : await verifyAgainstDecoy(password);
    if (!ok || !first) {
      await hitRateLimit(db, accountKey, config.LOGIN_MAX_FAILURES, config.LOGIN_WINDOW_SECONDS);
      if (first?.tenant_id) {
        const tenantId = first.tenant_id;
        await withTenant(db, tenantId, (tx) =>
          audit(tx, { tenantId, actorUserId: first.user_id, action: 'auth.login_failed', ip: meta.ip }),
        );
      }
      throw invalidCredentials();
    }
    if (!first.tenant_id) throw new HttpProblem(403, 'forbidden', 'This account no longer belongs to any business.');
    await clearRateLimit(db, accountKey);

    const tenantId = first.tenant_id;
    const result = await withTenant(
      db,
      tenantId,
      async (tx) => {
        if (needsRehash(first.password_hash!)) await updatePasswordHash(tx, first.user_id, await hashPassword(password));
        const session = await createSession(tx, { userId: first.user_id, tenantId, days: meta.sessionDays, ip: meta.ip, userAgent: meta.userAgent });
        await audit(tx, { tenantId, actorUserId: first.user_id, action: 'auth.login', ip: meta.ip, details: { method: 'password' } });
        return { session, identity: await loadIdentity(tx, first.user_id, tenantId) };
      },
      { userId: first.user_id },
    );
    setSessionCookie(c, result.session.token, result.session.expiresAt);
    return c.json(result.identity!, 200);
  });
}
