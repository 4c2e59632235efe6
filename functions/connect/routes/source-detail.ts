import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { IdParam, SourceView } from '../schema';
import { findSource, sourceView } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/connect/sources/{id}',
  tags: ['connect'],
  summary: 'One data source',
  description: 'Status, sync cursor, last sync and last error. Credentials are never included.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'connect:read' })] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The source', content: { 'application/json': { schema: SourceView } } }, ...problems(400, 401, 403, 404) },
});

export function registerSourceDetail(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const row = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => findSource(tx, id));
    if (!row) throw notFound('No such data source.');
    return c.json(sourceView(row), 200);
  });
}
