// Daily demand as the optimizer's forecast shape ({ mean, intervals }), from a stored forecast of
// the tenant's metric or, failing that, from the metric's own recent history.
import type { ForecastQuantiles } from '@dyocense/optimizer';
import { addDays } from './dates';

export interface DailyValue {
  date: string;
  value: number;
}

/** A stored forecast step (db/schema/forecast.ts): bounds keyed by level in percent ("80"). */
export interface StoredForecastPoint {
  time: string | null;
  mean: number;
  lower: Record<string, number>;
  upper: Record<string, number>;
}

/** Weeks of same-weekday history behind a history-based demand. */
export const HISTORY_WEEKS = 8;
/** Central intervals read off the history: 50% (quartiles) and 80% (deciles). */
const HISTORY_LEVELS = [0.5, 0.8] as const;

/** Type-7 sample quantile (R's default) of sorted values. */
function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/**
 * Demand for `days` days from `start`, each day from the same weekday over the last
 * HISTORY_WEEKS weeks before `start`: mean of those days, and their quartiles and deciles as the
 * 50% and 80% intervals. Null when no day of the window has history.
 */
export function demandFromHistory(history: readonly DailyValue[], start: string, days: number): ForecastQuantiles | null {
  const byDate = new Map(history.map((p) => [p.date, p.value]));
  const mean: number[] = [];
  const bounds = HISTORY_LEVELS.map(() => ({ lower: [] as number[], upper: [] as number[] }));
  let seen = 0;
  for (let d = 0; d < days; d++) {
    const date = addDays(start, d);
    const samples: number[] = [];
    // The same weekday in each of the weeks before the plan starts (never a day inside the plan).
    for (let w = 1; w <= HISTORY_WEEKS; w++) {
      const past = addDays(date, -7 * (w + Math.floor(d / 7)));
      const v = byDate.get(past);
      if (v !== undefined && Number.isFinite(v)) samples.push(Math.max(0, v));
    }
    if (samples.length > 0) seen++;
    samples.sort((a, b) => a - b);
    mean.push(samples.length ? samples.reduce((s, v) => s + v, 0) / samples.length : 0);
    HISTORY_LEVELS.forEach((level, k) => {
      bounds[k]!.lower.push(quantile(samples, (1 - level) / 2));
      bounds[k]!.upper.push(quantile(samples, (1 + level) / 2));
    });
  }
  if (seen === 0) return null;
  return { mean, intervals: HISTORY_LEVELS.map((level, k) => ({ level, lower: bounds[k]!.lower, upper: bounds[k]!.upper })) };
}

/**
 * The days `start` … `start + days − 1` of a stored daily forecast, with every interval level it
 * carries. Null when the forecast does not cover each of those days.
 */
export function demandFromStoredForecast(points: readonly StoredForecastPoint[], start: string, days: number): ForecastQuantiles | null {
  const byDate = new Map(points.filter((p) => p.time).map((p) => [p.time!.slice(0, 10), p]));
  const window: StoredForecastPoint[] = [];
  for (let d = 0; d < days; d++) {
    const p = byDate.get(addDays(start, d));
    if (!p) return null;
    window.push(p);
  }
  const levels = Object.keys(window[0]?.lower ?? {}).filter((k) => window.every((p) => k in p.lower && k in p.upper));
  return {
    mean: window.map((p) => Math.max(0, p.mean)),
    intervals: levels
      .map((k) => ({ level: Number(k) / 100, lower: window.map((p) => Math.max(0, p.lower[k]!)), upper: window.map((p) => Math.max(0, p.upper[k]!)) }))
      .filter((iv) => iv.level > 0 && iv.level < 1),
  };
}

/** The same forecast in other units: every mean and bound times `factor` (e.g. units used per order). */
export function scaleDemand(f: ForecastQuantiles, factor: number): ForecastQuantiles {
  const times = (xs: readonly number[]) => xs.map((x) => x * factor);
  return { mean: times(f.mean), intervals: f.intervals.map((iv) => ({ level: iv.level, lower: times(iv.lower), upper: times(iv.upper) })) };
}

/**
 * A daily forecast spread over the hours of each day: hour h of day d gets the day's mean and
 * bounds times `shareOf(d)[h]` (24 shares per day, zero outside opening hours and on closed days).
 */
export function hourlyDemand(daily: ForecastQuantiles, shareOf: (day: number) => readonly number[]): ForecastQuantiles {
  const spread = (xs: readonly number[]) => xs.flatMap((x, d) => shareOf(d).map((s) => x * s));
  return { mean: spread(daily.mean), intervals: daily.intervals.map((iv) => ({ level: iv.level, lower: spread(iv.lower), upper: spread(iv.upper) })) };
}
