// Small statistics over a metric's daily history. Days are whole UTC day numbers (see dates.ts).
import { parseDay } from './dates';
import type { Aggregation, DailyPoint, Direction } from './types';

export interface DayValue { day: number; value: number }

/** Parse and sort a history; rows with a bad date or a non-finite value are dropped. */
export function toDays(history: DailyPoint[]): DayValue[] {
  const out: DayValue[] = [];
  for (const point of history) {
    const day = parseDay(point.date);
    if (day !== null && Number.isFinite(point.value)) out.push({ day, value: point.value });
  }
  return out.sort((a, b) => a.day - b.day);
}

/** Calendar days the history covers, first to last day inclusive (0 when empty). */
export function spanDays(points: DayValue[]): number {
  const first = points[0];
  const last = points[points.length - 1];
  return first && last ? last.day - first.day + 1 : 0;
}

export function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export function sampleStdDev(values: number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (values.length - 1));
}

/**
 * Mean daily value over the `days` days ending at `endDay`, clipped to where history starts.
 * For a summed metric a missing day counts as zero (a closed day sold nothing), so the mean is
 * over calendar days; for averages and levels a missing day is simply unknown.
 */
export function windowMean(points: DayValue[], endDay: number, days: number, aggregation: Aggregation): number | null {
  const first = points[0];
  if (!first) return null;
  const from = Math.max(endDay - days + 1, first.day);
  if (from > endDay) return null;
  const inside = points.filter((p) => p.day >= from && p.day <= endDay).map((p) => p.value);
  if (aggregation === 'sum') return inside.reduce((a, b) => a + b, 0) / (endDay - from + 1);
  return inside.length === 0 ? null : mean(inside);
}

/** A change by `ratio` over `days` days, as a compounded rate per 30-day month. */
export function monthlyRate(ratio: number, days: number): number {
  return ratio ** (30 / days) - 1;
}

export interface SustainedGrowth { monthly: number; windowDays: number }

/**
 * The best run in history in the good direction: each window's mean against the window just
 * before it, as a monthly rate. 90-day windows need 180 days of history; with 56 to 179 days we
 * fall back to 28-day windows. Null when there is too little history or no positive means.
 */
export function bestSustainedGrowth(points: DayValue[], aggregation: Aggregation, direction: Direction): SustainedGrowth | null {
  const span = spanDays(points);
  const windowDays = span >= 180 ? 90 : span >= 56 ? 28 : 0;
  const first = points[0];
  const last = points[points.length - 1];
  if (windowDays === 0 || !first || !last) return null;
  let best: number | null = null;
  for (let end = first.day + 2 * windowDays - 1; end <= last.day; end++) {
    const before = windowMean(points, end - windowDays, windowDays, aggregation);
    const after = windowMean(points, end, windowDays, aggregation);
    if (before === null || after === null || before <= 0 || after <= 0) continue;
    const rate = monthlyRate(after / before, windowDays);
    if (best === null || (direction === 'up' ? rate > best : rate < best)) best = rate;
  }
  return best === null ? null : { monthly: best, windowDays };
}

/** Day-to-day swing over the last `days` days: standard deviation / mean (null if mean ≤ 0). */
export function dailyVariability(points: DayValue[], days = 90): number | null {
  const last = points[points.length - 1];
  if (!last) return null;
  const values = points.filter((p) => p.day > last.day - days).map((p) => p.value);
  const m = mean(values);
  return m > 0 ? sampleStdDev(values) / m : null;
}
