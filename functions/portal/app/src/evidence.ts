import { apiRequest, withQuery } from './api';

export interface Contribution {
  driver: string;
  kind: string;
  contribution: number;
  share: number;
}

export interface Candidate {
  name: string;
  verdict: string;
  explainedChange: number | null;
  explainedInterval: [number, number] | null;
}

export interface Refutation {
  check: string;
  passed: boolean;
  summary: string;
}

export interface Estimate {
  id: string;
  question: 'explain' | 'effect' | 'simulate';
  metric: string;
  method: string;
  estimate: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  narrative: string;
  refutations: unknown;
  drivers: unknown;
  details: Record<string, unknown>;
}

type Pending = { jobId: string; status: string; location: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Evidence routes wait for their job; a slow one answers 202 and is polled until its estimate exists. */
async function settle(answer: Estimate | Pending): Promise<Estimate> {
  for (let attempt = 0; 'jobId' in answer && !('narrative' in answer); attempt++) {
    if (attempt > 90) throw new Error('This is taking longer than expected; the answer will appear under past estimates when done.');
    await sleep(1000);
    const job = await apiRequest<{ status: string; error: string | null; estimateId: string | null }>('GET', answer.location);
    if (job.status === 'failed') throw new Error(job.error ?? 'The estimate failed.');
    if (job.estimateId) return apiRequest<Estimate>('GET', `/api/evidence/estimates/${job.estimateId}`);
  }
  return answer as Estimate;
}

export const explainChange = (q: { metric: string; from: string; to: string; compareTo: string }) =>
  apiRequest<Estimate | Pending>('GET', withQuery('/api/evidence/explain', q)).then(settle);

export const estimateEffect = (body: { metric: string; actionDate: string; endDate?: string; label?: string }) =>
  apiRequest<Estimate | Pending>('POST', '/api/evidence/effect', body).then(settle);

/** The explain answer's parts, read defensively: drivers and details are documented as open objects. */
export function explainParts(e: Estimate) {
  const d = (e.drivers ?? {}) as { drivers?: Contribution[]; detractors?: Contribution[] };
  const details = e.details as { percent?: number | null; candidates?: Candidate[]; likelyCauses?: string[] };
  return {
    drivers: d.drivers ?? [],
    detractors: d.detractors ?? [],
    percent: details.percent ?? null,
    causes: (details.candidates ?? []).filter((c) => (details.likelyCauses ?? []).includes(c.name)),
  };
}

export function refutationsOf(e: Estimate): Refutation[] {
  const r = e.refutations as { checks?: Refutation[] } | { checks?: Refutation[] }[] | null;
  if (!r) return [];
  return Array.isArray(r) ? r.flatMap((x) => x.checks ?? []) : (r.checks ?? []);
}
