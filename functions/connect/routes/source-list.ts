import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { sourceTypes } from '@dyocense/db';
import { SourceListView } from '../schema';
import { listSources, sourceView } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/connect/sources',
  tags: ['connect'],
  summary: "The business's data sources",
  description: 'Newest first. Credentials are never included; `hasCredentials` says whether any are stored.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'connect:read' })] as const,
  request: { query: z.object({ type: z.enum(sourceTypes).optional() }) },
  responses: { 200: { description: 'The sources', content: { 'application/json': { schema: SourceListView } } }, ...problems(400, 401, 403) },
});

export function registerSourceList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { type } = c.req.valid('query');
    const rows = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => listSources(tx, type));
    return c.json({ sources: rows.map(sourceView) }, 200);
  });
}
