import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { desc, eq, sql } from 'drizzle-orm';
import { savedQueries } from '@dyocense/db';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { loadCatalog } from '@dyocense/metrics';
import { parseMetricQuery } from '../parse-query';
import { QueryParams } from '../schema';

const SavedQueryBody = z.object({ name: z.string().trim().min(1).max(100), query: QueryParams }).openapi('SavedQueryRequest');
const SavedQueryView = z
  .object({ id: z.uuid(), name: z.string(), query: QueryParams, createdAt: z.string(), updatedAt: z.string() })
  .openapi('SavedQuery');
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const view = (r: typeof savedQueries.$inferSelect) => ({
  id: r.id,
  name: r.name,
  query: r.query as z.infer<typeof QueryParams>,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const base = { tags: ['metrics'], security: authenticated };

/** Widgets that point at a deleted query go with it, so no dashboard shows a dead tile. */
const removeWidgetsOf = (id: string) => sql`
  update dashboards set updated_at = now(),
    widgets = coalesce((select jsonb_agg(w) from jsonb_array_elements(widgets) w where w->>'savedQueryId' <> ${id}), '[]'::jsonb)
  where widgets @> ${JSON.stringify([{ savedQueryId: id }])}::jsonb`;

/** Saved queries: CRUD. A query is checked against the catalog before it is saved. */
export function registerSavedQueries(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      ...base,
      method: 'get',
      path: '/api/metrics/saved-queries',
      summary: 'Saved queries, newest first',
      middleware: [requireAuth({ scope: 'metrics:read' })] as const,
      responses: { 200: { description: 'List', content: { 'application/json': { schema: z.object({ savedQueries: z.array(SavedQueryView) }) } } }, ...problems(401, 403) },
    }),
    async (c) => {
      const auth = authOf(c);
      const rows = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => tx.select().from(savedQueries).orderBy(desc(savedQueries.createdAt)));
      return c.json({ savedQueries: rows.map(view) }, 200);
    },
  );

  app.openapi(
    createRoute({
      ...base,
      method: 'post',
      path: '/api/metrics/saved-queries',
      summary: 'Save a query',
      middleware: [requireAuth({ scope: 'metrics:write' })] as const,
      request: { body: { content: { 'application/json': { schema: SavedQueryBody } }, required: true } },
      responses: { 201: { description: 'Saved', content: { 'application/json': { schema: SavedQueryView } } }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const auth = authOf(c);
      const body = c.req.valid('json');
      const row = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
        parseMetricQuery(body.query, await loadCatalog(tx));
        const [created] = await tx.insert(savedQueries).values({ tenantId: auth.tenantId, name: body.name, query: body.query, createdBy: auth.userId }).returning();
        return created!;
      });
      return c.json(view(row), 201);
    },
  );

  app.openapi(
    createRoute({
      ...base,
      method: 'put',
      path: '/api/metrics/saved-queries/{id}',
      summary: 'Replace a saved query',
      middleware: [requireAuth({ scope: 'metrics:write' })] as const,
      request: { params: IdParam, body: { content: { 'application/json': { schema: SavedQueryBody } }, required: true } },
      responses: { 200: { description: 'Saved', content: { 'application/json': { schema: SavedQueryView } } }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const auth = authOf(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
        parseMetricQuery(body.query, await loadCatalog(tx));
        const [updated] = await tx.update(savedQueries).set({ name: body.name, query: body.query, updatedAt: new Date() }).where(eq(savedQueries.id, id)).returning();
        if (!updated) throw notFound('No such saved query.');
        return updated;
      });
      return c.json(view(row), 200);
    },
  );

  app.openapi(
    createRoute({
      ...base,
      method: 'delete',
      path: '/api/metrics/saved-queries/{id}',
      summary: 'Delete a saved query (and its dashboard widgets)',
      middleware: [requireAuth({ scope: 'metrics:write' })] as const,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
    }),
    async (c) => {
      const auth = authOf(c);
      const { id } = c.req.valid('param');
      await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
        const deleted = await tx.delete(savedQueries).where(eq(savedQueries.id, id)).returning({ id: savedQueries.id });
        if (!deleted.length) throw notFound('No such saved query.');
        await tx.execute(removeWidgetsOf(id));
      });
      return c.body(null, 204);
    },
  );
}
