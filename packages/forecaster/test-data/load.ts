// Test helper: the public R datasets copied into test-data/ (t,value CSVs). Only imported by tests and the bench.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./', import.meta.url));

export function loadSeries(name: string): number[] {
  return readFileSync(dir + name + '.csv', 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[1]));
}

export type ReferenceEntry = {
  period: number;
  horizon: number;
  n: number;
  auto_arima: { mase: number; smape: number; cov80: number; cov95: number; seconds: number };
  ets: { mase: number; smape: number; cov80: number; cov95: number; seconds: number };
  thetaf: { mase: number; smape: number; cov80: number; cov95: number; seconds: number };
  snaive: { mase: number; smape: number; cov80: number; cov95: number };
  comb: { mase: number; smape: number };
};

export function loadReference(): Record<string, ReferenceEntry> {
  const all = JSON.parse(readFileSync(dir + 'reference.json', 'utf8')) as Record<string, ReferenceEntry>;
  return Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('_')));
}
