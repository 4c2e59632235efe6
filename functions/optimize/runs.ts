// A recorded run goes to the job dispatcher (the solve happens on the worker pool or in the compute
// function, never on this event loop); the request waits a little for it, then lets the caller poll.
import { HttpProblem, withTenant, type Runtime } from '@dyocense/core';
import type { OptimizationKind } from '@dyocense/db';
import { failRun, findRun, setRunJob, type RunRow } from './store';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Queues the solve of a recorded run. The run id doubles as the idempotency key: one run, one job. */
export async function queueRun(runtime: Runtime, tenantId: string, run: RunRow): Promise<string> {
  try {
    const job = await runtime.jobs.submit(tenantId, `optimize.${run.kind as OptimizationKind}`, { runId: run.id, input: run.solvedInput }, { idempotencyKey: run.id, maxAttempts: 2 });
    await withTenant(runtime.db, tenantId, (tx) => setRunJob(tx, run.id, job.id));
    return job.id;
  } catch (err) {
    await withTenant(runtime.db, tenantId, (tx) => failRun(tx, run.id, `could not be queued: ${err instanceof Error ? err.message : String(err)}`));
    if (err instanceof HttpProblem) throw err;
    throw new HttpProblem(503, 'service-unavailable', 'The solve could not be queued; the run is recorded as failed. Please try again.');
  }
}

/**
 * The run as it stands. A run still queued whose job has given up (the worker crashed, every
 * attempt failed) is marked failed here, with the job's error, so it never looks pending forever.
 */
export async function currentRun(runtime: Runtime, tenantId: string, id: string): Promise<RunRow | null> {
  const row = await withTenant(runtime.db, tenantId, (tx) => findRun(tx, id));
  if (!row || row.status !== 'queued' || !row.jobId) return row;
  const job = await runtime.jobs.get(tenantId, row.jobId);
  if (job?.status !== 'failed') return row;
  return (await withTenant(runtime.db, tenantId, (tx) => failRun(tx, id, `the solve failed: ${job.error ?? 'unknown error'}`))) ?? row;
}

/** Polls the run until it leaves 'queued' or `waitMs` passes. */
export async function awaitRun(runtime: Runtime, tenantId: string, id: string, waitMs: number): Promise<RunRow> {
  const deadline = Date.now() + waitMs;
  let pause = 25;
  for (;;) {
    const row = await currentRun(runtime, tenantId, id);
    if (!row) throw new Error(`run ${id} vanished`);
    if (row.status !== 'queued' || Date.now() >= deadline) return row;
    await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
    pause = Math.min(pause * 2, 250);
  }
}
