import { apiRequest, withQuery } from './api';

export type PlanKind = 'inventory' | 'staffing' | 'budget' | 'pricing';

export interface PlanResult {
  status: string;
  objective: number | null;
  explanation: string[];
  binding: { name: string; label: string; shadowPrice: number | null }[];
  diagnosis?: { summary?: string; conflicts?: unknown[] };
  orders?: { name: string; cases: number; units: number; purchaseCost: number; coverProbability: number }[];
  assignments?: { name: string; roleId: string; label: string }[];
  shifts?: { roleId: string; label: string; count: number }[];
  allocations?: Record<string, unknown>[];
  prices?: Record<string, unknown>[];
}

export interface Run {
  id: string;
  kind: PlanKind;
  status: string;
  headline: string | null;
  solver: string | null;
  solveMs: number | null;
  notes?: string[];
  result?: PlanResult | null;
  error?: string | null;
  createdAt: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Solves on the server's worker pool; a long solve answers 202 and is polled until it settles. */
export async function solvePlan(kind: PlanKind, body: Record<string, unknown>): Promise<Run> {
  let run = await apiRequest<Run>('POST', withQuery(`/api/optimize/${kind}`, { wait: 10 }), body);
  for (let attempt = 0; run.status === 'queued' || run.status === 'running'; attempt++) {
    if (attempt > 120) throw new Error('The plan is taking longer than expected; it will appear under recent plans when done.');
    await sleep(1000);
    run = await apiRequest<Run>('GET', `/api/optimize/runs/${encodeURIComponent(run.id)}`);
  }
  return run;
}

export const listRuns = () => apiRequest<{ runs: Run[] }>('GET', withQuery('/api/optimize/runs', { limit: 10 })).then((r) => r.runs);
