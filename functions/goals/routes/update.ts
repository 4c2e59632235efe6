import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, conflict, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { assess, refuseIfNotSmart } from '../evaluate';
import { GoalPatchBody, GoalView, IdParam } from '../schema';
import { findGoal, goalView, metricContext, updateGoal } from '../store';

const route = createRoute({
  method: 'patch',
  path: '/api/goals/{id}',
  tags: ['goals'],
  summary: 'Change a goal (title, target, deadline) or move it between in_progress and archived',
  description: 'A new target or deadline is checked against SMART again.',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'goals:write' })] as const,
  request: { params: IdParam, body: { content: { 'application/json': { schema: GoalPatchBody } }, required: true } },
  responses: { 200: { description: 'Updated', content: { 'application/json': { schema: GoalView } } }, ...problems(400, 401, 403, 404, 409) },
});

export function registerUpdate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const now = new Date();
    const row = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const goal = await findGoal(tx, id);
      if (!goal) throw notFound('No such goal.');
      if (goal.status === 'archived' && patch.status !== 'in_progress') throw conflict('This goal is archived; restore it (status in_progress) before changing it.');
      let assessment = goal.assessment;
      if (patch.targetValue !== undefined || patch.deadline !== undefined) {
        const { metric, history } = await metricContext(tx, goal.metric, now);
        const next = assess(
          {
            title: patch.title ?? goal.title,
            metric: goal.metric,
            direction: goal.direction,
            targetValue: patch.targetValue ?? goal.targetValue,
            measure: goal.measure,
            startDate: goal.startDate,
            deadline: patch.deadline ?? goal.deadline,
            area: goal.area,
          },
          metric,
          history,
          now,
        );
        refuseIfNotSmart(next);
        assessment = next;
      }
      const updated = await updateGoal(tx, id, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.targetValue !== undefined ? { targetValue: patch.targetValue } : {}),
        ...(patch.deadline !== undefined ? { deadline: patch.deadline } : {}),
        ...(patch.status ? { status: patch.status, archivedAt: patch.status === 'archived' ? now : null } : {}),
        assessment,
      });
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'goal.updated', target: `goal:${id}`, details: { fields: Object.keys(patch) } });
      return updated!;
    });
    return c.json(goalView(row), 200);
  });
}
