import { sql } from 'drizzle-orm';
import type { DatabaseKind, Tx } from '@dyocense/core';
import type { RollupBucket } from '@dyocense/db';
import { bucketStart } from '../buckets';
import { copyIn, CopyLines, copyText, insertJsonRecords } from './bulk-stage';
import type { CleanPoint } from './points';

/** One series' aggregate over one UTC day (or week, or month), as metric_rollups stores it. */
export interface DayTotal {
  metric: string;
  dims_key: string;
  /** ISO date-time of the bucket's start (UTC). */
  start: string;
  sum: number;
  count: number;
  min: number;
  max: number;
  last_value: number;
  last_time: string;
  /** Source of the last point: among points at the same latest time, the first source wins. */
  last_source: string;
}

/** One series an import touched and the span of its points (ISO times). */
export interface SeriesSpan {
  metric: string;
  dims_key: string;
  dimensions: Record<string, string>;
  t0: string;
  t1: string;
}

/**
 * Adds an aggregate (a point's, or a day's) to `total`: sums and counts add, the latest last
 * value wins, ties by source (the first in text order, as the SQL rollups order them).
 * Positional, so a point is added without making an object for it.
 */
function compose(total: DayTotal, sum: number, count: number, min: number, max: number, lastValue: number, lastTime: string, lastSource: string): void {
  total.sum += sum;
  total.count += count;
  if (min < total.min) total.min = min;
  if (max > total.max) total.max = max;
  if (lastTime > total.last_time || (lastTime === total.last_time && lastSource < total.last_source)) {
    total.last_value = lastValue;
    total.last_time = lastTime;
    total.last_source = lastSource;
  }
}

/**
 * Day aggregates and series spans of an import's points, gathered in the same pass that
 * checks and stages them. Aggregating a million staged rows again in SQL (hash by series and
 * day, plus an ordered "last value") cost more than a third of the whole import (measured);
 * here it is a map lookup per point. Memory grows with series × days, not with points, and is
 * capped: past `limit` the totals are dropped (rollups are then read back from the stored
 * points) and the spans stop growing (the rest of the import is staged, and the database
 * adds the staged points' series).
 */
export class DayTotals {
  readonly #days = new Map<string, DayTotal>();
  readonly #series = new Map<string, SeriesSpan>();
  #overflowed = false;

  constructor(private readonly limit = 200_000) {}

  /** Adds a point; false once the totals outgrew `limit` (from then on nothing is added). */
  add(p: CleanPoint): boolean {
    if (this.#overflowed) return false;
    this.#addSpan(p);
    // checkPoint's times are toISOString() output: the first 10 characters are the UTC day,
    // and comparing them as text compares them in time.
    const day = p.time.slice(0, 10);
    const key = `${p.metric}\u0000${p.dims_key}\u0000${day}`;
    const total = this.#days.get(key);
    if (!total) {
      if (this.#days.size === this.limit) {
        this.#overflowed = true;
        this.#days.clear();
        return false;
      }
      this.#days.set(key, {
        metric: p.metric,
        dims_key: p.dims_key,
        start: `${day}T00:00:00.000Z`,
        sum: p.value,
        count: 1,
        min: p.value,
        max: p.value,
        last_value: p.value,
        last_time: p.time,
        last_source: p.source,
      });
      return true;
    }
    compose(total, p.value, 1, p.value, p.value, p.value, p.time, p.source);
    return true;
  }

  /** The totals, or null when there were more than `limit` (the database computes them then). */
  result(): DayTotal[] | null {
    return this.#overflowed ? null : [...this.#days.values()];
  }

  /** The series and their spans, of every point added before the totals outgrew `limit`. */
  series(): SeriesSpan[] {
    return [...this.#series.values()];
  }

  #addSpan(p: CleanPoint): void {
    const key = `${p.metric}\u0000${p.dims_key}`;
    const span = this.#series.get(key);
    if (!span) {
      this.#series.set(key, { metric: p.metric, dims_key: p.dims_key, dimensions: p.dimensions, t0: p.time, t1: p.time });
      return;
    }
    if (p.time < span.t0) span.t0 = p.time;
    if (p.time > span.t1) span.t1 = p.time;
  }
}

/** The buckets metric_rollups stores (hours are read from the points). */
export type StoredBucket = Exclude<RollupBucket, 'hour'>;
export type BucketTotal = DayTotal & { bucket: StoredBucket };

/**
 * The day totals with their weeks and months: the aggregates compose (sums and counts add,
 * the latest last value wins, ties by source as for points). Done here rather than by a
 * GROUP BY over the day rows, whose text sort cost a quarter of the rollup write (measured).
 */
export function withWeeksAndMonths(days: DayTotal[]): BucketTotal[] {
  const periods = new Map<string, BucketTotal>();
  const fold = (bucket: StoredBucket, d: DayTotal) => {
    const start = bucketStart(new Date(d.start), bucket).toISOString();
    const key = `${bucket}\u0000${d.metric}\u0000${d.dims_key}\u0000${start}`;
    const total = periods.get(key);
    if (!total) {
      periods.set(key, { ...d, bucket, start });
      return;
    }
    compose(total, d.sum, d.count, d.min, d.max, d.last_value, d.last_time, d.last_source);
  };
  // Days in time order, so each week's and month's sum adds its days in order.
  const sorted = [...days].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (const d of sorted) {
    fold('week', d);
    fold('month', d);
  }
  return [...days.map((d) => ({ ...d, bucket: 'day' as const })), ...periods.values()];
}

export const DAYS = 'metrics_bulk_days';

/** Writes the totals to a transaction-local table for the rollup refresh to read (COPY on a server). */
export async function stageDayTotals(tx: Tx, totals: BucketTotal[], kind: DatabaseKind): Promise<void> {
  await tx.execute(
    sql.raw(`create temp table ${DAYS} (
      metric text not null, dims_key text not null, bucket text not null, bucket_start timestamptz not null, sum float8 not null, count bigint not null,
      min float8 not null, max float8 not null, last_value float8 not null, last_time timestamptz not null
    ) on commit drop`),
  );
  if (kind === 'postgres') {
    const lines = new CopyLines();
    for (const d of totals) lines.add(`${copyText(d.metric)}\t${copyText(d.dims_key)}\t${d.bucket}\t${d.start}\t${d.sum}\t${d.count}\t${d.min}\t${d.max}\t${d.last_value}\t${d.last_time}\n`);
    await copyIn(tx, DAYS, lines.take());
    return;
  }
  const rows = totals.map(({ last_source: _, start, ...d }) => ({ ...d, bucket_start: start }));
  await insertJsonRecords(
    tx,
    sql.raw(DAYS),
    sql`metric text, dims_key text, bucket text, bucket_start timestamptz, sum float8, count bigint, min float8, max float8, last_value float8, last_time timestamptz`,
    rows,
  );
}
