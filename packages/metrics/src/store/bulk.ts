import { sql } from 'drizzle-orm';
import { badRequest, HttpProblem, pgErrorCode, withTenant, type Database, type Tx } from '@dyocense/core';
import type { MetricDefinition } from '../catalog';
import { ChunkLoader, type EnsurePartitions } from './bulk-chunks';
import { DayTotals, stageDayTotals, withWeeksAndMonths } from './bulk-days';
import { createStage, stageWriter } from './bulk-stage';
import { collectSeries, refreshStagedRollups, repeatsOfDirect, stagedRepeats, upsertStaged } from './bulk-write';
import { loadCatalog } from './catalog';
import { checkPoint, isProblem, SOURCE, type CleanPoint, type PointInput } from './points';
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
  /**
   * Series-days whose totals are kept in memory while reading (default 200,000, some 40 MB);
   * an import that touches more has its day totals aggregated by the database instead.
   */
  dayTotalsLimit?: number;
  /** Points per chunk written to the database while the next is read (default 50,000). */
  chunkRows?: number;
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
 * held in memory. Points are written in chunks while the next chunk is read (`ChunkLoader`:
 * plain inserts while nothing stored is met, then the rest staged for one set-based upsert —
 * idempotent on metric + time + source + dimensions: importing the same file again replaces
 * values and adds nothing) and the day/week/month rollups of the touched series are
 * refreshed once, all in one transaction of the tenant. Any bad row → `BulkIngestRefused`
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
    // Partitions are DDL. On a server they are made on a connection of their own, committed at
    // once (ATTACH PARTITION does not wait for this import's open writes), and this transaction
    // is then made to see them (see migration 0023); PGlite has one connection, so here.
    const ensurePartitions: EnsurePartitions = async (from, to) => {
      if (db.kind === 'pglite') {
        await tx.execute(sql`select metrics_ensure_partitions(${from}::timestamptz, ${to}::timestamptz)`);
        return;
      }
      await db.query(sql`select metrics_ensure_partitions(${from}::timestamptz, ${to}::timestamptz)`);
      await tx.execute(sql`select metrics_see_partitions(${from}::timestamptz, ${to}::timestamptz)`);
    };
    const loader = new ChunkLoader(tx, tenantId, stageWriter(tx, db.kind), ensurePartitions, options.chunkRows ?? 50_000);
    const dayTotals = new DayTotals(options.dayTotalsLimit);
    let pass: StagingPass;
    try {
      pass = await stagePoints(points, { catalog, source, now, maxErrors }, (row, point) => {
        if (!dayTotals.add(point)) loader.toStage();
        return loader.add(row, point);
      });
    } catch (err) {
      await loader.abandon(); // the rollback must not race a chunk still being written
      throw err;
    }
    const { read, errors, truncated, min, max } = pass;
    if (errors.length) {
      await loader.abandon();
      throw new BulkIngestRefused(errors, read, truncated);
    }
    await loader.end();
    if (min === null || max === null) return { points: 0, series: 0, metrics: [], from: null, to: null };

    // Reading ran without the lock; the rollups are computed under it. Freshness is judged from
    // the stored rollups, which hold nothing of this import yet.
    await lockTenantMetrics(tx, tenantId);
    // The import's sorts and aggregates (one per statement, not per batch) spill to disk less.
    await tx.execute(sql`set local work_mem = '64MB'`);
    const days = dayTotals.result();
    // The series list stops growing where the day totals outgrew memory; the stage has the rest.
    const touched = await collectSeries(tx, tenantId, dayTotals.series(), days !== null);
    if (loader.staged) {
      await ensurePartitions(min, max);
      await upsertStage(tx, tenantId, loader.direct, read, maxErrors);
    }
    if (days && touched.fresh > 0) await stageDayTotals(tx, withWeeksAndMonths(days), db.kind);
    await refreshStagedRollups(tx, tenantId, touched);
    return { points: read, series: touched.series, metrics: touched.metrics, from: touched.from, to: touched.to };
  });
}

interface StagingPass {
  read: number;
  errors: BulkRowError[];
  truncated: boolean;
  /** Earliest and latest time of the good points. */
  min: string | null;
  max: string | null;
}

/**
 * Checks every point as it arrives and hands the good ones to `stage` (awaiting it only when
 * it returns a promise: the COPY's backpressure). Once a point is bad nothing more is staged;
 * reading goes on to report more errors, up to `maxErrors`. A synchronous source is read
 * with a plain loop: `for await` costs a promise per row, a tenth of the import's time.
 */
async function stagePoints(
  points: AsyncIterable<BulkPoint> | Iterable<BulkPoint>,
  rules: { catalog: ReadonlyMap<string, MetricDefinition>; source: string; now: number; maxErrors: number },
  stage: (row: number, point: CleanPoint) => Promise<void> | void,
): Promise<StagingPass> {
  const pass: StagingPass = { read: 0, errors: [], truncated: false, min: null, max: null };
  /** One point; 'stop' once the error list is full. */
  const take = (point: BulkPoint): Promise<void> | void | 'stop' => {
    pass.read++;
    const row = point.row ?? pass.read;
    const checked = checkPoint(point, rules.catalog, rules.source, rules.now);
    if (isProblem(checked)) {
      if (pass.errors.length === rules.maxErrors) {
        pass.truncated = true;
        return 'stop';
      }
      pass.errors.push({ row, field: checked.field, message: checked.message });
      return;
    }
    if (pass.errors.length) return; // refused already: only look for more errors
    if (pass.min === null || checked.time < pass.min) pass.min = checked.time;
    if (pass.max === null || checked.time > pass.max) pass.max = checked.time;
    return stage(row, checked);
  };
  if (Symbol.iterator in points) {
    for (const point of points) {
      const taken = take(point);
      if (taken === 'stop') break;
      if (taken) await taken;
    }
  } else {
    for await (const point of points) {
      const taken = take(point);
      if (taken === 'stop') break;
      if (taken) await taken;
    }
  }
  return pass;
}

/**
 * Writes the staged points with the upsert. A point the file repeats is a row error: among
 * the staged points the upsert itself finds it (cardinality violation, in a savepoint); a
 * staged point repeating one of a chunk that went straight in would pass as a re-import, so
 * those are looked for first.
 */
async function upsertStage(tx: Tx, tenantId: string, direct: boolean, read: number, maxErrors: number): Promise<void> {
  const refuse = (repeats: { row: number; first: number | null }[]) =>
    new BulkIngestRefused(
      repeats.slice(0, maxErrors).map((r) => ({
        row: Number(r.row),
        field: 'time',
        message: `repeats ${r.first === null ? 'an earlier row' : `row ${r.first}`} (same metric, time, source and dimensions)`,
      })),
      read,
      repeats.length > maxErrors,
    );
  if (direct) {
    const repeats = await repeatsOfDirect(tx, tenantId, maxErrors + 1);
    if (repeats.length) throw refuse(repeats.map((r) => ({ row: r.row, first: null })));
  }
  try {
    // Re-aggregation can be narrowed to what changed only when every point went through the upsert.
    await tx.transaction((sp) => upsertStaged(sp, tenantId, { narrow: !direct }));
  } catch (err) {
    if (pgErrorCode(err) !== '21000') throw err;
    throw refuse(await stagedRepeats(tx, maxErrors + 1));
  }
}
