import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@dyocense/core';

/** The (series, bucket) pairs a batch touched, for the given bucket sizes. */
const touched = (batchJson: string, buckets: SQL) => sql`
  with touched as (
    select distinct p.metric, p.dims_key, b.bucket, date_trunc(b.bucket, p.time, 'UTC') as bucket_start
    from jsonb_to_recordset(${batchJson}::jsonb) as p(metric text, time timestamptz, dims_key text)
    cross join ${buckets} as b(bucket))`;

/** Inserts each touched bucket's aggregate `a` (read by `source` per bucket), replacing what was there. */
const upsert = (tenantId: string, source: SQL) => sql`
  insert into metric_rollups as r (tenant_id, metric, bucket, bucket_start, dims_key, dimensions, sum, count, min, max, last_value, last_time)
  select ${tenantId}::uuid, t.metric, t.bucket, t.bucket_start, t.dims_key, a.dimensions, a.sum, a.count, a.min, a.max, a.last_value, a.last_time
  from touched t cross join lateral (${source}) a
  where a.count > 0
  on conflict (tenant_id, metric, bucket, dims_key, bucket_start) do update set
    dimensions = excluded.dimensions, sum = excluded.sum, count = excluded.count, min = excluded.min,
    max = excluded.max, last_value = excluded.last_value, last_time = excluded.last_time`;

/**
 * Recomputes the rollup buckets a batch touched. Days are computed from the points; weeks
 * and months from the fresh days (the aggregates compose: sum, count, min, max, last), so a
 * month is never rescanned point by point. Recomputing rather than adding keeps rollups
 * right when a point is re-ingested with a new value. Hours are not stored: queries read them from the points.
 *
 * Each touched bucket reads its own series range through LATERAL: the planner cannot know
 * how many rows a JSON batch holds, and left to itself it hash-joins the tenant's whole
 * history (measured: 15M rows filtered per 10k-point batch).
 */
export async function refreshRollups(tx: Tx, tenantId: string, batchJson: string): Promise<void> {
  await tx.execute(sql`${touched(batchJson, sql`(values ('day'))`)}
    ${upsert(
      tenantId,
      sql`select (array_agg(m.dimensions))[1] as dimensions, sum(m.value) as sum, count(*) as count, min(m.value) as min, max(m.value) as max,
                 (array_agg(m.value order by m.time desc, m.source))[1] as last_value, max(m.time) as last_time
          from business_metrics m
          where m.tenant_id = ${tenantId}::uuid and m.metric = t.metric and m.dims_key = t.dims_key
            and m.time >= t.bucket_start and m.time < t.bucket_start + ('1 ' || t.bucket)::interval`,
    )}`);
  await tx.execute(sql`${touched(batchJson, sql`(values ('week'), ('month'))`)}
    ${upsert(
      tenantId,
      sql`select (array_agg(d.dimensions))[1] as dimensions, sum(d.sum) as sum, sum(d.count) as count, min(d.min) as min, max(d.max) as max,
                 (array_agg(d.last_value order by d.last_time desc))[1] as last_value, max(d.last_time) as last_time
          from metric_rollups d
          where d.tenant_id = ${tenantId}::uuid and d.metric = t.metric and d.bucket = 'day' and d.dims_key = t.dims_key
            and d.bucket_start >= t.bucket_start and d.bucket_start < t.bucket_start + ('1 ' || t.bucket)::interval`,
    )}`);
}
