import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { lifecycleStatus, progressOf } from '../evaluate';
import { GoalDetailView, IdParam } from '../schema';
import { findGoal, goalView, listMilestones, metricContext, updateGoal } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/goals/{id}',
  tags: ['goals'],
  summary: 'A goal with its milestones and live progress',
  description: 'Progress is computed from the metric as it stands: current value, % to target, pace so far vs pace needed, on-track flag, projection.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'goals:read' })] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The goal', content: { 'application/json': { schema: GoalDetailView } } }, ...problems(401, 403, 404) },
});

export function registerDetail(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const now = new Date();
    const detail = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      let goal = await findGoal(tx, id);
      if (!goal) throw notFound('No such goal.');
      const { metric, history } = await metricContext(tx, goal.metric, now);
      const progress = metric ? progressOf(goal, metric, history, now) : null;
      const status = lifecycleStatus(goal, progress);
      if (status !== goal.status) goal = (await updateGoal(tx, id, { status }))!;
      return { ...goalView(goal), milestones: await listMilestones(tx, id), progress };
    });
    return c.json(detail, 200);
  });
}
