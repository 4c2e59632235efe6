import { and, eq } from 'drizzle-orm';
import { causalEstimates, forecasts, jobs, optimizationRuns, type ForecastPoint, type OptimizationKind } from '@dyocense/db';
import { HttpProblem, withTenant, type JobView } from '@dyocense/core';
import { hashOf } from '@dyocense/llm';
import { planInput, type PlanRequests } from '@dyocense/planning';
import type { ToolContext } from './context';
import { ToolRefusal } from './context';
import { isoDay } from './dates';

// The engines, reached the way every function reaches them: a job through the runtime's
// dispatcher, recorded in the engine's own table, so the number the coach cites can be opened
// again through the forecast, optimize and evidence APIs.

// The engines are deterministic: the same input gives the same result. A job's idempotency key
// is the hash of its input, so a question asked again over unchanged data reuses the stored
// result (and cites the same forecast, run or estimate) instead of computing it twice.

const JOB_TIMEOUT_MS = 20_000;

/** The key for an input, and the finished job that already answered it, if any. */
async function previous(ctx: ToolContext, kind: string, input: unknown): Promise<{ key: string; done: { id: string; result: unknown } | null }> {
  const key = `coach:${hashOf(input)}`;
  const [row] = await withTenant(ctx.runtime.db, ctx.tenantId, (tx) =>
    tx.select({ id: jobs.id, status: jobs.status, result: jobs.result }).from(jobs).where(and(eq(jobs.kind, kind), eq(jobs.idempotencyKey, key))),
  );
  if (row?.status === 'succeeded') return { key, done: { id: row.id, result: row.result } };
  // A failed attempt keeps its key; a new one gets its own.
  return { key: row?.status === 'failed' ? `${key}:${crypto.randomUUID()}` : key, done: null };
}

async function runJob(ctx: ToolContext, kind: string, payload: unknown, idempotencyKey: string): Promise<JobView> {
  const job = await ctx.runtime.jobs.run(ctx.tenantId, kind, payload, { timeoutMs: JOB_TIMEOUT_MS, maxAttempts: 1, idempotencyKey });
  if (job.status === 'failed') throw new ToolRefusal(`The ${kind} engine could not finish: ${job.error ?? 'unknown error'}`);
  if (job.status !== 'succeeded') throw new ToolRefusal(`The ${kind} engine is still working (job ${job.id}); ask again in a moment.`);
  return job;
}

export interface ForecastRun {
  forecastId: string;
  method: string;
  points: ForecastPoint[];
}

/** A daily forecast of a metric's history, stored as a forecasts row. */
export async function runForecast(
  ctx: ToolContext,
  input: { metric: string; dates: string[]; values: (number | null)[]; horizon: number },
): Promise<ForecastRun> {
  const levels = [80, 95];
  const { key, done } = await previous(ctx, 'forecast.run', { metric: input.metric, dates: input.dates, values: input.values, horizon: input.horizon, levels });
  if (done) {
    const r = done.result as { forecastId: string; method: string; points: ForecastPoint[] };
    return { forecastId: r.forecastId, method: r.method, points: r.points };
  }
  const [row] = await withTenant(ctx.runtime.db, ctx.tenantId, (tx) =>
    tx
      .insert(forecasts)
      .values({
        tenantId: ctx.tenantId,
        source: 'metric',
        metric: input.metric,
        bucket: 'day',
        period: 7,
        horizon: input.horizon,
        levels,
        methodRequested: 'auto',
        historyFrom: new Date(`${input.dates[0]}T00:00:00Z`),
        historyTo: new Date(`${input.dates.at(-1)}T00:00:00Z`),
        historyPoints: input.values.filter((v) => v !== null).length,
        createdBy: ctx.userId,
      })
      .returning({ id: forecasts.id }),
  );
  const forecastId = row!.id;
  const job = await runJob(ctx, 'forecast.run', {
    forecastId,
    values: input.values,
    timestamps: input.dates.map((d) => `${d}T00:00:00.000Z`),
    interval: 'day',
    period: 7,
    horizon: input.horizon,
    levels,
    method: 'auto',
  }, key);
  const result = job.result as { forecastId: string; method: string; points: ForecastPoint[] };
  await withTenant(ctx.runtime.db, ctx.tenantId, (tx) =>
    // A simultaneous twin question may have run the same job first: keep its row, drop ours.
    result.forecastId === forecastId ? tx.update(forecasts).set({ jobId: job.id }).where(eq(forecasts.id, forecastId)) : tx.delete(forecasts).where(eq(forecasts.id, forecastId)),
  );
  return { forecastId: result.forecastId, method: result.method, points: result.points };
}

/**
 * An optimisation run (staffing, inventory…) asked the way POST /api/optimize/{kind} asks it: the
 * request is filled from the tenant's saved settings and data by @dyocense/planning, recorded in
 * optimization_runs with its notes, and solved by the engine.
 */
export async function runOptimization<R>(ctx: ToolContext, kind: OptimizationKind, request: PlanRequests[OptimizationKind]): Promise<{ runId: string; solvedInput: Record<string, unknown>; result: R }> {
  const planned = await withTenant(ctx.runtime.db, ctx.tenantId, (tx) => planInput(tx, kind, request as never, { today: isoDay(ctx.now) })).catch((err: unknown) => {
    // Settings or data the plan needs are missing: the owner hears what, in the API's own words.
    if (err instanceof HttpProblem && err.status < 500) throw new ToolRefusal(err.detail);
    throw err;
  });
  const { solvedInput, notes } = planned;
  const { key, done } = await previous(ctx, `optimize.${kind}`, solvedInput);
  if (done) return { ...outcomeOf<R>(done.result), solvedInput };
  const [row] = await withTenant(ctx.runtime.db, ctx.tenantId, (tx) =>
    tx.insert(optimizationRuns).values({ tenantId: ctx.tenantId, kind, input: request, solvedInput, notes, createdBy: ctx.userId }).returning({ id: optimizationRuns.id }),
  );
  const runId = row!.id;
  const job = await runJob(ctx, `optimize.${kind}`, { runId, input: solvedInput }, key);
  const outcome = outcomeOf<R>(job.result);
  await withTenant(ctx.runtime.db, ctx.tenantId, (tx) =>
    outcome.runId === runId ? tx.update(optimizationRuns).set({ jobId: job.id }).where(eq(optimizationRuns.id, runId)) : tx.delete(optimizationRuns).where(eq(optimizationRuns.id, runId)),
  );
  return { ...outcome, solvedInput };
}

function outcomeOf<R>(result: unknown): { runId: string; result: R } {
  const outcome = result as { runId: string; solved?: R; rejected?: { path?: string; message: string }[] };
  if (!outcome.solved) throw new ToolRefusal(`The optimizer refused the plan: ${(outcome.rejected ?? []).map((i) => i.message).join('; ')}`);
  return { runId: outcome.runId, result: outcome.solved };
}

/** A "why did it change" analysis, stored by the evidence engine as a causal estimate. */
export async function runExplain<R>(ctx: ToolContext, payload: Record<string, unknown> & { meta: { createdBy: string | null; inputs: unknown } }): Promise<{ estimateId: string; result: R }> {
  const { key, done } = await previous(ctx, 'evidence.explain', { ...payload, meta: payload.meta.inputs });
  const job = done ?? (await runJob(ctx, 'evidence.explain', payload, key));
  const [row] = await withTenant(ctx.runtime.db, ctx.tenantId, (tx) =>
    tx.select({ id: causalEstimates.id }).from(causalEstimates).where(eq(causalEstimates.jobId, job.id)).limit(1),
  );
  if (!row) throw new ToolRefusal('The evidence engine finished but stored no estimate.');
  return { estimateId: row.id, result: job.result as R };
}
