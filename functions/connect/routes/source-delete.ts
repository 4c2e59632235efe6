import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { IdParam } from '../schema';
import { deleteSource } from '../store';

const route = createRoute({
  method: 'delete',
  path: '/api/connect/sources/{id}',
  tags: ['connect'],
  summary: 'Remove a data source',
  description: 'Owners and admins only. Removes the credentials, stored webhook events and sync logs; metrics already written stay.',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'connect:write' })] as const,
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
});

export function registerSourceDelete(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      if (!(await deleteSource(tx, id))) throw notFound('No such data source.');
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'data_source.deleted', target: `data_source:${id}` });
    });
    return c.body(null, 204);
  });
}
