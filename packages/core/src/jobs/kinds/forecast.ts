import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { forecastModels, forecasts, type ForecastBacktest, type ForecastPoint } from '@dyocense/db';
import { forecast, type ForecastResult } from '@dyocense/forecaster';
import { stepTime } from '@dyocense/metrics';
import type { Tx } from '../../db/types';
import { defineJobKind } from '../registry';

/** Forecast job kinds: the engine runs on a worker thread, the result lands in forecasts / forecast_models. */

/** Longer histories are refused here; the engine itself uses at most the most recent 5,000 values. */
export const FORECAST_MAX_VALUES = 20_000;
export const FORECAST_MAX_HORIZON = 1_000;
/** Larger magnitudes are no business quantity, and their interval arithmetic would overflow. */
export const FORECAST_MAX_ABS = 1e15;
export const forecastMethods = ['auto', 'ensemble', 'ets', 'arima', 'theta', 'snaive', 'trees'] as const;
export const forecastIntervals = ['day', 'week', 'month'] as const;
export type ForecastInterval = (typeof forecastIntervals)[number];

export const ForecastLevels = z
  .array(z.number().gt(0).lt(100))
  .min(1)
  .max(5)
  .refine((l) => new Set(l).size === l.length, 'levels must not repeat');

const Timestamp = z.iso.datetime({ offset: true });

export const ForecastJobPayload = z
  .object({
    /** The forecasts row (already recorded as queued) this job completes. */
    forecastId: z.uuid(),
    /** null is a missing value (interpolated by the engine); NaN and ±Infinity are refused. */
    values: z.array(z.number().finite().min(-FORECAST_MAX_ABS).max(FORECAST_MAX_ABS).nullable()).min(1).max(FORECAST_MAX_VALUES),
    /** When given, one per value, oldest first: the future steps get times from the last one. */
    timestamps: z.array(Timestamp).max(FORECAST_MAX_VALUES).optional(),
    interval: z.enum(forecastIntervals).optional(),
    period: z.number().int().min(1).max(400),
    horizon: z.number().int().min(1).max(FORECAST_MAX_HORIZON),
    levels: ForecastLevels.default([80, 95]),
    method: z.enum(forecastMethods).default('auto'),
  })
  .superRefine((p, ctx) => {
    if (p.values.every((v) => v === null)) ctx.addIssue({ code: 'custom', path: ['values'], message: 'values must contain at least one number' });
    if (p.timestamps && p.timestamps.length !== p.values.length) {
      ctx.addIssue({ code: 'custom', path: ['timestamps'], message: `expected ${p.values.length} timestamps, one per value` });
    }
    if (p.timestamps && !p.interval) ctx.addIssue({ code: 'custom', path: ['interval'], message: 'needed with timestamps' });
  });
export type ForecastJobPayload = z.infer<typeof ForecastJobPayload>;

export interface ForecastModelResult {
  name: string;
  spec: string;
  weight: number;
  mase: number | null;
  smape: number | null;
  mape: number | null;
  coverage: Record<string, number> | null;
  winkler: Record<string, number> | null;
  note: string | null;
}

export interface ForecastJobResult {
  forecastId: string;
  method: string;
  points: ForecastPoint[];
  models: ForecastModelResult[];
  backtest: ForecastBacktest;
  notes: string[];
}


/** JSON has no NaN: an undefined measure (e.g. no backtest origin) is stored and shown as null. */
const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const finiteRecord = (r: Record<string, number>): Record<string, number | null> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, finiteOrNull(v)]));

/** The engine's result as stored rows: one point per step with its bounds by level. */
export function toJobResult(p: ForecastJobPayload, r: ForecastResult): ForecastJobResult {
  const last = p.timestamps?.at(-1);
  const points: ForecastPoint[] = r.mean.map((mean, i) => ({
    step: i + 1,
    time: last && p.interval ? stepTime(new Date(last), p.interval, i + 1).toISOString() : null,
    mean,
    lower: Object.fromEntries(r.intervals.map((iv) => [String(iv.level), iv.lower[i] as number])),
    upper: Object.fromEntries(r.intervals.map((iv) => [String(iv.level), iv.upper[i] as number])),
  }));
  const models = r.models.map((m) => ({
    name: m.name,
    spec: m.spec,
    weight: m.weight,
    mase: finiteOrNull(m.backtest?.mase),
    smape: finiteOrNull(m.backtest?.smape),
    mape: finiteOrNull(m.backtest?.mape),
    coverage: m.backtest?.coverage ?? null,
    winkler: m.backtest?.winkler ?? null,
    note: m.note ?? null,
  }));
  const b = r.backtest;
  const backtest: ForecastBacktest = {
    mase: finiteOrNull(b.mase),
    smape: finiteOrNull(b.smape),
    mape: finiteOrNull(b.mape),
    coverage: finiteRecord(b.coverage),
    winkler: finiteRecord(b.winkler),
    origins: b.origins,
    horizon: b.horizon,
  };
  return { forecastId: p.forecastId, method: r.method, points, models, backtest, notes: r.notes };
}

/** Forecasts one series and completes its forecasts row with points, models and backtest. */
export const forecastJob = defineJobKind<ForecastJobPayload, ForecastJobResult>({
  kind: 'forecast.run',
  payload: ForecastJobPayload as z.ZodType<ForecastJobPayload>,
  compute: (p) => toJobResult(p, forecast(p.values, { period: p.period, horizon: p.horizon, levels: p.levels, method: p.method })),
  async apply(tx, result, ctx) {
    const [row] = await tx
      .update(forecasts)
      .set({
        status: 'succeeded',
        methodUsed: result.method,
        points: result.points,
        backtest: result.backtest,
        notes: result.notes,
        error: null,
        completedAt: sql`now()`,
      })
      .where(and(eq(forecasts.id, result.forecastId), eq(forecasts.tenantId, ctx.tenantId), inArray(forecasts.status, ['queued', 'running'])))
      .returning({ id: forecasts.id });
    // A row already completed (or removed) keeps what it has: the job is applied once.
    if (!row || result.models.length === 0) return;
    await tx.insert(forecastModels).values(
      result.models.map((m, position) => ({ tenantId: ctx.tenantId, forecastId: result.forecastId, position, ...m })),
    );
  },
});

export const forecastJobs = [forecastJob];

export type ForecastRow = typeof forecasts.$inferSelect;
export type ForecastModelRow = typeof forecastModels.$inferSelect;
export type LatestForecast = ForecastRow & { points: ForecastPoint[]; models: ForecastModelRow[] };

/**
 * The newest succeeded forecast of a metric for the tenant of `tx` (RLS), for the dimension filter
 * it was made with ({} = all dimensions combined), with its models. One probe of forecasts_latest_idx
 * and one of forecast_models_forecast_idx.
 */
export async function latestForecast(tx: Tx, metric: string, filters: Record<string, string> = {}): Promise<LatestForecast | null> {
  const [row] = await tx
    .select()
    .from(forecasts)
    .where(and(eq(forecasts.metric, metric), eq(forecasts.status, 'succeeded'), sql`${forecasts.filters} = ${JSON.stringify(filters)}::jsonb`))
    .orderBy(sql`${forecasts.createdAt} desc nulls last`)
    .limit(1);
  if (!row) return null;
  const models = await tx.select().from(forecastModels).where(eq(forecastModels.forecastId, row.id)).orderBy(asc(forecastModels.position));
  return { ...row, points: row.points ?? [], models };
}
