import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { desc, eq, inArray } from 'drizzle-orm';
import { dashboards, savedQueries, type DashboardWidget } from '@dyocense/db';
import { authenticated, authOf, badRequest, notFound, problems, requireAuth, withTenant, type AppEnv, type Tx } from '@dyocense/core';

const Widget = z.object({
  savedQueryId: z.uuid(),
  title: z.string().trim().min(1).max(100),
  visualization: z.enum(['line', 'bar', 'number', 'table']),
});
const DashboardBody = z
  .object({ name: z.string().trim().min(1).max(100), widgets: z.array(Widget).max(50).default([]), isDefault: z.boolean().default(false) })
  .openapi('DashboardRequest');
const DashboardView = z
  .object({ id: z.uuid(), name: z.string(), widgets: z.array(Widget), isDefault: z.boolean(), createdAt: z.string(), updatedAt: z.string() })
  .openapi('Dashboard');
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const view = (r: typeof dashboards.$inferSelect) => ({
  id: r.id,
  name: r.name,
  widgets: r.widgets,
  isDefault: r.isDefault,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Every widget must point at one of this tenant's saved queries (RLS hides the others). */
async function checkWidgets(tx: Tx, widgets: DashboardWidget[]) {
  const ids = [...new Set(widgets.map((w) => w.savedQueryId))];
  if (!ids.length) return;
  const found = new Set((await tx.select({ id: savedQueries.id }).from(savedQueries).where(inArray(savedQueries.id, ids))).map((r) => r.id));
  const missing = widgets.flatMap((w, i) => (found.has(w.savedQueryId) ? [] : [{ path: `widgets.${i}.savedQueryId`, message: 'no such saved query' }]));
  if (missing.length) throw badRequest('Some widgets point at saved queries that do not exist.', missing);
}

/** Only one default dashboard per business. */
async function clearDefault(tx: Tx, isDefault: boolean) {
  if (isDefault) await tx.update(dashboards).set({ isDefault: false }).where(eq(dashboards.isDefault, true));
}

const base = { tags: ['metrics'], security: authenticated };

/** Dashboards: ordered widgets over saved queries. CRUD. */
export function registerDashboards(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      ...base,
      method: 'get',
      path: '/api/metrics/dashboards',
      summary: 'Dashboards, the default first',
      middleware: [requireAuth({ scope: 'metrics:read' })] as const,
      responses: { 200: { description: 'List', content: { 'application/json': { schema: z.object({ dashboards: z.array(DashboardView) }) } } }, ...problems(401, 403) },
    }),
    async (c) => {
      const auth = authOf(c);
      const rows = await withTenant(c.get('runtime').db, auth.tenantId, (tx) =>
        tx.select().from(dashboards).orderBy(desc(dashboards.isDefault), desc(dashboards.createdAt)),
      );
      return c.json({ dashboards: rows.map(view) }, 200);
    },
  );

  app.openapi(
    createRoute({
      ...base,
      method: 'get',
      path: '/api/metrics/dashboards/{id}',
      summary: 'One dashboard',
      middleware: [requireAuth({ scope: 'metrics:read' })] as const,
      request: { params: IdParam },
      responses: { 200: { description: 'Dashboard', content: { 'application/json': { schema: DashboardView } } }, ...problems(401, 403, 404) },
    }),
    async (c) => {
      const auth = authOf(c);
      const { id } = c.req.valid('param');
      const [row] = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => tx.select().from(dashboards).where(eq(dashboards.id, id)));
      if (!row) throw notFound('No such dashboard.');
      return c.json(view(row), 200);
    },
  );

  app.openapi(
    createRoute({
      ...base,
      method: 'post',
      path: '/api/metrics/dashboards',
      summary: 'Create a dashboard',
      middleware: [requireAuth({ scope: 'metrics:write' })] as const,
      request: { body: { content: { 'application/json': { schema: DashboardBody } }, required: true } },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: DashboardView } } }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const auth = authOf(c);
      const body = c.req.valid('json');
      const row = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
        await checkWidgets(tx, body.widgets);
        await clearDefault(tx, body.isDefault);
        const [created] = await tx.insert(dashboards).values({ tenantId: auth.tenantId, ...body, createdBy: auth.userId }).returning();
        return created!;
      });
      return c.json(view(row), 201);
    },
  );

  app.openapi(
    createRoute({
      ...base,
      method: 'put',
      path: '/api/metrics/dashboards/{id}',
      summary: 'Replace a dashboard (name, widgets in order, default flag)',
      middleware: [requireAuth({ scope: 'metrics:write' })] as const,
      request: { params: IdParam, body: { content: { 'application/json': { schema: DashboardBody } }, required: true } },
      responses: { 200: { description: 'Saved', content: { 'application/json': { schema: DashboardView } } }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const auth = authOf(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const row = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
        await checkWidgets(tx, body.widgets);
        await clearDefault(tx, body.isDefault);
        const [updated] = await tx.update(dashboards).set({ ...body, updatedAt: new Date() }).where(eq(dashboards.id, id)).returning();
        if (!updated) throw notFound('No such dashboard.');
        return updated;
      });
      return c.json(view(row), 200);
    },
  );

  app.openapi(
    createRoute({
      ...base,
      method: 'delete',
      path: '/api/metrics/dashboards/{id}',
      summary: 'Delete a dashboard',
      middleware: [requireAuth({ scope: 'metrics:write' })] as const,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
    }),
    async (c) => {
      const auth = authOf(c);
      const { id } = c.req.valid('param');
      const deleted = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => tx.delete(dashboards).where(eq(dashboards.id, id)).returning({ id: dashboards.id }));
      if (!deleted.length) throw notFound('No such dashboard.');
      return c.body(null, 204);
    },
  );
}
