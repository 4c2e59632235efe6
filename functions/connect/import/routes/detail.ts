import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { ImportParams, ImportView } from '../schema';
import { findImport, listImports } from '../store';

const detail = createRoute({
  method: 'get',
  path: '/api/connect/import/{id}',
  tags: ['connect'],
  summary: 'One import: status, rows, points written, errors, duration',
  security: authenticated,
  middleware: [requireAuth({ scope: 'connect:read' })] as const,
  request: { params: ImportParams },
  responses: {
    200: { description: 'The import', content: { 'application/json': { schema: ImportView } } },
    ...problems(400, 401, 403, 404),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/connect/import',
  tags: ['connect'],
  summary: "The business's recent imports, newest first",
  security: authenticated,
  middleware: [requireAuth({ scope: 'connect:read' })] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: { description: 'Imports', content: { 'application/json': { schema: z.object({ imports: z.array(ImportView) }) } } },
    ...problems(400, 401, 403),
  },
});

export function registerDetail(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const { limit } = c.req.valid('query');
    const imports = await withTenant(c.get('runtime').db, authOf(c).tenantId, (tx) => listImports(tx, limit));
    return c.json({ imports }, 200);
  });
  app.openapi(detail, async (c) => {
    const { id } = c.req.valid('param');
    const view = await withTenant(c.get('runtime').db, authOf(c).tenantId, (tx) => findImport(tx, id));
    if (!view) throw notFound('No such import.');
    return c.json(view, 200);
  });
}
