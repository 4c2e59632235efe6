import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  badRequest,
  conflict,
  hashPassword,
  isUniqueViolation,
  passwordProblem,
  problems,
  rateLimit,
  setSessionCookie,
  type AppEnv,
} from '@dyocense/core';
import { requestMeta } from '../meta';
import { SessionView, SignupBody } from '../schema';
import { createBusiness, findLogin } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/auth/signup',
  tags: ['auth'],
  summary: 'Create a business and its owner, and sign in',
  request: { body: { content: { 'application/json': { schema: SignupBody } }, required: true } },
  middleware: [rateLimit({ name: 'signup', limit: 20, windowSeconds: 3600 })] as const,
  responses: {
    201: { description: 'Signed up; the session cookie is set', content: { 'application/json': { schema: SessionView } } },
    ...problems(400, 409, 429),
  },
});

const alreadyRegistered = () =>
  conflict('An account with this e-mail already exists. Sign in instead.', [{ path: 'email', message: 'already registered' }]);

export function registerSignup(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const weak = passwordProblem(body.password, body.email);
    if (weak) throw badRequest(weak, [{ path: 'password', message: weak }]);
    const { db } = c.get('runtime');
    if ((await findLogin(db, body.email)).length > 0) throw alreadyRegistered();

    const passwordHash = await hashPassword(body.password);
    const created = await db
      .transaction((tx) => createBusiness(tx, { ...body, passwordHash }, requestMeta(c)))
      .catch((err: unknown) => {
        throw isUniqueViolation(err) ? alreadyRegistered() : err;
      });
    setSessionCookie(c, created.session.token, created.session.expiresAt);
    return c.json({ user: created.user, tenant: created.tenant, role: created.role }, 201);
  });
}
