import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { atLeast, authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { TokenView } from '../schema';
import { listTokens } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/auth/tokens',
  tags: ['api tokens'],
  summary: 'API tokens: all of them for admins, your own otherwise',
  security: authenticated,
  middleware: [requireAuth({ scope: 'auth:read' })] as const,
  responses: {
    200: { description: 'Tokens, newest first (never the secret)', content: { 'application/json': { schema: z.object({ tokens: z.array(TokenView) }) } } },
    ...problems(401, 403),
  },
});

export function registerTokensList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const tokens = await withTenant(c.get('runtime').db, auth.tenantId, (tx) =>
      listTokens(tx, atLeast(auth.role, 'admin') ? undefined : auth.userId),
    );
    return c.json({ tokens }, 200);
  });
}
