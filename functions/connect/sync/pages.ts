import type { Runtime } from '@dyocense/core';

/**
 * Hands one fetched page to the job dispatcher and waits for it to be applied. The
 * idempotency key (sync + page number) makes a repeated hand-over the same job, applied once.
 */
export async function applyPage(runtime: Runtime, tenantId: string, kind: string, key: string, payload: object): Promise<void> {
  const job = await runtime.jobs.run(tenantId, kind, payload, { idempotencyKey: key, maxAttempts: 3, timeoutMs: 120_000 });
  if (job.status === 'succeeded') return;
  throw new Error(job.status === 'failed' ? `applying the page failed: ${job.error ?? 'unknown error'}` : 'applying the page did not finish in time');
}
