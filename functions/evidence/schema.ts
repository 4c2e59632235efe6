import { z } from '@hono/zod-openapi';
import { ProblemSchema } from '@dyocense/core';

/** Evidence API shapes: requests checked field by field, responses as documented in OpenAPI. */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'not a real calendar date');

const MetricName = z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'lower-case letters, digits and _, starting with a letter');

const Filters = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.string().min(1).max(200))
  .refine((f) => Object.keys(f).length <= 10, 'at most 10 dimensions')
  .optional()
  .openapi({ example: { channel: 'instagram' }, description: 'Only the series with these dimension values (dimension → value).' });

export const ExplainQuery = z.object({
  metric: MetricName.openapi({ example: 'revenue', description: 'The metric whose change to explain.' }),
  from: isoDate.openapi({ example: '2026-09-07', description: 'First day of the period to explain (inclusive).' }),
  to: isoDate.openapi({ example: '2026-09-13', description: 'Last day of the period (inclusive); at most 366 days after `from`.' }),
  compareTo: z
    .string()
    .regex(/^(previous_period|previous_year|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/, "previous_period, previous_year, or an explicit range YYYY-MM-DD..YYYY-MM-DD")
    .default('previous_period')
    .openapi({
      example: 'previous_period',
      description: "What the period is compared with: `previous_period` (the same number of days just before; default), `previous_year` (the same days 364 days earlier, so weekdays line up) or an explicit range `YYYY-MM-DD..YYYY-MM-DD`.",
    }),
});

export const EffectBody = z.object({
  metric: MetricName.openapi({ example: 'orders' }),
  actionDate: isoDate.openapi({ example: '2026-04-06', description: 'The day the action started.' }),
  endDate: isoDate.optional().openapi({ example: '2026-05-31', description: 'The last day the action was in force; default 8 weeks after the start or the last day with data, whichever is first.' }),
  label: z.string().min(1).max(200).optional().openapi({ example: 'Instagram campaign' }),
  method: z.enum(['did', 'event-study', 'its']).default('did').openapi({
    description:
      "`did` (default): difference-in-differences on weekly means against a comparison series; `event-study`: the same panel with one effect per week since the action and a pre-trend test; `its`: before/after segmented regression on the metric alone (no comparison: anything else that changed at the same time looks the same).",
  }),
  control: z
    .union([z.literal('previous_year'), z.object({ metric: MetricName, filters: Filters })])
    .default('previous_year')
    .openapi({
      description:
        "The comparison series for did/event-study: `previous_year` (default: the same weeks 364 days earlier, so seasons and weekdays line up) or another metric unaffected by the action, rescaled to the metric's level before the action.",
    }),
  filters: Filters,
});

const Interval = z.tuple([z.number(), z.number()]).openapi({ description: '95% interval' });

const Refutation = z
  .object({ check: z.string(), passed: z.boolean(), originalEffect: z.number(), newEffect: z.number().nullable(), runs: z.number(), pValue: z.number().optional(), summary: z.string() })
  .openapi('Refutation');
export const RefutationReport = z.object({ checks: z.array(Refutation), passed: z.boolean(), summary: z.string() }).openapi('RefutationReport');

export const EstimateView = z
  .object({
    id: z.string().uuid(),
    question: z.enum(['explain', 'effect', 'simulate']),
    metric: z.string(),
    periods: z.record(z.string(), z.object({ from: z.string(), to: z.string() })),
    method: z.string(),
    estimate: z.number().nullable().openapi({ description: 'explain: the total change; effect: the average change per day while the action ran.' }),
    se: z.number().nullable(),
    ci: Interval.nullable(),
    pValue: z.number().nullable(),
    refutations: z.unknown().openapi({ description: 'The checks that could have refuted the estimate, with their outcome; never left out.' }),
    drivers: z.unknown().openapi({ description: 'explain: ranked drivers and detractors (contributions sum to the total change) and each decomposition.' }),
    details: z.record(z.string(), z.unknown()).openapi({ description: 'explain: candidate causes with their evidence; effect: per-method numbers.' }),
    narrative: z.string().openapi({ description: 'The answer in plain language.' }),
    inputs: z.record(z.string(), z.unknown()),
    jobId: z.string().uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('CausalEstimate');

export const PendingView = z
  .object({ jobId: z.string().uuid(), status: z.string(), location: z.string() })
  .openapi('EvidencePending', { description: 'Still computing: poll `location`.' });

export const JobView = z.object({
  jobId: z.string().uuid(),
  kind: z.string(),
  status: z.string(),
  error: z.string().nullable(),
  estimateId: z.string().uuid().nullable(),
  graphId: z.string().uuid().nullable(),
});

export const ListQuery = z.object({
  question: z.enum(['explain', 'effect', 'simulate']).optional(),
  metric: MetricName.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const Edge = z.object({ from: MetricName, to: MetricName });

export const GraphBody = z.object({
  metrics: z.array(MetricName).min(2).max(20).optional().openapi({
    description: 'Metrics to include (their daily totals); default every metric with daily data in the range, except dimension-only series. List likely causes first: directions the data cannot settle follow this order.',
  }),
  from: isoDate.optional().openapi({ description: 'First day of history (default 365 days before `to`).' }),
  to: isoDate.optional().openapi({ description: 'Last day of history (default the last day with data).' }),
  require: z.array(Edge).max(50).default([]).openapi({ description: 'Links the owner knows exist (kept for future learning too).' }),
  forbid: z.array(Edge).max(50).default([]).openapi({ description: 'Links the owner knows do not exist (kept for future learning too).' }),
});

export const GraphEdgeView = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(['learned', 'stated', 'forbidden']),
  origin: z.string().nullable(),
  coefficient: z.number().nullable(),
  se: z.number().nullable(),
  pValue: z.number().nullable(),
  standardized: z.number().nullable(),
  confidence: z.number().nullable().openapi({ description: 'Share of random 80% data subsets in which the link was found again.' }),
});

export const GraphView = z
  .object({
    id: z.string().uuid(),
    from: z.string(),
    to: z.string(),
    days: z.number(),
    summary: z.string(),
    nodes: z.array(z.object({ metric: z.string(), mean: z.number(), r2: z.number() })),
    edges: z.array(GraphEdgeView),
    separations: z.unknown().openapi({ description: 'Pairs the data found unrelated once others are accounted for: correlations that are not causal.' }),
    ancestors: z
      .array(z.object({ metric: z.string(), depth: z.number(), path: z.array(z.string()) }))
      .optional()
      .openapi({ description: 'With ?target=: every metric with a directed path into the target, nearest first, with one shortest path.' }),
    createdAt: z.string(),
  })
  .openapi('CausalGraph');

export const GraphQuery = z.object({ target: MetricName.optional().openapi({ description: 'List the causal ancestors of this metric (direct and through other metrics).' }) });

export const SimulateBody = z.object({
  interventions: z
    .record(MetricName, z.string().regex(/^[+-]?\d+(\.\d+)?%?$/, 'a change such as "+20%", "-10%" or "+150" (absolute)'))
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 5, 'between 1 and 5 interventions')
    .openapi({ example: { marketing_spend: '+20%' }, description: 'metric → change: relative ("+20%") or absolute ("+150", in the metric\'s unit per day).' }),
});

export const SimulateView = z
  .object({
    graphId: z.string().uuid(),
    results: z.array(
      z.object({
        variable: z.string(),
        delta: z.number(),
        effects: z.array(z.object({ variable: z.string(), baseline: z.number(), effect: z.number(), ci: Interval, relativeEffect: z.number().nullable() })),
        summary: z.string(),
      }),
    ),
    estimateId: z.string().uuid(),
  })
  .openapi('SimulationResult');

export const IdParam = z.object({ id: z.string().uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/** 422: the question is well formed but the data cannot answer it (no data in a period, too little history). */
export const unanswerable = {
  422: {
    description: 'The data cannot answer this question (no data in a period, too little history); the field is named',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;
