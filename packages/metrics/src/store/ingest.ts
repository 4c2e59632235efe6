import { sql } from 'drizzle-orm';
import { executeRows, withTenant, type Database, type Tx } from '@dyocense/core';
import type { CleanPoint } from './points';
import { refreshRollups } from './rollups';
import { lockTenantMetrics } from './lock';

export interface IngestResult {
  inserted: number;
  updated: number;
}

/** Makes sure the monthly partitions for the batch exist, in a short transaction of its own. */
export async function ensurePartitions(db: Database, points: CleanPoint[]): Promise<void> {
  if (points.length === 0) return;
  let min = points[0]!.time;
  let max = min;
  for (const p of points) {
    if (p.time < min) min = p.time;
    if (p.time > max) max = p.time;
  }
  await db.query(sql`select metrics_ensure_partitions(${min}::timestamptz, ${max}::timestamptz)`);
}

/**
 * Writes a checked batch: upsert on tenant + metric + time + dimensions + source (so
 * re-ingesting replaces, never duplicates), then refreshes the affected rollup buckets, all
 * in the caller's tenant transaction — a batch lands whole or not at all.
 */
export async function writePoints(tx: Tx, tenantId: string, points: CleanPoint[]): Promise<IngestResult> {
  if (points.length === 0) return { inserted: 0, updated: 0 };
  await lockTenantMetrics(tx, tenantId);
  const batch = JSON.stringify(points);
  const [row] = await executeRows<{ inserted: number; updated: number }>(
    tx,
    sql`with batch as (
      select p.* from jsonb_to_recordset(${batch}::jsonb)
        as p(metric text, time timestamptz, value float8, unit text, source text, dimensions jsonb, dims_key text)),
    existing as (
      -- Same snapshot as the insert: the points that were already there get replaced.
      -- One index probe per point (LATERAL), never a join over the tenant's history.
      select count(*)::int as n from batch b cross join lateral (
        select 1 from business_metrics m
        where m.tenant_id = ${tenantId}::uuid and m.metric = b.metric and m.dims_key = b.dims_key
          and m.time = b.time and m.source = b.source limit 1) hit),
    written as (
      insert into business_metrics as m (tenant_id, metric, time, value, unit, source, dimensions, dims_key)
      select ${tenantId}::uuid, b.metric, b.time, b.value, b.unit, b.source, b.dimensions, b.dims_key from batch b
      on conflict (tenant_id, metric, time, dims_key, source)
        do update set value = excluded.value, unit = excluded.unit, ingested_at = now()
      returning 1)
    select (select count(*)::int from written) - e.n as inserted, e.n as updated from existing e`,
  );
  await refreshRollups(tx, tenantId, batch);
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
}

/**
 * Writes checked points: partitions first, then one tenant transaction per batch (a request
 * is one batch, so it lands whole or not at all; a large import commits batch by batch).
 */
export async function ingestChecked(db: Database, tenantId: string, points: CleanPoint[], batchSize = 10_000): Promise<IngestResult> {
  await ensurePartitions(db, points);
  const total: IngestResult = { inserted: 0, updated: 0 };
  for (let i = 0; i < points.length; i += batchSize) {
    const written = await withTenant(db, tenantId, (tx) => writePoints(tx, tenantId, points.slice(i, i + batchSize)));
    total.inserted += written.inserted;
    total.updated += written.updated;
  }
  return total;
}
