import { sql } from 'drizzle-orm';
import { badRequest, executeRows, HttpProblem, type FieldError, type Tx } from '@dyocense/core';
import type { ForecastBucket } from '@dyocense/db';
import { bucketStart, loadCatalog, nextBucket, queryMetric, type MetricDefinition } from '@dyocense/metrics';
import { MAX_ABS_VALUE } from './schema';

/** A metric's history as the engine wants it: one value per bucket (null where no data), oldest first. */
export interface History {
  metric: MetricDefinition;
  values: (number | null)[];
  starts: Date[];
}

/** Season length the models look for, by bucket. */
export const PERIOD: Record<ForecastBucket, number> = { day: 7, week: 52, month: 12 };
/** How much history a forecast reads at most: four years of days, ten years of weeks, twenty of months. */
export const MAX_HISTORY: Record<ForecastBucket, number> = { day: 1461, week: 520, month: 240 };
/** Fewer known values than this is refused: no honest forecast comes out of it. */
export const MIN_HISTORY = 8;

export async function findMetric(tx: Tx, name: string): Promise<MetricDefinition> {
  const metric = (await loadCatalog(tx)).get(name);
  if (!metric) throw badRequest(`There is no metric named "${name}".`, [{ path: 'metric', message: `unknown metric "${name}"` }]);
  return metric;
}

/** `filter=dim:value` (repeatable) as a dimension map, every malformed one named. */
export function parseFilters(raw: string | string[] | undefined): Record<string, string> {
  const filters: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const f of [raw ?? []].flat()) {
    const at = f.indexOf(':');
    if (at < 1 || at === f.length - 1) errors.push({ path: 'filter', message: `"${f}" is not dimension:value` });
    else filters[f.slice(0, at)] = f.slice(at + 1);
  }
  if (errors.length) throw badRequest('The filter is not valid.', errors);
  return filters;
}

/** `n` buckets before `start`. */
export function bucketsBack(start: Date, bucket: ForecastBucket, n: number): Date {
  if (bucket === 'month') return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - n, 1));
  return new Date(start.getTime() - n * (bucket === 'week' ? 7 : 1) * 86_400_000);
}

/** First and last bucket holding data, not counting the bucket still in progress at `now`. */
export async function dataRange(tx: Tx, metric: string, bucket: ForecastBucket, filters: Record<string, string>, now: Date): Promise<{ first: Date; last: Date } | null> {
  const filter = Object.keys(filters).length ? sql`and dimensions @> ${JSON.stringify(filters)}::jsonb` : sql``;
  const [row] = await executeRows<{ first: string | Date | null; last: string | Date | null }>(
    tx,
    sql`select min(bucket_start) as first, max(bucket_start) as last from metric_rollups
        where metric = ${metric} and bucket = ${bucket} and bucket_start < ${bucketStart(now, bucket).toISOString()}::timestamptz ${filter}`,
  );
  if (!row?.first || !row.last) return null;
  return { first: new Date(row.first), last: new Date(row.last) };
}

/** The values of buckets [from, to) (all dimensions combined, or those matching the filter). */
export async function readBuckets(tx: Tx, metric: MetricDefinition, bucket: ForecastBucket, filters: Record<string, string>, from: Date, to: Date): Promise<History> {
  const result = await queryMetric(tx, { metric, from, to, bucket, filters });
  const points = result.series[0]?.points ?? [];
  return { metric, values: points.map((p) => p.value), starts: points.map((p) => new Date(p.bucket)) };
}

/** The most recent completed history of a metric, up to MAX_HISTORY buckets; refused when too short to forecast. */
export async function recentHistory(tx: Tx, metric: MetricDefinition, bucket: ForecastBucket, filters: Record<string, string>, now: Date): Promise<History> {
  const range = await dataRange(tx, metric.name, bucket, filters, now);
  const filtered = Object.keys(filters).length ? ` matching ${JSON.stringify(filters)}` : '';
  if (!range) throw tooLittleHistory(`The metric "${metric.name}" has no completed ${bucket}s of data${filtered} yet.`);
  const earliest = bucketsBack(range.last, bucket, MAX_HISTORY[bucket] - 1);
  const from = range.first > earliest ? range.first : earliest;
  const history = await readBuckets(tx, metric, bucket, filters, from, nextBucket(range.last, bucket));
  const known = history.values.filter((v) => v !== null).length;
  if (known < MIN_HISTORY) {
    throw tooLittleHistory(`The metric "${metric.name}" has ${known} ${bucket}(s) of data${filtered}; a forecast needs at least ${MIN_HISTORY}.`);
  }
  if (history.values.some((v) => v !== null && Math.abs(v) > MAX_ABS_VALUE)) {
    throw new HttpProblem(422, 'unforecastable-history', `The metric "${metric.name}" has values beyond ±1e15, which cannot be forecast.`, [{ path: 'metric', message: 'values out of range' }]);
  }
  return history;
}

const tooLittleHistory = (detail: string) =>
  new HttpProblem(422, 'insufficient-history', detail, [{ path: 'metric', message: 'too little history' }]);
