import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, notFound, ProblemSchema, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { optimizationKinds, type OptimizationKind } from '@dyocense/db';
import { ConstraintsView, settingsSchemas } from '../schema';
import { deleteConstraints, findConstraints, listConstraints, saveConstraints, type ConstraintsRow } from '../store';
import { checkSize } from '@dyocense/planning';

const view = (row: ConstraintsRow) => ({ kind: row.kind, settings: row.settings, updatedAt: row.updatedAt.toISOString() });

const what: Record<OptimizationKind, string> = {
  inventory: 'the SKU catalog (case packs, costs, lead times, usage drivers), suppliers, storage space and cash',
  staffing: 'opening hours, the hourly demand profile, roles, the staff roster with availability, shift lengths and rules',
  budget: 'marketing channels with their response curves, and the budget',
  pricing: 'products with candidate prices or elasticities, capacity, price ladders and equal-price groups',
};

const listRoute = createRoute({
  method: 'get',
  path: '/api/optimize/constraints',
  tags: ['optimize'],
  summary: 'Every saved optimization setting of the tenant',
  security: authenticated,
  middleware: [requireAuth({ scope: 'optimize:read' })] as const,
  responses: { 200: { description: 'Saved settings by kind', content: { 'application/json': { schema: z.object({ constraints: z.array(ConstraintsView) }) } } }, ...problems(401, 403) },
});

function registerKind(app: OpenAPIHono<AppEnv>, kind: OptimizationKind) {
  const schema = settingsSchemas[kind];
  const path = `/api/optimize/constraints/${kind}`;
  const get = createRoute({
    method: 'get',
    path,
    tags: ['optimize'],
    summary: `Saved ${kind} settings`,
    description: `What fills a POST /api/optimize/${kind} request's missing fields: ${what[kind]}.`,
    security: authenticated,
    middleware: [requireAuth({ scope: 'optimize:read' })] as const,
    responses: { 200: { description: 'The saved settings', content: { 'application/json': { schema: ConstraintsView } } }, ...problems(401, 403, 404) },
  });
  const put = createRoute({
    method: 'put',
    path,
    tags: ['optimize'],
    summary: `Save the ${kind} settings (replaces them whole)`,
    description: `${what[kind]}. Items are checked for types here and for ranges by the engine when a plan is requested.`,
    security: authenticated,
    middleware: [requireAuth({ role: 'manager', scope: 'optimize:write' })] as const,
    request: { body: { content: { 'application/json': { schema } }, required: true } },
    responses: {
      200: { description: 'Saved', content: { 'application/json': { schema: ConstraintsView } } },
      ...problems(400, 401, 403),
      413: { description: 'More items than the optimizer takes', content: { 'application/problem+json': { schema: ProblemSchema } } },
    },
  });
  const del = createRoute({
    method: 'delete',
    path,
    tags: ['optimize'],
    summary: `Forget the saved ${kind} settings`,
    security: authenticated,
    middleware: [requireAuth({ role: 'manager', scope: 'optimize:write' })] as const,
    responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
  });

  app.openapi(get, async (c) => {
    const auth = authOf(c);
    const row = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => findConstraints(tx, kind));
    if (!row) throw notFound(`No ${kind} settings are saved.`);
    return c.json(view(row), 200);
  });
  app.openapi(put, async (c) => {
    const auth = authOf(c);
    const settings = c.req.valid('json') as Record<string, unknown>;
    checkSize(kind, settings);
    const row = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const saved = await saveConstraints(tx, { tenantId: auth.tenantId, kind, settings, updatedBy: auth.userId });
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'optimization.constraints_saved', target: `optimization_constraints:${kind}` });
      return saved;
    });
    return c.json(view(row), 200);
  });
  app.openapi(del, async (c) => {
    const auth = authOf(c);
    const deleted = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const gone = await deleteConstraints(tx, kind);
      if (gone) await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'optimization.constraints_deleted', target: `optimization_constraints:${kind}` });
      return gone;
    });
    if (!deleted) throw notFound(`No ${kind} settings are saved.`);
    return c.body(null, 204);
  });
}

export function registerConstraints(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const auth = authOf(c);
    const rows = await withTenant(c.get('runtime').db, auth.tenantId, listConstraints);
    return c.json({ constraints: rows.map(view) }, 200);
  });
  for (const kind of optimizationKinds) registerKind(app, kind);
}
