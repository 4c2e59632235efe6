import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { EstimateView, IdParam, ListQuery } from '../schema';
import { estimateView, findEstimate, listEstimates } from '../store';

const list = createRoute({
  method: 'get',
  path: '/api/evidence/estimates',
  tags: ['evidence'],
  summary: 'Stored answers (explanations, effects, simulations), newest first',
  security: authenticated,
  middleware: [requireAuth({ scope: 'evidence:read' })] as const,
  request: { query: ListQuery },
  responses: {
    200: { description: 'A page of estimates', content: { 'application/json': { schema: z.object({ estimates: z.array(EstimateView), limit: z.number(), offset: z.number() }) } } },
    ...problems(400, 401, 403),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/api/evidence/estimates/{id}',
  tags: ['evidence'],
  summary: 'One stored answer, exactly as it was given',
  security: authenticated,
  middleware: [requireAuth({ scope: 'evidence:read' })] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The estimate', content: { 'application/json': { schema: EstimateView } } }, ...problems(400, 401, 403, 404) },
});

export function registerEstimates(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const auth = authOf(c);
    const q = c.req.valid('query');
    const rows = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => listEstimates(tx, q));
    return c.json({ estimates: rows.map(estimateView), limit: q.limit, offset: q.offset }, 200);
  });
  app.openapi(detail, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const row = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => findEstimate(tx, id));
    if (!row) throw notFound('No such estimate.');
    return c.json(estimateView(row), 200);
  });
}
