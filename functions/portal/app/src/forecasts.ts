import { apiRequest, withQuery } from './api';

export interface ForecastPoint {
  step: number;
  time: string | null;
  mean: number;
  lower: Record<string, number>;
  upper: Record<string, number>;
}

export interface Backtest {
  mase: number | null;
  smape: number | null;
  mape: number | null;
  coverage: Record<string, number | null>;
  origins: number;
  horizon: number;
}

export interface Forecast {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  metric: string | null;
  horizon: number;
  levels: number[];
  method: { requested: string; used: string | null };
  history: { from: string | null; to: string | null; points: number };
  backtest: Backtest | null;
  notes: string[];
  error: string | null;
  points: ForecastPoint[];
  models: { name: string; spec: string; weight: number; backtest: { mase: number | null } }[];
}

export interface Anomaly {
  time: string;
  value: number;
  expected: number;
  score: number;
  direction: 'high' | 'low';
}

type Pending = { id: string; status: string; location: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks for a forecast and waits for it: the server answers at once when it can, otherwise the portal polls. */
export async function requestForecast(body: { metric: string; horizon: number; levels?: number[] }): Promise<Forecast> {
  let answer = await apiRequest<Forecast | Pending>('POST', '/api/forecast', body, { Prefer: 'wait=10' });
  for (let attempt = 0; !('points' in answer) || answer.status === 'queued' || answer.status === 'running'; attempt++) {
    if (attempt > 60) throw new Error('The forecast is taking longer than expected; it will appear in the list when done.');
    await sleep(1000);
    answer = await apiRequest<Forecast>('GET', `/api/forecast/${encodeURIComponent(answer.id)}`);
  }
  if (answer.status === 'failed') throw new Error(answer.error ?? 'The forecast failed.');
  return answer;
}

export const fetchAnomalies = (metric: string) =>
  apiRequest<{ anomalies: Anomaly[] }>('GET', withQuery('/api/forecast/anomalies', { metric })).then((r) => r.anomalies);
