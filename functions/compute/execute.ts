import type { Context } from 'hono';
import { executeJob, HttpProblem, type AppEnv, type ExecutionOutcome } from '@dyocense/core';
import { jobKinds } from '@dyocense/core/jobs/kinds';

/** One attempt at a delivered job with this process's runner (worker threads on Node). */
export function runDelivered(c: Context<AppEnv>, tenantId: string, jobId: string): Promise<ExecutionOutcome> {
  const { db, log, jobRunner, config } = c.get('runtime');
  if (!jobRunner) throw new HttpProblem(503, 'service-unavailable', 'This process has no job runner.');
  return executeJob({ db, log, registry: jobKinds, runner: jobRunner, retryBaseMs: config.JOBS_RETRY_BASE_MS }, tenantId, jobId).catch(
    (err: unknown) => {
      if (err instanceof Error && /not found/.test(err.message)) throw new HttpProblem(404, 'not-found', 'No such job for this tenant.');
      throw err;
    },
  );
}
