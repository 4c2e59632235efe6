// This capability's queries. Every function takes a transaction opened by withTenant, so RLS
// scopes each read and write to the caller's tenant.
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { optimizationConstraints, optimizationRuns, type OptimizationKind } from '@dyocense/db';
import type { Tx } from '@dyocense/core';
import type { ConstraintsRow } from '@dyocense/planning';

export type RunRow = typeof optimizationRuns.$inferSelect;

export async function insertRun(tx: Tx, row: typeof optimizationRuns.$inferInsert): Promise<RunRow> {
  const [created] = await tx.insert(optimizationRuns).values(row).returning();
  return created!;
}

export async function findRun(tx: Tx, id: string): Promise<RunRow | null> {
  const [row] = await tx.select().from(optimizationRuns).where(eq(optimizationRuns.id, id));
  return row ?? null;
}

export async function setRunJob(tx: Tx, id: string, jobId: string): Promise<void> {
  await tx.update(optimizationRuns).set({ jobId }).where(eq(optimizationRuns.id, id));
}

/** A queued run whose job gave up (or could not be submitted) becomes failed, with the reason. */
export async function failRun(tx: Tx, id: string, error: string): Promise<RunRow | null> {
  const [row] = await tx
    .update(optimizationRuns)
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where(and(eq(optimizationRuns.id, id), eq(optimizationRuns.status, 'queued')))
    .returning();
  return row ?? null;
}

/** Cursor: created_at (ms, as inserted) and id of the last run on the page. */
export function encodeCursor(row: RunRow): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { createdAt, id };
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listRuns(tx: Tx, opts: { kind?: OptimizationKind; limit: number; after?: { createdAt: Date; id: string } }) {
  const conditions = [
    opts.kind ? eq(optimizationRuns.kind, opts.kind) : undefined,
    opts.after
      ? or(lt(optimizationRuns.createdAt, opts.after.createdAt), and(eq(optimizationRuns.createdAt, opts.after.createdAt), lt(optimizationRuns.id, opts.after.id)))
      : undefined,
  ].filter((c) => c !== undefined);
  const rows = await tx
    .select()
    .from(optimizationRuns)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(optimizationRuns.createdAt), desc(optimizationRuns.id))
    .limit(opts.limit + 1);
  return { rows: rows.slice(0, opts.limit), more: rows.length > opts.limit };
}

/** Saved settings are read by @dyocense/planning when it fills a plan; written here. */
export { findConstraints, type ConstraintsRow } from '@dyocense/planning';

export async function listConstraints(tx: Tx): Promise<ConstraintsRow[]> {
  return tx.select().from(optimizationConstraints).orderBy(optimizationConstraints.kind);
}

export async function saveConstraints(tx: Tx, row: { tenantId: string; kind: OptimizationKind; settings: unknown; updatedBy: string | null }): Promise<ConstraintsRow> {
  const [saved] = await tx
    .insert(optimizationConstraints)
    .values(row)
    .onConflictDoUpdate({
      target: [optimizationConstraints.tenantId, optimizationConstraints.kind],
      set: { settings: row.settings, updatedBy: row.updatedBy, updatedAt: new Date() },
    })
    .returning();
  return saved!;
}

export async function deleteConstraints(tx: Tx, kind: OptimizationKind): Promise<boolean> {
  const deleted = await tx.delete(optimizationConstraints).where(eq(optimizationConstraints.kind, kind)).returning({ id: optimizationConstraints.id });
  return deleted.length > 0;
}
