import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, type AppEnv } from '@dyocense/core';
import { SessionView } from '../schema';

const route = createRoute({
  method: 'get',
  path: '/api/auth/session',
  tags: ['auth'],
  summary: 'Who am I: the user, business and role behind this cookie or token',
  security: authenticated,
  middleware: [requireAuth()] as const,
  responses: {
    200: { description: 'The current session', content: { 'application/json': { schema: SessionView } } },
    ...problems(401),
  },
});

export function registerSession(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const auth = authOf(c);
    c.header('cache-control', 'no-store');
    return c.json({ user: auth.user, tenant: auth.tenant, role: auth.role, via: auth.via, scopes: auth.scopes }, 200);
  });
}
