import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, badRequest, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { parseChange, simulateOnModel } from '../what-if';
import type { StoredModel } from '@dyocense/evidence';
import { SimulateBody, SimulateView } from '../schema';
import { insertEstimate, latestGraph } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/evidence/simulate',
  tags: ['evidence'],
  summary: 'What if: change a metric and see what the current causal graph says follows, with 95% intervals',
  description:
    'Each intervention sets the metric to its average plus the change and pushes it through the fitted structural model of the current graph (POST /api/evidence/graph first); intervals come from redrawing every coefficient from its sampling distribution. Interventions are simulated one at a time. The answer is stored.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'evidence:read' })] as const,
  request: { body: { content: { 'application/json': { schema: SimulateBody } }, required: true } },
  responses: { 200: { description: 'The simulated effects', content: { 'application/json': { schema: SimulateView } } }, ...problems(400, 401, 403, 404) },
});

export function registerSimulate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { interventions } = c.req.valid('json');
    const answer = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const graph = await latestGraph(tx);
      if (!graph) throw notFound('No causal graph yet: POST /api/evidence/graph learns one.');
      const model = graph.model as StoredModel;
      const results = Object.entries(interventions).map(([metric, text]) => {
        if (!model.order.includes(metric)) throw badRequest(`interventions.${metric}: not in the current graph (${model.order.join(', ')})`, [{ path: `interventions.${metric}`, message: 'not in the current graph' }]);
        const r = simulateOnModel(model, metric, parseChange(text));
        return { ...r, effects: r.effects.map((e) => ({ ...e, relativeEffect: Number.isFinite(e.relativeEffect) ? e.relativeEffect : null })) };
      });
      const first = results[0]!;
      const row = await insertEstimate(tx, {
        tenantId: auth.tenantId,
        question: 'simulate',
        metric: first.variable,
        periods: { model: { from: graph.fromDate, to: graph.toDate } },
        method: 'linear structural model on the current causal graph',
        estimate: null,
        details: { graphId: graph.id, results },
        narrative: results.map((r) => r.summary).join(' '),
        inputs: { interventions, graphId: graph.id },
        createdBy: auth.userId,
      });
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'evidence.simulated', target: `causal_estimate:${row.id}` });
      return { graphId: graph.id, results, estimateId: row.id };
    });
    return c.json(answer, 200);
  });
}
