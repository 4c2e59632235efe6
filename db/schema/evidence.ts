import { doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from './columns';
import { tenants, users } from './identity';

export const estimateQuestions = ['explain', 'effect', 'simulate'] as const;
export type EstimateQuestion = (typeof estimateQuestions)[number];

/**
 * Every answer the evidence function gave: why a metric changed, what a dated action did, what
 * an intervention would do. The numbers, the checks that could have refuted them and the
 * narrative are kept together so an answer can be shown again exactly as it was given.
 */
export const causalEstimates = pgTable(
  'causal_estimates',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    question: text('question', { enum: estimateQuestions }).notNull(),
    metric: text('metric').notNull(),
    /** The period asked about and the one it is compared with (ISO dates, inclusive). */
    periods: jsonb('periods').$type<Record<string, { from: string; to: string }>>().notNull(),
    method: text('method').notNull(),
    /** The headline number (change explained, effect per day); null when there is none. */
    estimate: doublePrecision('estimate'),
    se: doublePrecision('se'),
    ciLow: doublePrecision('ci_low'),
    ciHigh: doublePrecision('ci_high'),
    pValue: doublePrecision('p_value'),
    refutations: jsonb('refutations'),
    drivers: jsonb('drivers'),
    /** Everything else the engine returned (candidates, event-time effects, decompositions). */
    details: jsonb('details').notNull().default({}),
    narrative: text('narrative').notNull(),
    /** What went in: metric names, date ranges, number of days, the action's label. */
    inputs: jsonb('inputs').notNull(),
    jobId: uuid('job_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('causal_estimates_tenant_created_idx').on(t.tenantId, t.createdAt),
    // One estimate per job: a job applied twice (a redelivery) cannot store two answers.
    uniqueIndex('causal_estimates_job_idx').on(t.jobId),
  ],
);

/** A learned causal graph over the tenant's daily metrics; the newest one is current. */
export const evidenceGraphs = pgTable(
  'evidence_graphs',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    days: integer('days').notNull(),
    summary: text('summary').notNull(),
    /** The fitted linear structural model (equations with coefficient covariances), for what-ifs. */
    model: jsonb('model').notNull(),
    /** Pairs the data found unrelated given others (what looked related but is not causal). */
    separations: jsonb('separations').notNull().default([]),
    jobId: uuid('job_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_graphs_tenant_created_idx').on(t.tenantId, t.createdAt), uniqueIndex('evidence_graphs_job_idx').on(t.jobId)],
);

export const evidenceGraphNodes = pgTable(
  'evidence_graph_nodes',
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    graphId: uuid('graph_id')
      .notNull()
      .references(() => evidenceGraphs.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    mean: doublePrecision('mean').notNull(),
    r2: doublePrecision('r2').notNull(),
  },
  (t) => [uniqueIndex('evidence_graph_nodes_pk').on(t.graphId, t.metric)],
);

export const edgeKinds = ['learned', 'stated', 'forbidden'] as const;
export type EdgeKind = (typeof edgeKinds)[number];

/**
 * Edges of a graph. `learned` came from the data, `stated` from the owner (and is in the model),
 * `forbidden` is the owner saying a link does not exist (kept so the next learning honours it).
 * Owner edges live with graph_id null too: the standing instructions merged into every learning.
 */
export const evidenceGraphEdges = pgTable(
  'evidence_graph_edges',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    graphId: uuid('graph_id').references(() => evidenceGraphs.id, { onDelete: 'cascade' }),
    fromMetric: text('from_metric').notNull(),
    toMetric: text('to_metric').notNull(),
    kind: text('kind', { enum: edgeKinds }).notNull(),
    /** data (oriented by the data), assumed (direction not identifiable), owner (stated). */
    origin: text('origin'),
    coefficient: doublePrecision('coefficient'),
    se: doublePrecision('se'),
    pValue: doublePrecision('p_value'),
    standardized: doublePrecision('standardized'),
    /** Share of random data subsets in which the link was found again. */
    confidence: doublePrecision('confidence'),
    createdAt: createdAt(),
  },
  (t) => [
    index('evidence_graph_edges_to_idx').on(t.graphId, t.toMetric),
    index('evidence_graph_edges_tenant_idx').on(t.tenantId, t.graphId),
  ],
);
