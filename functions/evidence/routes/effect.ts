import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { loadCatalog } from '@dyocense/metrics';
import { estimateOfJob, failedJob, pending, runEvidenceJob } from '../dispatch';
import { effectInput } from '../inputs';
import { EffectBody, EstimateView, PendingView, unanswerable } from '../schema';
import { estimateView, lastDay } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/evidence/effect',
  tags: ['evidence'],
  summary: 'The effect of a dated action (a campaign, a price change, a new hire) on a metric',
  description:
    'Estimates the average change per day while the action was in force, with a standard error, 95% interval and p-value, and always reports the three refutation checks (placebo action dates, a random common cause, random data subsets) with their outcome. By default compares weekly means with the same weeks a year earlier (difference-in-differences over 16 weeks before the action), which removes the season and the usual gap between the years. The answer is stored.',
  security: authenticated,
  middleware: [requireAuth({ role: 'member', scope: 'evidence:write' })] as const,
  request: { body: { content: { 'application/json': { schema: EffectBody } }, required: true } },
  responses: {
    201: { description: 'The estimate', content: { 'application/json': { schema: EstimateView } } },
    202: { description: 'Still computing', content: { 'application/json': { schema: PendingView } } },
    ...problems(400, 401, 403),
    ...unanswerable,
  },
});

export function registerEffect(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    const input = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => effectInput(tx, await loadCatalog(tx), body, await lastDay(tx, body.metric)));
    const job = await runEvidenceJob(c, auth, 'evidence.effect', {
      meta: { createdBy: auth.userId, inputs: { ...body, endDate: input.endDate, days: input.dates.length, control: input.control?.name ?? null } },
      ...input,
    });
    if (job.status === 'failed') failedJob(job);
    if (job.status !== 'succeeded') return pending(c, job);
    const row = (await estimateOfJob(c, auth, job.id))!;
    await withTenant(c.get('runtime').db, auth.tenantId, (tx) =>
      audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'evidence.effect_estimated', target: `causal_estimate:${row.id}` }),
    );
    return c.json(estimateView(row), 201);
  });
}
