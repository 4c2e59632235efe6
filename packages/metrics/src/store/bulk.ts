import { sql } from 'drizzle-orm';
import { badRequest, HttpProblem, pgErrorCode, withTenant, type Database, type Tx } from '@dyocense/core';
import type { MetricDefinition } from '../catalog';
import { createStage, stageWriter } from './bulk-stage';
import { collectSeries, refreshStagedRollups, stagedRepeats, upsertStaged } from './bulk-write';
import { loadCatalog } from './catalog';
import { checkPoint, isProblem, SOURCE, type PointInput } from './points';
import { lockTenantMetrics } from './lock';

/** A point as an importer reads it. `row` is the source's own row number (say, a CSV line), used in errors. */
export interface BulkPoint extends PointInput {
  row?: number;
}

export interface BulkIngestOptions {
  /** Source recorded on points that name none (default 'import'). Part of a point's identity. */
  source?: string;
  /** The tenant's catalog; loaded in the import's transaction when omitted. */
  catalog?: ReadonlyMap<string, MetricDefinition>;
  /** Errors collected before reading stops (default 200). The import is refused either way. */
  maxErrors?: number;
  /** Clock for the "at most a year ahead" check (ms since epoch). */
  now?: number;
}

/** One bad row: its number (`row` of the point, else its 1-based position), the field, and why. */
export interface BulkRowError {
  row: number;
  field: string;
  message: string;
}

export interface BulkIngestResult {
  /**
   * Points written (new, or replacing the stored value of the same point). Not split into
   * new and replaced: on a partitioned table that costs a probe per point.
   */
  points: number;
  /** Distinct series (metric + dimensions) touched. */
  series: number;
  metrics: string[];
  /** Earliest and latest point time (ISO 8601), null for an empty import. */
  from: string | null;
  to: string | null;
}

/**
 * Thrown when any row is bad: nothing was written. A 400 problem (so an uncaught refusal
 * still answers well) whose field errors are `rows.<row>.<field>`; `rowErrors` has the same
 * list structured, `truncated` says reading stopped at `maxErrors`.
 */
export class BulkIngestRefused extends HttpProblem {
  override name = 'BulkIngestRefused';
  constructor(
    readonly rowErrors: BulkRowError[],
    readonly rowsRead: number,
    readonly truncated: boolean,
  ) {
    super(
      400,
      'validation',
      `${rowErrors.length}${truncated ? '+' : ''} of ${rowsRead} rows are not valid; nothing was imported.`,
      rowErrors.map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })),
    );
  }
}

/**
 * Imports a stream of points for one tenant, all or nothing: every point passes the same
 * checks as POST /api/metrics/points (metric in the catalog, unit, time, finite value,
 * dimensions; a repeated point is an error), row by row as it arrives — the stream is never
 * held in memory. Points are copied into a transaction-local staging table, written with
 * one set-based upsert (idempotent on metric + time + source + dimensions: importing the
 * same file again replaces values and adds nothing) and the rollups of the touched series
 * are refreshed once, in one transaction of the tenant. Any bad row → `BulkIngestRefused`
 * and nothing is written; a database failure rolls everything back too.
 *
 * Tenant-safe: rows are stamped with the tenant of the transaction and written through
 * row-level security as the app role; a point cannot name another tenant.
 */
export async function bulkIngest(
  db: Database,
  tenantId: string,
  points: AsyncIterable<BulkPoint> | Iterable<BulkPoint>,
  options: BulkIngestOptions = {},
): Promise<BulkIngestResult> {
  const maxErrors = options.maxErrors ?? 200;
  const source = options.source ?? 'import';
  if (!SOURCE.test(source)) throw badRequest('The import names an invalid source.', [{ path: 'source', message: '1 to 40 of a-z, 0-9, _ . : -' }]);
  const now = options.now ?? Date.now();
  return withTenant(db, tenantId, async (tx) => {
    const catalog = options.catalog ?? (await loadCatalog(tx));
    await createStage(tx);
    const writer = await stageWriter(tx, db.kind);
    const errors: BulkRowError[] = [];
    let read = 0;
    let truncated = false;
    let min: string | null = null;
    let max: string | null = null;
    try {
      for await (const point of points) {
        read++;
        const row = point.row ?? read;
        const checked = checkPoint(point, catalog, source, now);
        if (isProblem(checked)) {
          if (errors.length === maxErrors) {
            truncated = true;
            break;
          }
          errors.push({ row, field: checked.field, message: checked.message });
          continue;
        }
        if (errors.length) continue; // refused already: only look for more errors
        if (min === null || checked.time < min) min = checked.time;
        if (max === null || checked.time > max) max = checked.time;
        const pending = writer.write(row, checked);
        if (pending) await pending;
      }
    } finally {
      // Close the COPY even when the source failed: the rollback then ends the transaction.
      await writer.end();
    }
    if (errors.length) throw new BulkIngestRefused(errors, read, truncated);
    if (min === null || max === null) return { points: 0, series: 0, metrics: [], from: null, to: null };

    // Partitions are DDL: on a server, in a short transaction of their own (the import holds
    // no lock on business_metrics yet); PGlite has one connection, so here.
    if (db.kind === 'postgres') await db.query(sql`select metrics_ensure_partitions(${min}::timestamptz, ${max}::timestamptz)`);
    else await tx.execute(sql`select metrics_ensure_partitions(${min}::timestamptz, ${max}::timestamptz)`);

    // Reading the upload ran without the lock; writing points and rollups takes it.
    await lockTenantMetrics(tx, tenantId);
    // The import's sorts and aggregates (one per statement, not per batch) spill to disk less.
    await tx.execute(sql`set local work_mem = '64MB'`);
    await upsertOnce(tx, tenantId, read, maxErrors);
    const touched = await collectSeries(tx);
    await refreshStagedRollups(tx, tenantId);
    return { points: read, ...touched };
  });
}

/** The upsert, in a savepoint so that a point repeated within the file becomes row errors. */
async function upsertOnce(tx: Tx, tenantId: string, read: number, maxErrors: number) {
  try {
    await tx.transaction((sp) => upsertStaged(sp, tenantId));
  } catch (err) {
    if (pgErrorCode(err) !== '21000') throw err;
    const repeats = await stagedRepeats(tx, maxErrors + 1);
    const errors = repeats.slice(0, maxErrors).map((r) => ({
      row: Number(r.row),
      field: 'time',
      message: `repeats row ${r.first} (same metric, time, source and dimensions)`,
    }));
    throw new BulkIngestRefused(errors, read, repeats.length > maxErrors);
  }
}
