import type { Database } from '../db/types';
import type { Logger } from '../log';
import { withTenant } from '../tenancy';
import type { JobContext, JobKind, JobRegistry } from './registry';
import { claimJob, markFailed, markSucceeded, readJob, toView } from './store';
import type { JobView } from './types';

/** Runs a job kind's pure computation somewhere: a worker thread, or this thread. */
export type JobRunner = (kind: string, payload: unknown, ctx: JobContext) => Promise<unknown>;

export interface ExecutorDeps {
  db: Database;
  registry: JobRegistry;
  runner: JobRunner;
  log: Logger;
  leaseSeconds?: number;
  retryBaseMs?: number;
}

export type ExecutionOutcome =
  /** Finished now, or finished earlier (a redelivery): nothing was applied twice. */
  | { outcome: 'done'; job: JobView }
  /** This attempt failed; the job is queued again after `retryInMs`. */
  | { outcome: 'retry'; job: JobView; retryInMs: number }
  /** Another worker holds the job's lease right now. */
  | { outcome: 'busy'; job: JobView };

/** Exponential backoff with ±20 % jitter, capped at a minute. */
export function backoffMs(attempt: number, baseMs: number): number {
  const raw = Math.min(60_000, baseMs * 2 ** (attempt - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000);

/**
 * One attempt at a job, safe to call any number of times for the same id (redelivered
 * QStash messages, a poller and a waiting request racing): the claim is atomic, completion
 * is fenced by the attempt number, and the kind's effect commits with the status flip.
 */
export async function executeJob(deps: ExecutorDeps, tenantId: string, jobId: string): Promise<ExecutionOutcome> {
  const { db, registry, runner, log } = deps;
  const claimed = await withTenant(db, tenantId, (tx) => claimJob(tx, jobId, deps.leaseSeconds ?? 300));
  if (!claimed) {
    const row = await readJob(db, tenantId, jobId);
    if (!row) throw new Error(`job ${jobId} not found for tenant ${tenantId}`);
    return row.status === 'running' ? { outcome: 'busy', job: toView(row) } : { outcome: 'done', job: toView(row) };
  }
  const ctx: JobContext = { tenantId, jobId, attempt: claimed.attempts };
  const kind: JobKind | undefined = registry.get(claimed.kind);
  const fail = async (err: unknown): Promise<ExecutionOutcome> => {
    const permanent = !kind || claimed.attempts >= claimed.maxAttempts;
    const retryInMs = permanent ? null : backoffMs(claimed.attempts, deps.retryBaseMs ?? 1000);
    log.warn('job attempt failed', { jobId, kind: claimed.kind, attempt: claimed.attempts, error: messageOf(err), retryInMs });
    await withTenant(db, tenantId, (tx) => markFailed(tx, jobId, claimed.attempts, messageOf(err), retryInMs));
    const job = toView((await readJob(db, tenantId, jobId))!);
    return retryInMs === null ? { outcome: 'done', job } : { outcome: 'retry', job, retryInMs };
  };
  if (!kind) return fail(new Error(`unknown job kind ${claimed.kind}`));

  let result: unknown;
  try {
    result = await runner(claimed.kind, claimed.payload, ctx);
  } catch (err) {
    return fail(err);
  }
  try {
    await withTenant(db, tenantId, async (tx) => {
      if ((await markSucceeded(tx, jobId, claimed.attempts, result)) && kind.apply) await kind.apply(tx, result, ctx);
    });
  } catch (err) {
    return fail(err);
  }
  return { outcome: 'done', job: toView((await readJob(db, tenantId, jobId))!) };
}

/** Runs in the calling thread. For the compute function's tests and for Workers-side kinds. */
export function directRunner(registry: JobRegistry): JobRunner {
  return async (kindName, payload, ctx) => {
    const kind = registry.get(kindName);
    if (!kind) throw new Error(`unknown job kind ${kindName}`);
    return kind.compute(kind.payload.parse(payload), ctx);
  };
}
