import { sql, type SQL } from 'drizzle-orm';
import { executeRows, pgErrorCode, type Tx } from '@dyocense/core';
import { STAGE } from './bulk-stage';

const stage = sql.raw(STAGE);
const SERIES = sql.raw('metrics_bulk_series');

/**
 * Moves the staged points into business_metrics with one upsert (a re-imported point
 * replaces its value). The tenant is the transaction's; RLS checks every row written.
 * Fails with 21000 (cardinality violation) if the file holds the same point twice.
 */
export async function upsertStaged(tx: Tx, tenantId: string): Promise<void> {
  const insert = sql`insert into business_metrics as m (tenant_id, metric, time, value, unit, source, dimensions, dims_key)
    select ${tenantId}::uuid, s.metric, s.time, s.value, s.unit, s.source, s.dimensions, s.dims_key from ${stage} s
    -- In key order: each series' index entries go in side by side.
    order by s.metric, s.dims_key, s.time, s.source`;
  await insertElseUpsert(
    tx,
    insert,
    sql`${insert} on conflict (tenant_id, metric, time, dims_key, source)
      do update set value = excluded.value, unit = excluded.unit, ingested_at = now()`,
  );
}

/**
 * A plain INSERT costs about 60% of an INSERT … ON CONFLICT (measured on 100k points), and
 * a first import conflicts with nothing: try it in a savepoint, upsert when a row exists.
 * A re-import fails fast (rows go in key order, so the first already-stored point stops it).
 */
async function insertElseUpsert(tx: Tx, insert: SQL, upsert: SQL): Promise<void> {
  try {
    await tx.transaction((sp) => sp.execute(insert));
  } catch (err) {
    if (pgErrorCode(err) !== '23505') throw err;
    await tx.transaction((sp) => sp.execute(upsert));
  }
}

/** Staged rows that repeat an earlier row's point (same metric, time, source, dimensions). */
export async function stagedRepeats(tx: Tx, limit: number): Promise<{ row: number; first: number }[]> {
  return executeRows<{ row: number; first: number }>(
    tx,
    sql`select row, first from (
        select row, min(row) over w as first from ${stage}
        window w as (partition by metric, time, source, dims_key)) r
      where row <> first order by row limit ${limit}`,
  );
}

/**
 * The series an import touched and the time span it covered in each. Rollups are
 * recomputed over each series' span (bucket-aligned), from what is stored — so points
 * already there, from other sources or earlier imports, are counted too.
 */
export async function collectSeries(tx: Tx): Promise<{ series: number; metrics: string[]; from: string | null; to: string | null }> {
  await tx.execute(sql`analyze ${stage}`);
  // A series' dimensions are the same on every point (dims_key is their canonical text).
  await tx.execute(sql`create temp table ${SERIES} on commit drop as
    select metric, dims_key, min(dimensions::text)::jsonb as dimensions, min(time) as t0, max(time) as t1
    from ${stage} group by metric, dims_key`);
  const [row] = await executeRows<{ series: number; metrics: string[] | null; from: string | Date | null; to: string | Date | null }>(
    tx,
    sql`select count(*)::int as series, array_agg(distinct metric order by metric) as metrics, min(t0) as from, max(t1) as to from ${SERIES}`,
  );
  const iso = (v: string | Date | null | undefined) => (v == null ? null : new Date(v).toISOString());
  return { series: Number(row?.series ?? 0), metrics: row?.metrics ?? [], from: iso(row?.from), to: iso(row?.to) };
}

/** Replaces a bucket's aggregate; one that did not change is left alone (no new row version). */
const upsertRollups = sql`on conflict (tenant_id, metric, bucket, dims_key, bucket_start) do update set
  dimensions = excluded.dimensions, sum = excluded.sum, count = excluded.count, min = excluded.min,
  max = excluded.max, last_value = excluded.last_value, last_time = excluded.last_time
  where (r.sum, r.count, r.min, r.max, r.last_value, r.last_time, r.dimensions)
    is distinct from (excluded.sum, excluded.count, excluded.min, excluded.max, excluded.last_value, excluded.last_time, excluded.dimensions)`;

const rollupColumns = sql`(tenant_id, metric, bucket, bucket_start, dims_key, dimensions, sum, count, min, max, last_value, last_time)`;

/**
 * Recomputes the rollups of every touched series over its span (whole days), set-based and
 * reading the points once: hours from the points, days from those hours, then weeks and
 * months from the stored days. The aggregates compose (sum, count, min, max, last = latest
 * time, ties by source, as in the per-batch refresh).
 */
export async function refreshStagedRollups(tx: Tx, tenantId: string): Promise<void> {
  const hoursAndDays = sql`
    with hours as materialized (
      select s.metric, s.dims_key, s.dimensions, h.*
      from ${SERIES} s cross join lateral (
        select date_trunc('hour', m.time, 'UTC') as bucket_start, sum(m.value) as sum, count(*) as count,
               min(m.value) as min, max(m.value) as max,
               (array_agg(m.value order by m.time desc, m.source))[1] as last_value, max(m.time) as last_time
        from business_metrics m
        where m.tenant_id = ${tenantId}::uuid and m.metric = s.metric and m.dims_key = s.dims_key
          and m.time >= date_trunc('day', s.t0, 'UTC') and m.time < date_trunc('day', s.t1, 'UTC') + interval '1 day'
        group by 1) h),
    days as (
      select metric, dims_key, dimensions, date_trunc('day', bucket_start, 'UTC') as bucket_start,
             sum(sum) as sum, sum(count) as count, min(min) as min, max(max) as max,
             (array_agg(last_value order by last_time desc))[1] as last_value, max(last_time) as last_time
      from hours group by metric, dims_key, dimensions, 4)
    insert into metric_rollups as r ${rollupColumns}
    select ${tenantId}::uuid, metric, 'hour', bucket_start, dims_key, dimensions, sum, count, min, max, last_value, last_time from hours
    union all
    select ${tenantId}::uuid, metric, 'day', bucket_start, dims_key, dimensions, sum, count, min, max, last_value, last_time from days
    order by 2, 3, 5, 4`;
  await insertElseUpsert(tx, hoursAndDays, sql`${hoursAndDays} ${upsertRollups}`);
  await tx.execute(sql`
    insert into metric_rollups as r ${rollupColumns}
    select ${tenantId}::uuid, s.metric, b.bucket, a.bucket_start, s.dims_key, s.dimensions, a.sum, a.count, a.min, a.max, a.last_value, a.last_time
    from ${SERIES} s cross join (values ('week'), ('month')) as b(bucket)
    cross join lateral (
      select date_trunc(b.bucket, d.bucket_start, 'UTC') as bucket_start,
             sum(d.sum) as sum, sum(d.count) as count, min(d.min) as min, max(d.max) as max,
             (array_agg(d.last_value order by d.last_time desc))[1] as last_value, max(d.last_time) as last_time
      from metric_rollups d
      where d.tenant_id = ${tenantId}::uuid and d.metric = s.metric and d.bucket = 'day' and d.dims_key = s.dims_key
        and d.bucket_start >= date_trunc(b.bucket, s.t0, 'UTC')
        and d.bucket_start < date_trunc(b.bucket, s.t1, 'UTC') + ('1 ' || b.bucket)::interval
      group by 1) a
    ${upsertRollups}`);
}
