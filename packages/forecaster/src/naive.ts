import { at } from './stats';
import type { ModelForecast } from './types';

// Benchmarks and fallbacks: seasonal naive, naive (random walk) and random walk with drift.

function residualSd(res: number[]): number {
  if (res.length === 0) return 0;
  let s = 0;
  for (const r of res) s += r * r;
  return Math.sqrt(s / Math.max(1, res.length - 1));
}

export function snaive(y: number[], period: number, horizon: number): ModelForecast {
  const m = period > 1 && y.length >= period ? period : 1;
  const n = y.length;
  const res: number[] = [];
  for (let t = m; t < n; t++) res.push(at(y, t) - at(y, t - m));
  const sigma = residualSd(res);
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    mean.push(at(y, n - m + ((h - 1) % m)));
    sd.push(sigma * Math.sqrt(Math.floor((h - 1) / m) + 1));
  }
  return { name: m > 1 ? 'snaive' : 'naive', spec: m > 1 ? `SNAIVE[${m}]` : 'NAIVE', mean, sd };
}

export function naive(y: number[], _period: number, horizon: number): ModelForecast {
  return snaive(y, 1, horizon);
}

export function drift(y: number[], _period: number, horizon: number): ModelForecast {
  const n = y.length;
  const slope = n > 1 ? (at(y, n - 1) - at(y, 0)) / (n - 1) : 0;
  const res: number[] = [];
  for (let t = 1; t < n; t++) res.push(at(y, t) - at(y, t - 1) - slope);
  const sigma = residualSd(res);
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    mean.push(at(y, n - 1) + slope * h);
    sd.push(sigma * Math.sqrt(h * (1 + h / Math.max(1, n - 1))));
  }
  return { name: 'drift', spec: 'RW with drift', mean, sd };
}
