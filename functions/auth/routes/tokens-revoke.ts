import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { atLeast, audit, authenticated, authOf, clientIp, forbidden, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { TokenIdParam } from '../schema';
import { findToken, revokeToken } from '../store';

const route = createRoute({
  method: 'delete',
  path: '/api/auth/tokens/{tokenId}',
  tags: ['api tokens'],
  summary: 'Revoke an API token (yours, or any as admin)',
  security: authenticated,
  middleware: [requireAuth({ scope: 'auth:write' })] as const,
  request: { params: TokenIdParam },
  responses: { 204: { description: 'Revoked (or already revoked)' }, ...problems(401, 403, 404) },
});

export function registerTokensRevoke(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { tokenId } = c.req.valid('param');
    await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const token = await findToken(tx, tokenId);
      if (!token) throw notFound('No such API token in this business.');
      if (token.userId !== auth.userId && !atLeast(auth.role, 'admin')) throw forbidden('Only admins can revoke tokens of other people.');
      if (token.revokedAt) return;
      await revokeToken(tx, tokenId);
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'api_token.revoked', target: `api_token:${tokenId}`, ip: clientIp(c) });
    });
    return c.body(null, 204);
  });
}
