import type { Context } from 'hono';
import { audit, withTenant, type AppEnv, type AuthContext } from '@dyocense/core';
import { attachJob, findForecast, insertForecast, markFailed, type NewForecast } from './store';

/** The engine's input as the forecast.run job carries it (the job kind validates it again). */
export interface EngineInput {
  values: (number | null)[];
  timestamps?: string[];
  interval?: 'day' | 'week' | 'month';
  period: number;
  horizon: number;
  levels?: number[];
  method: string;
}

export const JOB_KIND = 'forecast.run';
const POLL_MS = 100;
const MAX_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long the caller lets us wait, from `Prefer: respond-async` / `Prefer: wait=N` (RFC 7240), else the default. */
export function waitFromPrefer(prefer: string | undefined, defaultMs: number): number {
  if (!prefer) return defaultMs;
  const prefs = prefer.split(',').map((p) => p.trim().toLowerCase());
  if (prefs.includes('respond-async')) return 0;
  const wait = prefs.map((p) => /^wait=(\d{1,5})$/.exec(p)?.[1]).find((w) => w !== undefined);
  return wait === undefined ? defaultMs : Math.min(Number(wait) * 1000, MAX_WAIT_MS);
}

/**
 * Records the run (queued), hands the engine work to the job dispatcher (worker thread, compute
 * function or QStash: never this event loop), then waits up to `waitMs` for it to finish.
 */
export async function startForecast(c: Context<AppEnv>, auth: AuthContext, run: Omit<NewForecast, 'tenantId' | 'createdBy'>, input: EngineInput, waitMs: number) {
  const { db, jobs } = c.get('runtime');
  const id = await withTenant(db, auth.tenantId, async (tx) => {
    const forecastId = await insertForecast(tx, { ...run, tenantId: auth.tenantId, createdBy: auth.userId });
    await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'forecast.requested', target: `forecast:${forecastId}`, details: { metric: run.metric ?? null, horizon: run.horizon } });
    return forecastId;
  });
  let jobId: string;
  try {
    jobId = (await jobs.submit(auth.tenantId, JOB_KIND, { ...input, forecastId: id }, { idempotencyKey: `forecast:${id}` })).id;
  } catch (err) {
    await withTenant(db, auth.tenantId, (tx) => markFailed(tx, id, err instanceof Error ? err.message : String(err)));
    throw err;
  }
  await withTenant(db, auth.tenantId, (tx) => attachJob(tx, id, jobId));
  const deadline = Date.now() + waitMs;
  for (;;) {
    const view = (await withTenant(db, auth.tenantId, (tx) => findForecast(tx, id)))!;
    if (view.status === 'succeeded' || view.status === 'failed' || Date.now() + POLL_MS > deadline) return view;
    await sleep(POLL_MS);
  }
}

/** 201 with the forecast once finished, else 202 pointing at where to poll. */
export function answer(c: Context<AppEnv>, view: NonNullable<Awaited<ReturnType<typeof findForecast>>>) {
  if (view.status === 'succeeded' || view.status === 'failed') return c.json(view, 201);
  const location = `/api/forecast/${view.id}`;
  c.header('Location', location);
  c.header('Retry-After', '1');
  return c.json({ id: view.id, status: view.status, location }, 202);
}
