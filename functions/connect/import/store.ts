import { and, asc, desc, eq } from 'drizzle-orm';
import { importErrors, imports, type ImportFormat } from '@dyocense/db';
import { audit, withTenant, type Database, type Tx } from '@dyocense/core';
import type { BulkIngestResult } from '@dyocense/metrics';
import type { RowError } from './logic/plan';
import type { ImportView, Mapping } from './schema';

type ImportRow = typeof imports.$inferSelect;

/** Stored for the report: enough to fix a file in a few rounds, bounded per import. */
export const MAX_STORED_ERRORS = 10_000;

export function importView(row: ImportRow): ImportView {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    status: row.status,
    rowsRead: row.rowsRead,
    pointsWritten: row.pointsWritten,
    series: row.series,
    from: row.timeFrom?.toISOString() ?? null,
    to: row.timeTo?.toISOString() ?? null,
    errorCount: row.errorCount,
    bytes: row.bytes,
    mapping: (row.mapping as Mapping | null) ?? null,
    warnings: (row.warnings as string[]) ?? [],
    failure: row.failure,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    errorsUrl: row.errorCount > 0 ? `/api/connect/import/${row.id}/errors.csv` : null,
  };
}

export async function createImport(db: Database, tenantId: string, row: { createdBy: string; fileName: string; format: ImportFormat }): Promise<ImportRow> {
  return withTenant(db, tenantId, async (tx) => {
    const [created] = await tx.insert(imports).values({ tenantId, ...row }).returning();
    return created!;
  });
}

/** Progress of a running import, in a short transaction of its own (the import's is still open). */
export async function saveProgress(db: Database, tenantId: string, id: string, rowsRead: number, bytes: number): Promise<void> {
  await withTenant(db, tenantId, (tx) =>
    tx.update(imports).set({ rowsRead, bytes }).where(and(eq(imports.id, id), eq(imports.status, 'running'))),
  );
}

export interface Outcome {
  rowsRead: number;
  bytes: number;
  mapping: Mapping | null;
  warnings: string[];
  startedAt: number;
}

export async function finishSucceeded(
  db: Database,
  tenantId: string,
  id: string,
  actor: { userId: string; ip?: string | null },
  outcome: Outcome & { written: BulkIngestResult },
): Promise<ImportView> {
  return withTenant(db, tenantId, async (tx) => {
    const [row] = await tx
      .update(imports)
      .set({
        status: 'succeeded',
        rowsRead: outcome.rowsRead,
        bytes: outcome.bytes,
        pointsWritten: outcome.written.points,
        series: outcome.written.series,
        timeFrom: outcome.written.from ? new Date(outcome.written.from) : null,
        timeTo: outcome.written.to ? new Date(outcome.written.to) : null,
        mapping: outcome.mapping,
        warnings: outcome.warnings,
        finishedAt: new Date(),
        durationMs: Math.round(Date.now() - outcome.startedAt),
      })
      .where(eq(imports.id, id))
      .returning();
    await audit(tx, {
      tenantId,
      actorUserId: actor.userId,
      ip: actor.ip ?? null,
      action: 'import.completed',
      target: id,
      details: { fileName: row!.fileName, rows: outcome.rowsRead, points: outcome.written.points, metrics: outcome.written.metrics },
    });
    return importView(row!);
  });
}

/** Marks an import failed and stores (the first MAX_STORED_ERRORS of) its row errors. */
export async function finishFailed(
  db: Database,
  tenantId: string,
  id: string,
  outcome: Outcome & { failure: string; errors: RowError[]; errorCount: number },
): Promise<ImportView> {
  return withTenant(db, tenantId, async (tx) => {
    const stored = outcome.errors.slice(0, MAX_STORED_ERRORS);
    for (let i = 0; i < stored.length; i += 1000) {
      await tx.insert(importErrors).values(
        stored.slice(i, i + 1000).map((e, k) => ({ tenantId, importId: id, position: i + k, row: e.row, column: e.column, value: e.value.slice(0, 1000), message: e.message })),
      );
    }
    const [row] = await tx
      .update(imports)
      .set({
        status: 'failed',
        rowsRead: outcome.rowsRead,
        bytes: outcome.bytes,
        errorCount: outcome.errorCount,
        mapping: outcome.mapping,
        warnings: outcome.warnings,
        failure: outcome.failure,
        finishedAt: new Date(),
        durationMs: Math.round(Date.now() - outcome.startedAt),
      })
      .where(eq(imports.id, id))
      .returning();
    return importView(row!);
  });
}

export async function findImport(tx: Tx, id: string): Promise<ImportView | null> {
  const [row] = await tx.select().from(imports).where(eq(imports.id, id));
  return row ? importView(row) : null;
}

export async function listImports(tx: Tx, limit: number): Promise<ImportView[]> {
  const rows = await tx.select().from(imports).orderBy(desc(imports.createdAt)).limit(limit);
  return rows.map(importView);
}

export async function errorsOf(tx: Tx, id: string): Promise<RowError[]> {
  return tx
    .select({ row: importErrors.row, column: importErrors.column, value: importErrors.value, message: importErrors.message })
    .from(importErrors)
    .where(eq(importErrors.importId, id))
    .orderBy(asc(importErrors.position));
}
