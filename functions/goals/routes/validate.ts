import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { assess, draftOf } from '../evaluate';
import { AssessmentView, GoalDraftBody } from '../schema';
import { metricContext } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/goals/validate',
  tags: ['goals'],
  summary: 'Check a goal against SMART, criterion by criterion, without saving it',
  description: 'Each criterion answers pass, warn or fail with a sentence; Achievable compares the required growth with the best this business has sustained.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'goals:read' })] as const,
  request: { body: { content: { 'application/json': { schema: GoalDraftBody } }, required: true } },
  responses: { 200: { description: 'The assessment', content: { 'application/json': { schema: AssessmentView } } }, ...problems(400, 401, 403) },
});

export function registerValidate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    const now = new Date();
    const { metric, history } = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => metricContext(tx, body.metric, now));
    return c.json(assess(draftOf(body, metric, now), metric, history, now), 200);
  });
}
