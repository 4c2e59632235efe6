import { and, eq, or, lt, sql } from 'drizzle-orm';
import { jobs } from '@dyocense/db';
import type { Database, Tx } from '../db/types';
import { withTenant } from '../tenancy';
import type { JobView } from './types';

export type JobRow = typeof jobs.$inferSelect;

export const toView = (row: JobRow): JobView => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  attempts: row.attempts,
  result: row.result ?? null,
  error: row.error,
  createdAt: row.createdAt,
  finishedAt: row.finishedAt,
});

/** Inserts the job, or finds the one already recorded under the same idempotency key. */
export async function recordJob(
  db: Database,
  input: { tenantId: string; kind: string; payload: unknown; idempotencyKey: string; maxAttempts: number },
): Promise<JobRow> {
  return withTenant(db, input.tenantId, async (tx) => {
    const [inserted] = await tx.insert(jobs).values(input).onConflictDoNothing().returning();
    if (inserted) return inserted;
    const [existing] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, input.kind), eq(jobs.idempotencyKey, input.idempotencyKey)));
    return existing!;
  });
}

export async function readJob(db: Database, tenantId: string, jobId: string): Promise<JobRow | null> {
  return withTenant(db, tenantId, async (tx) => {
    const [row] = await tx.select().from(jobs).where(eq(jobs.id, jobId));
    return row ?? null;
  });
}

/**
 * Takes the job for one attempt: queued (or running with an expired lease) → running.
 * The returned attempt number fences completion: a stale worker cannot overwrite a newer one.
 */
export async function claimJob(tx: Tx, jobId: string, leaseSeconds: number): Promise<JobRow | null> {
  const [row] = await tx
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, jobId), or(eq(jobs.status, 'queued'), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, sql`now()`)))))
    .returning();
  return row ?? null;
}

export async function markSucceeded(tx: Tx, jobId: string, attempt: number, result: unknown): Promise<boolean> {
  const done = await tx
    .update(jobs)
    .set({ status: 'succeeded', result: result as never, error: null, finishedAt: sql`now()`, updatedAt: sql`now()`, lockedUntil: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running'), eq(jobs.attempts, attempt)))
    .returning({ id: jobs.id });
  return done.length === 1;
}

/** A failed attempt: back to the queue after a backoff, or failed for good when attempts run out. */
export async function markFailed(tx: Tx, jobId: string, attempt: number, error: string, retryInMs: number | null) {
  await tx
    .update(jobs)
    .set(
      retryInMs === null
        ? { status: 'failed', error, finishedAt: sql`now()`, updatedAt: sql`now()`, lockedUntil: null }
        : { status: 'queued', error, runAfter: sql`now() + make_interval(secs => ${retryInMs / 1000})`, updatedAt: sql`now()`, lockedUntil: null },
    )
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running'), eq(jobs.attempts, attempt)));
}
