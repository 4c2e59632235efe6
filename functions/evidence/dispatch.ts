import type { Context } from 'hono';
import { HttpProblem, withTenant, type AppEnv, type AuthContext, type JobView } from '@dyocense/core';
import { findEstimateByJob, graphByJob } from './store';

/** How long a request waits for its job before answering 202 with where to poll. */
export const DEFAULT_WAIT_MS = 55_000;

/**
 * Runs an evidence job through the dispatcher (worker thread, compute function or QStash) and
 * waits for it. The idempotency key is a hash of the kind and the full input, data included:
 * the same question over the same data is the same job and the same stored answer, while new
 * data makes a new one. Engine input errors are deterministic, so there is a single attempt.
 */
export async function runEvidenceJob(c: Context<AppEnv>, auth: AuthContext, kind: string, payload: { meta: unknown } & Record<string, unknown>, waitMs = DEFAULT_WAIT_MS): Promise<JobView> {
  const { meta: _meta, ...input } = payload;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${kind}\0${JSON.stringify(input)}`));
  const key = btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/=+$/, '');
  return c.get('runtime').jobs.run(auth.tenantId, kind, payload, { idempotencyKey: `${kind}:${key}`, maxAttempts: 1, timeoutMs: waitMs });
}

/** A finished job's failure as a problem: what the engine said, never a bare 500. */
export function failedJob(job: JobView): never {
  throw new HttpProblem(422, 'evidence-failed', `The estimation could not be completed: ${job.error ?? 'unknown error'}`);
}

/** 202 with the job to poll when the answer is not ready yet. */
export function pending(c: Context<AppEnv>, job: JobView) {
  const location = `/api/evidence/jobs/${job.id}`;
  c.header('Location', location);
  c.header('Retry-After', '2');
  return c.json({ jobId: job.id, status: job.status, location }, 202);
}

export async function estimateOfJob(c: Context<AppEnv>, auth: AuthContext, jobId: string) {
  return withTenant(c.get('runtime').db, auth.tenantId, (tx) => findEstimateByJob(tx, jobId));
}

export async function graphOfJob(c: Context<AppEnv>, auth: AuthContext, jobId: string) {
  return withTenant(c.get('runtime').db, auth.tenantId, (tx) => graphByJob(tx, jobId));
}
