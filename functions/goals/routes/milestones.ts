import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, badRequest, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { IdParam, MilestoneBody, MilestoneView } from '../schema';
import { addMilestone, findGoal } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/goals/{id}/milestones',
  tags: ['goals'],
  summary: 'Add a milestone on the way to a goal',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'goals:write' })] as const,
  request: { params: IdParam, body: { content: { 'application/json': { schema: MilestoneBody } }, required: true } },
  responses: { 201: { description: 'Added', content: { 'application/json': { schema: MilestoneView } } }, ...problems(400, 401, 403, 404) },
});

export function registerMilestones(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const milestone = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const goal = await findGoal(tx, id);
      if (!goal) throw notFound('No such goal.');
      if (body.dueDate < goal.startDate || body.dueDate > goal.deadline) {
        throw badRequest(`A milestone falls between the goal's start (${goal.startDate}) and its deadline (${goal.deadline}).`, [
          { path: 'dueDate', message: 'outside the goal period' },
        ]);
      }
      return addMilestone(tx, { tenantId: auth.tenantId, goalId: id, ...body });
    });
    return c.json(milestone, 201);
  });
}
