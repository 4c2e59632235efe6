import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { GoalView, ListParams } from '../schema';
import { goalView, listGoals } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/goals',
  tags: ['goals'],
  summary: 'Goals, soonest deadline first (archived ones only when asked by status)',
  security: authenticated,
  middleware: [requireAuth({ scope: 'goals:read' })] as const,
  request: { query: ListParams },
  responses: {
    200: {
      description: 'A page of goals',
      content: { 'application/json': { schema: z.object({ goals: z.array(GoalView), page: z.number(), pageSize: z.number(), total: z.number() }) } },
    },
    ...problems(400, 401, 403),
  },
});

export function registerList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const params = c.req.valid('query');
    const { rows, total } = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => listGoals(tx, params));
    return c.json({ goals: rows.map(goalView), page: params.page, pageSize: params.pageSize, total }, 200);
  });
}
