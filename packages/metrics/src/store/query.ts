import { sql, type SQL } from 'drizzle-orm';
import { executeRows, type Tx } from '@dyocense/core';
import type { RollupBucket } from '@dyocense/db';
import { bucketStart, bucketStarts, comparisonRange, nextBucket } from '../buckets';
import type { MetricDefinition } from '../catalog';

export type QueryAggregation = 'sum' | 'avg' | 'min' | 'max' | 'count' | 'last';

export interface MetricQuery {
  metric: MetricDefinition;
  from: Date;
  /** Exclusive. */
  to: Date;
  bucket: RollupBucket;
  /** Defaults to the metric's own aggregation. */
  aggregation?: QueryAggregation;
  groupBy?: string;
  filters?: Record<string, string>;
  compare?: 'previous_period' | 'previous_year';
}

export interface SeriesPoint {
  bucket: string;
  value: number | null;
  /** Present (true) when the range cuts the bucket: its value covers only the part inside the range. */
  partial?: true;
}

export interface Series {
  /** The groupBy dimension's value; null when not grouped. */
  group: string | null;
  points: SeriesPoint[];
  total: number | null;
}

export interface PeriodResult {
  from: string;
  to: string;
  series: Series[];
  total: number | null;
}

export interface QueryResult extends PeriodResult {
  metric: string;
  unit: string;
  bucket: RollupBucket;
  aggregation: QueryAggregation;
  groupBy: string | null;
  comparison?: PeriodResult & {
    kind: 'previous_period' | 'previous_year';
    change: { absolute: number | null; percent: number | null };
  };
}

export const MAX_BUCKETS = 5000;

/** How bucket rows across dimension combinations combine into one value. */
function aggregate(agg: QueryAggregation): SQL {
  switch (agg) {
    case 'sum':
      return sql`sum(r.sum)`;
    case 'avg':
      return sql`sum(r.sum) / nullif(sum(r.count), 0)`;
    case 'min':
      return sql`min(r.min)`;
    case 'max':
      return sql`max(r.max)`;
    case 'count':
      return sql`sum(r.count)::float8`;
    // A level (stock on hand): the last value of each item, added across items.
    case 'last':
      return sql`sum(r.last_value)`;
  }
}

interface Row extends Record<string, unknown> {
  bucket_start: Date | string;
  grp: string | null;
  value: number | null;
  sum: number;
  count: number;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Stored rollup rows of one bucket size starting in [from, to). */
const storedRows = (metric: string, bucket: RollupBucket, from: Date, to: Date) =>
  sql`select bucket_start, dims_key, dimensions, sum, count, min, max, last_value from metric_rollups
    where metric = ${metric} and bucket = ${bucket} and bucket_start >= ${ts(from)} and bucket_start < ${ts(to)}`;

/** Weeks or months made from the stored days in the given day ranges (the aggregates compose). */
const rowsFromDays = (metric: string, bucket: RollupBucket, ranges: [Date, Date][]) =>
  sql`select date_trunc(${bucket}, d.bucket_start, 'UTC') as bucket_start, d.dims_key, (array_agg(d.dimensions))[1] as dimensions,
      sum(d.sum) as sum, sum(d.count) as count, min(d.min) as min, max(d.max) as max,
      (array_agg(d.last_value order by d.last_time desc))[1] as last_value
    from metric_rollups d
    where d.metric = ${metric} and d.bucket = 'day'
      and (${sql.join(ranges.map(([from, to]) => sql`(d.bucket_start >= ${ts(from)} and d.bucket_start < ${ts(to)})`), sql` or `)})
    group by 1, d.dims_key`;

/** The days a range touches, whole: the finest grain of the stored rollups. */
function wholeDays(range: { from: Date; to: Date }): [Date, Date] {
  const lastDay = bucketStart(range.to, 'day');
  return [bucketStart(range.from, 'day'), lastDay < range.to ? nextBucket(lastDay, 'day') : range.to];
}

/**
 * The bucket rows of a period, shaped like metric_rollups (one row per series and bucket),
 * holding only what lies in the period: a week or month the period cuts is made from its
 * days inside the period, so a range's total is the same whatever the bucket size. Whole
 * weeks and months are the stored rollups. Days are the finest stored grain (a day the
 * period starts or ends in counts whole); hours are aggregated from the points.
 */
function bucketRows(q: MetricQuery, from: Date, to: Date): SQL {
  const metric = q.metric.name;
  if (q.bucket === 'hour') {
    return sql`select date_trunc('hour', m.time, 'UTC') as bucket_start, m.dims_key, m.dimensions, sum(m.value) as sum, count(*) as count,
        min(m.value) as min, max(m.value) as max, (array_agg(m.value order by m.time desc, m.source))[1] as last_value
      from business_metrics m
      where m.metric = ${metric} and m.time >= ${ts(from)} and m.time < ${ts(to)}
      group by m.dims_key, m.dimensions, 1`;
  }
  const [firstDay, end] = wholeDays({ from, to });
  if (q.bucket === 'day') return storedRows(metric, 'day', firstDay, end);
  const head = bucketStart(firstDay, q.bucket);
  const wholeFrom = head.getTime() === firstDay.getTime() ? head : nextBucket(head, q.bucket);
  const wholeTo = bucketStart(end, q.bucket);
  if (wholeFrom >= wholeTo) return rowsFromDays(metric, q.bucket, [[firstDay, end]]);
  const cut: [Date, Date][] = [];
  if (firstDay < wholeFrom) cut.push([firstDay, wholeFrom]);
  if (wholeTo < end) cut.push([wholeTo, end]);
  const whole = storedRows(metric, q.bucket, wholeFrom, wholeTo);
  return cut.length ? sql`${whole} union all ${rowsFromDays(metric, q.bucket, cut)}` : whole;
}

/**
 * The bucket rows of each period (the query's range and its comparison) in one statement:
 * one round trip, one plan. Rows come back split by period.
 */
async function readPeriods(tx: Tx, q: MetricQuery, agg: QueryAggregation, periods: { from: Date; to: Date }[]): Promise<Row[][]> {
  const group = q.groupBy ? sql`r.dimensions ->> ${q.groupBy}` : sql`null::text`;
  const filter = q.filters && Object.keys(q.filters).length ? sql`where r.dimensions @> ${JSON.stringify(q.filters)}::jsonb` : sql``;
  const selects = periods.map(
    (p, i) => sql`select ${i}::int as period, r.bucket_start, ${group} as grp, ${aggregate(agg)}::float8 as value,
               sum(r.sum)::float8 as sum, sum(r.count)::float8 as count
        from (${bucketRows(q, p.from, p.to)}) r
        ${filter}
        group by 2, 3`,
  );
  const rows = await executeRows<Row & { period: number }>(tx, sql`${sql.join(selects, sql` union all `)} order by 1, 2, 3`);
  return periods.map((_, i) => rows.filter((r) => Number(r.period) === i));
}

/** The period's total under the aggregation: sums add, averages weigh by count, levels take the last bucket. */
function totalOf(agg: QueryAggregation, rows: Row[], points: SeriesPoint[]): number | null {
  if (rows.length === 0) return null;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  switch (agg) {
    case 'sum':
    case 'count':
      return values.reduce((a, b) => a + b, 0);
    case 'avg': {
      const count = rows.reduce((a, r) => a + Number(r.count), 0);
      return count ? rows.reduce((a, r) => a + Number(r.sum), 0) / count : null;
    }
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'last':
      return values.at(-1) ?? null;
  }
}

/** One series per group, a point per bucket of the range; the buckets the range cuts are marked partial. */
function toSeries(q: MetricQuery, agg: QueryAggregation, rows: Row[], range: { from: Date; to: Date }): Series[] {
  const starts = bucketStarts(range.from, range.to, q.bucket);
  const [from, to] = q.bucket === 'hour' ? [range.from, range.to] : wholeDays(range);
  const groups = new Map<string | null, Row[]>();
  for (const r of rows) {
    const key = r.grp ?? null;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  if (groups.size === 0 && !q.groupBy) groups.set(null, []);
  return [...groups.entries()]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([group, groupRows]) => {
      const byStart = new Map(groupRows.map((r) => [new Date(r.bucket_start).getTime(), r.value === null ? null : Number(r.value)]));
      const points = starts.map((start) => {
        const point: SeriesPoint = { bucket: start.toISOString(), value: byStart.get(start.getTime()) ?? null };
        if (start < from || nextBucket(start, q.bucket) > to) point.partial = true;
        return point;
      });
      return { group, points, total: totalOf(agg, groupRows, points) };
    });
}

function periodTotal(agg: QueryAggregation, rows: Row[], series: Series[]): number | null {
  if (rows.length === 0) return null;
  if (series.length === 1) return series[0]!.total;
  // Grouped: combine the groups' totals the way the aggregation combines rows.
  const totals = series.map((s) => s.total).filter((v): v is number => v !== null);
  switch (agg) {
    case 'avg': {
      const count = rows.reduce((a, r) => a + Number(r.count), 0);
      return count ? rows.reduce((a, r) => a + Number(r.sum), 0) / count : null;
    }
    case 'min':
      return Math.min(...totals);
    case 'max':
      return Math.max(...totals);
    default:
      return totals.reduce((a, b) => a + b, 0);
  }
}

/** A metric over a range in buckets, optionally grouped, filtered and compared. From rollups (hours from the points). */
export async function queryMetric(tx: Tx, q: MetricQuery): Promise<QueryResult> {
  const agg = q.aggregation ?? q.metric.aggregation;
  const compared = q.compare ? comparisonRange(q.from, q.to, q.bucket, q.compare) : null;
  const [rows = [], cRows = []] = await readPeriods(tx, q, agg, compared ? [{ from: q.from, to: q.to }, compared] : [{ from: q.from, to: q.to }]);
  const series = toSeries(q, agg, rows, q);
  const result: QueryResult = {
    metric: q.metric.name,
    unit: q.metric.unit,
    bucket: q.bucket,
    aggregation: agg,
    groupBy: q.groupBy ?? null,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    series,
    total: periodTotal(agg, rows, series),
  };
  if (q.compare && compared) {
    // Comparison points carry their own dates; position i lines up with current bucket i.
    const cSeries = toSeries(q, agg, cRows, compared);
    const cTotal = periodTotal(agg, cRows, cSeries);
    const absolute = result.total !== null && cTotal !== null ? result.total - cTotal : null;
    result.comparison = {
      kind: q.compare,
      from: compared.from.toISOString(),
      to: compared.to.toISOString(),
      series: cSeries,
      total: cTotal,
      change: { absolute, percent: absolute !== null && cTotal ? (absolute / Math.abs(cTotal)) * 100 : null },
    };
  }
  return result;
}

/** Daily values of a metric (its own aggregation, all dimensions combined), oldest first. */
export async function dailyHistory(tx: Tx, metric: MetricDefinition, from: Date, to: Date): Promise<{ date: string; value: number }[]> {
  const [rows = []] = await readPeriods(tx, { metric, from, to, bucket: 'day' }, metric.aggregation, [{ from, to }]);
  return rows.filter((r) => r.value !== null).map((r) => ({ date: new Date(r.bucket_start).toISOString().slice(0, 10), value: Number(r.value) }));
}
