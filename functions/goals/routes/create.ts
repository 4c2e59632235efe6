import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { assess, baselineOf, draftOf, refuseIfNotSmart } from '../evaluate';
import { GoalDraftBody, GoalView } from '../schema';
import { goalView, insertGoal, metricContext } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/goals',
  tags: ['goals'],
  summary: 'Create a SMART goal',
  description:
    'Refused with 422 (and the full assessment) when it fails Specific, Measurable or Time-bound; a goal that looks hard to achieve is saved with the warning, not refused.',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'goals:write' })] as const,
  request: { body: { content: { 'application/json': { schema: GoalDraftBody } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: GoalView } } },
    ...problems(400, 401, 403),
    422: { description: 'Not SMART: the assessment says why', content: { 'application/problem+json': { schema: GoalView.pick({}) } } },
  },
});

export function registerCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    const now = new Date();
    const row = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const { metric, history } = await metricContext(tx, body.metric, now);
      const draft = draftOf(body, metric, now);
      const assessment = assess(draft, metric, history, now);
      refuseIfNotSmart(assessment);
      const goal = await insertGoal(tx, {
        tenantId: auth.tenantId,
        title: draft.title,
        description: body.description,
        metric: draft.metric,
        direction: draft.direction!,
        measure: draft.measure,
        targetValue: draft.targetValue!,
        unit: metric!.unit,
        area: draft.area ?? metric!.area,
        startDate: draft.startDate,
        deadline: draft.deadline!,
        baselineValue: baselineOf(draft, metric!, history),
        status: draft.startDate <= now.toISOString().slice(0, 10) ? 'in_progress' : 'created',
        assessment,
        createdBy: auth.userId,
      });
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'goal.created', target: `goal:${goal.id}` });
      return goal;
    });
    return c.json(goalView(row), 201);
  });
}
