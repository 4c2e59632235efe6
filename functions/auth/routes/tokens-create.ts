import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  audit,
  authenticated,
  authOf,
  clientIp,
  forbidden,
  generateApiToken,
  grants,
  hashToken,
  problems,
  rateLimit,
  requireAuth,
  withTenant,
  type AppEnv,
  type Scope,
} from '@dyocense/core';
import { CreatedTokenView, CreateTokenBody } from '../schema';
import { insertToken } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/auth/tokens',
  tags: ['api tokens'],
  summary: 'Create a scoped API token for a program',
  description:
    'The token acts as you, with your current role, limited to its scopes. The secret is returned once; only its SHA-256 is stored. A token cannot mint tokens with scopes it does not hold.',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'auth:write' }), rateLimit({ name: 'token-create', limit: 30, windowSeconds: 3600, per: 'account' })] as const,
  request: { body: { content: { 'application/json': { schema: CreateTokenBody } }, required: true } },
  responses: {
    201: { description: 'Created; store the token now', content: { 'application/json': { schema: CreatedTokenView } } },
    ...problems(400, 401, 403, 429),
  },
});

export function registerTokensCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    const scopes = [...new Set(body.scopes)] as Scope[];
    const beyond = scopes.filter((s) => !grants(auth.scopes, s));
    if (beyond.length) throw forbidden(`You cannot grant scopes you do not hold: ${beyond.join(', ')}.`);
    const token = generateApiToken();
    const created = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const row = await insertToken(tx, {
        tenantId: auth.tenantId,
        userId: auth.userId,
        name: body.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        scopes,
        expiresAt: body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null,
      });
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'api_token.created', target: `api_token:${row.id}`, ip: clientIp(c), details: { name: body.name, scopes } });
      return row;
    });
    return c.json({ ...created, token }, 201);
  });
}
