import { trainGbm, predictGbm } from './gbm';
import { at, mean } from './stats';
import { snaive } from './naive';
import type { ModelForecast } from './types';

// Boosted trees on lag, rolling and calendar features (the role XGBoost plays in the spec). Trees cannot
// extrapolate, so everything is expressed relative to the local level (ratio for positive data, difference
// otherwise) and the forecast is built recursively one step at a time.

function features(y: readonly number[], t: number, m: number, lags: number, level: number, rel: (v: number) => number): number[] {
  const f: number[] = [];
  for (let k = 1; k <= lags; k++) f.push(rel(at(y, t - k)));
  if (m > 1) {
    f.push(rel(at(y, t - m)));
    f.push(t % m);
  }
  f.push(rel(mean(y.slice(t - 3, t))));
  f.push(rel(level));
  return f;
}

export function trees(y: number[], period: number, horizon: number): ModelForecast {
  const m = period > 1 && y.length >= 3 * period ? period : 1;
  const lags = Math.min(m > 1 ? Math.min(m, 12) : 6, Math.max(1, Math.floor(y.length / 4)));
  const win = Math.max(m, 4);
  const start = Math.max(lags, m > 1 ? m : 0, win, 3);
  const positive = y.every((v) => v > 0);
  const levelAt = (s: readonly number[], t: number) => mean(s.slice(t - win, t));
  const make = (s: readonly number[], t: number) => {
    const L = levelAt(s, t);
    const prevL = t - win - 1 >= 0 ? levelAt(s, t - 1) : L;
    const rel = positive ? (v: number) => v / L : (v: number) => v - L;
    return { x: features(s, t, m, lags, prevL, rel), L };
  };
  const X: number[][] = [];
  const target: number[] = [];
  for (let t = start; t < y.length; t++) {
    const { x, L } = make(y, t);
    X.push(x);
    target.push(positive ? at(y, t) / L : at(y, t) - L);
  }
  if (X.length < 10) throw new Error('trees: too few observations');
  const model = trainGbm(X, target, { rounds: 80, depth: 3, learningRate: 0.1, minLeaf: Math.max(3, Math.floor(X.length / 40)) });
  // In-sample residuals of boosted trees are far too optimistic; take the interval scale from the seasonal naive
  // model instead (a sober reference); forecast() then calibrates it on backtest errors.
  const sd = snaive(y, m, horizon).sd;
  // Recursive ratio forecasts compound; trees cannot know about growth beyond the data, so keep the path within
  // half a data range of what was observed (this is what stops a runaway on long horizons).
  const lo = Math.min(...y);
  const hi = Math.max(...y);
  const floor = positive ? Math.max(0, lo - (hi - lo) / 2) : lo - (hi - lo) / 2;
  const ceiling = hi + (hi - lo) / 2;
  const path = y.slice();
  const out: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const t = path.length;
    const { x, L } = make(path, t);
    const p = predictGbm(model, x);
    const v = Math.min(ceiling, Math.max(floor, positive ? p * L : p + L));
    path.push(v);
    out.push(v);
  }
  return { name: 'trees', spec: `GBM(${X[0]?.length ?? 0} features, 80 trees)`, mean: out, sd };
}
