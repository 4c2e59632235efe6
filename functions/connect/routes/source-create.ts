import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, conflict, isUniqueViolation, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { sealSourceCredentials } from '../credentials';
import { SourceCreateBody, SourceView } from '../schema';
import { insertSource, sourceView } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/connect/sources',
  tags: ['connect'],
  summary: 'Add a data source',
  description:
    'Owners and admins only. Credentials are sealed (AES-256-GCM) before they are stored and are never returned. Webhook URLs are then `/api/connect/stripe/webhook/{id}` and `/api/connect/shopify/webhook/{id}`. One source per outside account: adding the same shop or realm again is 409.',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'connect:write' })] as const,
  request: { body: { content: { 'application/json': { schema: SourceCreateBody } }, required: true } },
  responses: { 201: { description: 'Created', content: { 'application/json': { schema: SourceView } } }, ...problems(400, 401, 403, 409) },
});

export function registerSourceCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    const { db, config } = c.get('runtime');
    const credentials = 'credentials' in body && body.credentials ? await sealSourceCredentials(config, auth.tenantId, body.credentials) : {};
    try {
      const row = await withTenant(db, auth.tenantId, async (tx) => {
        const created = await insertSource(tx, {
          tenantId: auth.tenantId,
          type: body.type,
          name: body.name,
          externalAccountId: 'externalAccountId' in body ? (body.externalAccountId ?? null) : null,
          ...credentials,
          createdBy: auth.userId,
        });
        // The audit entry names which credential fields were set, never their values.
        const fields = 'credentials' in body && body.credentials ? Object.keys(body.credentials) : [];
        await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'data_source.created', target: `data_source:${created.id}`, details: { type: body.type, credentialFields: fields } });
        return created;
      });
      return c.json(sourceView(row), 201);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('This account is already connected as another data source.', [{ path: 'externalAccountId', message: 'already connected' }]);
      throw err;
    }
  });
}
