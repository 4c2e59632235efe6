import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { loadCatalog } from '@dyocense/metrics';
import { estimateOfJob, failedJob, pending, runEvidenceJob } from '../dispatch';
import { explainInput, resolvePeriods } from '../inputs';
import { EstimateView, ExplainQuery, PendingView, unanswerable } from '../schema';
import { estimateView } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/evidence/explain',
  tags: ['evidence'],
  summary: 'Why a metric changed between two periods',
  description:
    'Splits the change exactly (revenue = orders × average ticket; across the metric\'s dimension, or revenue by category), ranks drivers and detractors (contributions sum to the total change), then screens every other tracked metric as a possible cause: did it change unusually, does the metric move with it day by day net of weekday and trend (with placebo, random-common-cause and subset checks, and a Granger test), and is its change merely predictable from the metric\'s own change (a consequence, not a cause)? The answer is stored; the same question over the same data returns the same stored answer. Waits for the computation; 202 with a job to poll if it takes too long.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'evidence:read' })] as const,
  request: { query: ExplainQuery },
  responses: {
    200: { description: 'The explanation', content: { 'application/json': { schema: EstimateView } } },
    202: { description: 'Still computing', content: { 'application/json': { schema: PendingView } } },
    ...problems(400, 401, 403),
    ...unanswerable,
  },
});

export function registerExplain(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const q = c.req.valid('query');
    const periods = resolvePeriods(q.from, q.to, q.compareTo);
    const input = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => explainInput(tx, await loadCatalog(tx), q.metric, periods));
    const job = await runEvidenceJob(c, auth, 'evidence.explain', {
      meta: { createdBy: auth.userId, inputs: { metric: q.metric, compareTo: q.compareTo, ...periods, days: input.dates.length, candidates: input.candidates.length } },
      ...input,
    });
    if (job.status === 'failed') failedJob(job);
    if (job.status !== 'succeeded') return pending(c, job);
    const row = (await estimateOfJob(c, auth, job.id))!;
    await withTenant(c.get('runtime').db, auth.tenantId, (tx) =>
      audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'evidence.explained', target: `causal_estimate:${row.id}` }),
    );
    return c.json(estimateView(row), 200);
  });
}
