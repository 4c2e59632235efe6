import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { mergeCredentials, openSourceCredentials, sealSourceCredentials } from '../credentials';
import { IdParam, SourceUpdateBody, SourceView } from '../schema';
import { findSource, sourceView, updateSource } from '../store';

const route = createRoute({
  method: 'patch',
  path: '/api/connect/sources/{id}',
  tags: ['connect'],
  summary: 'Rename a data source or replace some of its credentials',
  description: 'Owners and admins only. Credential fields given replace the stored ones (e.g. a new webhook secret list during rotation); the rest stay. Credentials are re-sealed under the current key.',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'connect:write' })] as const,
  request: { params: IdParam, body: { content: { 'application/json': { schema: SourceUpdateBody } }, required: true } },
  responses: { 200: { description: 'Updated', content: { 'application/json': { schema: SourceView } } }, ...problems(400, 401, 403, 404) },
});

export function registerSourceUpdate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, config } = c.get('runtime');
    const row = await withTenant(db, auth.tenantId, async (tx) => {
      const source = await findSource(tx, id);
      if (!source) throw notFound('No such data source.');
      const sealed = body.credentials
        ? await sealSourceCredentials(config, auth.tenantId, mergeCredentials(await openSourceCredentials(config, auth.tenantId, source), body.credentials))
        : {};
      const updated = await updateSource(tx, id, { ...(body.name ? { name: body.name } : {}), ...sealed });
      await audit(tx, {
        tenantId: auth.tenantId,
        actorUserId: auth.userId,
        action: 'data_source.updated',
        target: `data_source:${id}`,
        details: { renamed: body.name !== undefined, credentialFields: Object.keys(body.credentials ?? {}) },
      });
      return updated!;
    });
    return c.json(sourceView(row), 200);
  });
}
