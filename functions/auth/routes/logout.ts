import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, clearSessionCookie, clientIp, deleteSession, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';

const route = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  security: authenticated,
  middleware: [requireAuth()] as const,
  responses: { 204: { description: 'Signed out; the cookie is cleared' }, ...problems(401) },
});

export function registerLogout(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    if (auth.sessionId) {
      const sessionId = auth.sessionId;
      await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
        await deleteSession(tx, sessionId);
        await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'auth.logout', ip: clientIp(c) });
      });
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });
}
