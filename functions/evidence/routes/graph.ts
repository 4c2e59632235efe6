import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { loadCatalog } from '@dyocense/metrics';
import { failedJob, graphOfJob, pending, runEvidenceJob } from '../dispatch';
import { graphInput, metricOf } from '../inputs';
import { GraphBody, GraphQuery, GraphView, PendingView, unanswerable } from '../schema';
import { graphView, lastDay, latestGraph, ownerEdges, saveOwnerEdges } from '../store';
import { evidenceGraphs } from '@dyocense/db';
import { eq } from 'drizzle-orm';

const learn = createRoute({
  method: 'post',
  path: '/api/evidence/graph',
  tags: ['evidence'],
  summary: "Learn (or update) the causal graph over the tenant's daily metrics",
  description:
    'PC-stable with partial-correlation tests over daily totals, merged with the links the owner states (`require`) or rules out (`forbid`); those statements are kept and honoured by every later learning. A linear structural model is fitted on the graph for what-ifs. Each learned link reports its coefficient and how often it reappeared in random data subsets (`confidence`). The new graph becomes the current one.',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'evidence:write' })] as const,
  request: { body: { content: { 'application/json': { schema: GraphBody } }, required: true } },
  responses: {
    201: { description: 'The learned graph', content: { 'application/json': { schema: GraphView } } },
    202: { description: 'Still computing', content: { 'application/json': { schema: PendingView } } },
    ...problems(400, 401, 403),
    ...unanswerable,
  },
});

const read = createRoute({
  method: 'get',
  path: '/api/evidence/graph',
  tags: ['evidence'],
  summary: 'The current causal graph; with ?target=, what drives that metric directly or through others',
  security: authenticated,
  middleware: [requireAuth({ scope: 'evidence:read' })] as const,
  request: { query: GraphQuery },
  responses: { 200: { description: 'The graph', content: { 'application/json': { schema: GraphView } } }, ...problems(400, 401, 403, 404) },
});

export function registerGraph(app: OpenAPIHono<AppEnv>) {
  app.openapi(learn, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    const db = c.get('runtime').db;
    // Owner statements are checked and saved first: they stand even if this learning fails.
    const input = await withTenant(db, auth.tenantId, async (tx) => {
      const catalog = await loadCatalog(tx);
      body.require.forEach((e, i) => (metricOf(catalog, e.from, `require.${i}.from`), metricOf(catalog, e.to, `require.${i}.to`)));
      body.forbid.forEach((e, i) => (metricOf(catalog, e.from, `forbid.${i}.from`), metricOf(catalog, e.to, `forbid.${i}.to`)));
      await saveOwnerEdges(tx, auth.tenantId, body.require, body.forbid);
      return graphInput(tx, catalog, body, await lastDay(tx), await ownerEdges(tx));
    });
    const job = await runEvidenceJob(c, auth, 'evidence.graph', {
      meta: { createdBy: auth.userId, inputs: { ...input.period, metrics: input.series.map((s) => s.name), required: input.required, forbidden: input.forbidden } },
      ...input,
    });
    if (job.status === 'failed') failedJob(job);
    if (job.status !== 'succeeded') return pending(c, job);
    const graphId = (await graphOfJob(c, auth, job.id))!;
    const view = await withTenant(db, auth.tenantId, async (tx) => {
      const [graph] = await tx.select().from(evidenceGraphs).where(eq(evidenceGraphs.id, graphId));
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'evidence.graph_learned', target: `evidence_graph:${graphId}` });
      return graphView(tx, graph!);
    });
    return c.json(view, 201);
  });

  app.openapi(read, async (c) => {
    const auth = authOf(c);
    const { target } = c.req.valid('query');
    const view = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const graph = await latestGraph(tx);
      if (!graph) throw notFound('No causal graph yet: POST /api/evidence/graph learns one.');
      if (target) metricOf(await loadCatalog(tx), target, 'target');
      return graphView(tx, graph, target);
    });
    return c.json(view, 200);
  });
}
