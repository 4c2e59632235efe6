import { sql } from 'drizzle-orm';
import type { Database } from '../db/types';
import type { Logger } from '../log';
import { executeJob, type ExecutorDeps } from './execute';

/**
 * Picks up jobs nobody is waiting on: retries whose backoff has passed and jobs whose worker
 * died (lease expired). Claims across tenants through the audited jobs_claim() function,
 * then runs each job inside its own tenant.
 */
export function startJobPoller(deps: ExecutorDeps & { intervalMs?: number; batch?: number }): { stop(): Promise<void> } {
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    const due = await peekDue(deps.db, deps.batch ?? 4);
    await Promise.all(
      due.map(({ id, tenant_id }) =>
        executeJob(deps, tenant_id, id).catch((err) => deps.log.error('job poller failed', { jobId: id, error: String(err) })),
      ),
    );
  };
  const timer = setInterval(() => {
    if (stopped) return;
    current = current.then(tick).catch((err) => deps.log.error('job poller tick failed', { error: String(err) }));
  }, deps.intervalMs ?? 1000);
  timer.unref?.();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

/** Due jobs of any tenant. Only ids leave this query; executeJob's own claim is the real lock. */
async function peekDue(db: Database, limit: number) {
  return db.query<{ id: string; tenant_id: string }>(sql`select id, tenant_id from jobs_due(${limit})`);
}
