import type { Database } from '../db/types';
import { badRequest } from '../errors';
import { fieldErrorsOf } from '../http/problems';
import type { Logger } from '../log';
import { executeJob, type ExecutorDeps, type JobRunner } from './execute';
import type { JobRegistry } from './registry';
import { readJob, recordJob, toView } from './store';
import type { JobDispatcher, JobView, SubmitOptions } from './types';

export interface DispatcherOptions {
  transport: 'inline' | 'http' | 'qstash';
  db: Database;
  log: Logger;
  /** Validates payloads before anything is recorded; when absent, compute validates. */
  registry?: JobRegistry;
  /** inline: the worker-thread runner. */
  runner?: JobRunner;
  retryBaseMs?: number;
  /** http and qstash: where functions/compute listens (its public URL). */
  computeUrl?: string;
  computeToken?: string;
  /** qstash: publishes { tenantId, jobId } for delivery to computeUrl. */
  publish?: (url: string, body: { tenantId: string; jobId: string }, deduplicationId: string) => Promise<void>;
  pollIntervalMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const finished = (job: JobView) => job.status === 'succeeded' || job.status === 'failed';

export function createDispatcher(options: DispatcherOptions): JobDispatcher {
  const { db, log, transport } = options;
  const pollMs = options.pollIntervalMs ?? 100;

  const validate = (kind: string, payload: unknown) => {
    if (!options.registry) return;
    const def = options.registry.get(kind);
    if (!def) throw badRequest(`Unknown job kind ${kind}.`, [{ path: 'kind', message: 'unknown' }]);
    const parsed = def.payload.safeParse(payload);
    if (!parsed.success) throw badRequest(`The ${kind} job's input is not valid.`, fieldErrorsOf(parsed.error));
  };

  const record = (tenantId: string, kind: string, payload: unknown, o: SubmitOptions = {}) => {
    validate(kind, payload);
    return recordJob(db, {
      tenantId,
      kind,
      payload,
      idempotencyKey: o.idempotencyKey ?? crypto.randomUUID(),
      maxAttempts: o.maxAttempts ?? 3,
    });
  };

  async function waitFor(tenantId: string, jobId: string, deadline: number): Promise<JobView> {
    for (;;) {
      const row = await readJob(db, tenantId, jobId);
      if (!row) throw new Error(`job ${jobId} vanished`);
      const view = toView(row);
      if (finished(view) || Date.now() >= deadline) return view;
      await sleep(pollMs);
    }
  }

  /** Inline: attempts on this process's worker threads until done, retrying after backoff. */
  async function runInline(tenantId: string, jobId: string, deadline: number): Promise<JobView> {
    if (!options.runner) throw new Error('the inline job transport needs a worker-thread runner');
    const deps: ExecutorDeps = { db, log, registry: options.registry ?? new Map(), runner: options.runner, retryBaseMs: options.retryBaseMs };
    for (;;) {
      const step = await executeJob(deps, tenantId, jobId);
      if (step.outcome === 'done') return step.job;
      if (step.outcome === 'busy') return waitFor(tenantId, jobId, deadline);
      if (Date.now() + step.retryInMs >= deadline) return step.job;
      await sleep(step.retryInMs);
    }
  }

  async function postToCompute(tenantId: string, jobId: string): Promise<JobView | null> {
    const res = await fetch(`${options.computeUrl}/api/compute/jobs/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.computeToken ?? ''}` },
      body: JSON.stringify({ tenantId, jobId }),
    });
    if (!res.ok) throw new Error(`compute answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { job: JobView };
    return body.job;
  }

  async function start(tenantId: string, jobId: string, deadline: number): Promise<JobView> {
    switch (transport) {
      case 'inline':
        return runInline(tenantId, jobId, deadline);
      case 'http': {
        const view = await postToCompute(tenantId, jobId);
        return view && finished(view) ? view : waitFor(tenantId, jobId, deadline);
      }
      case 'qstash': {
        if (!options.publish) throw new Error('the qstash job transport needs a publisher');
        await options.publish(`${options.computeUrl}/api/compute/qstash`, { tenantId, jobId }, jobId);
        return waitFor(tenantId, jobId, deadline);
      }
    }
  }

  return {
    transport,
    async submit(tenantId, kind, payload, o) {
      const row = await record(tenantId, kind, payload, o);
      const view = toView(row);
      if (view.status !== 'queued' || view.attempts > 0) return view;
      if (transport === 'qstash') {
        await options.publish!(`${options.computeUrl}/api/compute/qstash`, { tenantId, jobId: row.id }, row.id);
      } else {
        start(tenantId, row.id, Date.now() + 10 * 60_000).catch((err) =>
          log.error('job start failed', { jobId: row.id, kind, error: String(err) }),
        );
      }
      return view;
    },
    async run(tenantId, kind, payload, o = {}) {
      const row = await record(tenantId, kind, payload, o);
      const deadline = Date.now() + (o.timeoutMs ?? 60_000);
      const view = toView(row);
      if (finished(view)) return view;
      return start(tenantId, row.id, deadline);
    },
    async get(tenantId, jobId) {
      const row = await readJob(db, tenantId, jobId);
      return row ? toView(row) : null;
    },
    async close() {},
  };
}
