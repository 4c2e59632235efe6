import { z } from 'zod';
import { causalEstimates, evidenceGraphEdges, evidenceGraphNodes, evidenceGraphs } from '@dyocense/db';
import { defineJobKind } from '../registry';
import { estimateEffect, type EffectResult } from './evidence/effect';
import { explainChange, type ExplainResult } from './evidence/explain';
import { learnGraph, type GraphResult } from './evidence/graph';

/**
 * Evidence job kinds: the heavy estimations behind /api/evidence. The request gathers the daily
 * series; `compute` runs the engine on them (pure, on a worker thread); `apply` stores the answer
 * in the job's completing transaction, keyed by the job id, so a redelivery cannot store it twice.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const period = z.object({ from: date, to: date });
const daily = z.array(z.number().finite().nullable());
const series = z.object({ name: z.string().min(1), values: daily });
/** Who asked and what they asked, echoed into the result for `apply` to store. */
const meta = z.object({ createdBy: z.string().uuid().nullable(), inputs: z.record(z.string(), z.unknown()) });
type Meta = z.infer<typeof meta>;

const explainPayload = z.object({
  meta,
  metric: z.string().min(1),
  label: z.string(),
  unit: z.string(),
  aggregation: z.enum(['sum', 'avg', 'last']),
  period,
  comparison: period.extend({ kind: z.enum(['previous_period', 'previous_year', 'range']) }),
  dates: z.array(date).min(14).max(3000),
  target: daily,
  identity: z.object({ volume: series, ratioName: z.string() }).optional(),
  breakdown: z.object({ metric: z.string(), dimension: z.string(), segments: z.array(z.object({ segment: z.string(), values: daily })).max(200) }).optional(),
  candidates: z
    .array(z.object({ name: z.string(), metric: z.string(), dimension: z.object({ name: z.string(), value: z.string() }).optional(), values: daily }))
    .max(300),
});

export const explainJob = defineJobKind({
  kind: 'evidence.explain',
  payload: explainPayload,
  compute: ({ meta, ...input }) => ({ meta, ...explainChange(input) }),
  apply: async (tx, r: ExplainResult & { meta: Meta }, ctx) => {
    const inputs = r.meta.inputs as { period: { from: string; to: string }; comparison: { from: string; to: string } };
    await tx.insert(causalEstimates).values({
      tenantId: ctx.tenantId,
      jobId: ctx.jobId,
      question: 'explain',
      metric: r.metric,
      periods: { period: inputs.period, comparison: inputs.comparison },
      method: 'decomposition + candidate screening (lagged regression, Granger, refutations)',
      estimate: r.change,
      drivers: { drivers: r.drivers, detractors: r.detractors, decompositions: r.decompositions },
      refutations: r.candidates.filter((c) => c.refutations).map((c) => ({ candidate: c.name, ...c.refutations })),
      details: { before: r.before, after: r.after, percent: r.percent, likelyCauses: r.likelyCauses, candidates: r.candidates },
      narrative: r.narrative,
      inputs: r.meta.inputs,
      createdBy: r.meta.createdBy,
    });
  },
});

const effectPayload = z.object({
  meta,
  metric: z.string().min(1),
  label: z.string(),
  unit: z.string(),
  method: z.enum(['did', 'event-study', 'its']),
  actionDate: date,
  endDate: date,
  dates: z.array(date).min(14).max(3000),
  values: daily,
  control: series.optional(),
});

export const effectJob = defineJobKind({
  kind: 'evidence.effect',
  payload: effectPayload,
  compute: ({ meta, ...input }) => ({ meta, metric: input.metric, actionDate: input.actionDate, endDate: input.endDate, ...estimateEffect(input) }),
  apply: async (tx, r: EffectResult & { meta: Meta; metric: string; actionDate: string; endDate: string }, ctx) => {
    await tx.insert(causalEstimates).values({
      tenantId: ctx.tenantId,
      jobId: ctx.jobId,
      question: 'effect',
      metric: r.metric,
      periods: { action: { from: r.actionDate, to: r.endDate } },
      method: r.method,
      estimate: r.effect,
      se: r.se,
      ciLow: r.ci[0],
      ciHigh: r.ci[1],
      pValue: r.pValue,
      refutations: r.refutations,
      details: { ...r.details, summary: r.summary, days: r.days },
      narrative: r.narrative,
      inputs: r.meta.inputs,
      createdBy: r.meta.createdBy,
    });
  },
});

const graphPayload = z.object({
  meta,
  period,
  dates: z.array(date).min(14).max(3000),
  series: z.array(series).min(2).max(30),
  required: z.array(z.tuple([z.string(), z.string()])),
  forbidden: z.array(z.tuple([z.string(), z.string()])),
});

export const graphJob = defineJobKind({
  kind: 'evidence.graph',
  payload: graphPayload,
  compute: ({ meta, period, ...input }) => ({ meta, period, ...learnGraph(input) }),
  apply: async (tx, r: GraphResult & { meta: Meta; period: { from: string; to: string } }, ctx) => {
    const [graph] = await tx
      .insert(evidenceGraphs)
      .values({
        tenantId: ctx.tenantId, jobId: ctx.jobId, fromDate: r.period.from, toDate: r.period.to, days: r.days,
        summary: r.summary, model: r.model, separations: r.separations, createdBy: r.meta.createdBy,
      })
      .returning({ id: evidenceGraphs.id });
    const graphId = graph!.id;
    await tx.insert(evidenceGraphNodes).values(r.model.equations.map((e) => ({ tenantId: ctx.tenantId, graphId, metric: e.variable, mean: e.mean, r2: e.r2 })));
    const forbidden = (r.meta.inputs.forbidden as [string, string][] | undefined) ?? [];
    const rows = [
      ...r.edges.map((e) => ({
        tenantId: ctx.tenantId, graphId, fromMetric: e.from, toMetric: e.to, kind: e.origin === 'owner' ? ('stated' as const) : ('learned' as const),
        origin: e.origin, coefficient: e.coefficient, se: e.se, pValue: e.pValue, standardized: e.standardized, confidence: e.stability,
      })),
      ...forbidden.map(([from, to]) => ({ tenantId: ctx.tenantId, graphId, fromMetric: from, toMetric: to, kind: 'forbidden' as const, origin: 'owner' })),
    ];
    if (rows.length) await tx.insert(evidenceGraphEdges).values(rows);
  },
});

export const evidenceJobs = [explainJob, effectJob, graphJob];
