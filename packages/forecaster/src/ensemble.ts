import { mase, smape } from './metrics';
import type { Origin } from './backtest';
import { at, mean } from './stats';
import type { ModelForecast } from './types';

// Combining candidate forecasts with weights learned from rolling-origin backtests.

/** Mean backtest MASE per model over the origins where every listed model produced a forecast. */
export function backtestScores(origins: readonly Origin[], names: readonly string[]): Map<string, { mase: number; smape: number }> {
  const out = new Map<string, { mase: number; smape: number }>();
  const usable = origins.filter((o) => names.every((n) => o.forecasts.has(n)));
  for (const name of names) {
    const m: number[] = [];
    const s: number[] = [];
    for (const o of usable) {
      const f = o.forecasts.get(name) as ModelForecast;
      m.push(mase(o.actual, f.mean, o.scale));
      s.push(smape(o.actual, f.mean));
    }
    out.set(name, { mase: m.length ? mean(m) : NaN, smape: s.length ? mean(s) : NaN });
  }
  return out;
}

/**
 * best: the lowest backtest MASE takes all (what 'auto' uses); inverse / inverse2: weights ∝ 1/MASE or 1/MASE²;
 * topN: equal weights over the N best; nearX: equal weights over models within X% of the best.
 */
export type Strategy = 'best' | 'inverse' | 'inverse2' | 'top2' | 'top3' | 'equal' | 'near10' | 'near20';

/** Turns backtest scores into combination weights that sum to 1. */
export function weightsFrom(scores: Map<string, { mase: number }>, strategy: Strategy): Map<string, number> {
  const ranked = [...scores].filter(([, s]) => Number.isFinite(s.mase)).sort((a, b) => a[1].mase - b[1].mase);
  const w = new Map<string, number>();
  if (ranked.length === 0) return w;
  const floor = 1e-3;
  if (strategy === 'best') w.set(first(ranked)[0], 1);
  else if (strategy.startsWith('near')) {
    // Equal weights over the models whose backtest error is within a margin of the best one.
    const limit = first(ranked)[1].mase * (1 + Number(strategy.slice(4)) / 100);
    const chosen = ranked.filter(([, s]) => s.mase <= limit);
    for (const [name] of chosen) w.set(name, 1 / chosen.length);
  } else if (strategy === 'top2' || strategy === 'top3') {
    const k = Math.min(ranked.length, strategy === 'top2' ? 2 : 3);
    for (const [name] of ranked.slice(0, k)) w.set(name, 1 / k);
  } else if (strategy === 'equal') for (const [name] of ranked) w.set(name, 1 / ranked.length);
  else {
    const pow = strategy === 'inverse2' ? 2 : 1;
    const raw = ranked.map(([name, s]) => [name, 1 / Math.pow(Math.max(s.mase, floor), pow)] as const);
    const total = raw.reduce((a, [, v]) => a + v, 0);
    for (const [name, v] of raw) w.set(name, v / total);
  }
  return w;
}

function first<T>(x: readonly T[]): T {
  return x[0] as T;
}

/** Weighted mean of the point forecasts; sd is the weighted mean sd (models' errors are strongly correlated). */
export function combine(forecasts: Map<string, ModelForecast>, weights: Map<string, number>, horizon: number): { mean: number[]; sd: number[] } {
  const meanOut = new Array<number>(horizon).fill(0);
  const sdOut = new Array<number>(horizon).fill(0);
  let total = 0;
  for (const [name, w] of weights) {
    const f = forecasts.get(name);
    if (!f || w <= 0) continue;
    total += w;
    for (let i = 0; i < horizon; i++) {
      meanOut[i] = at(meanOut, i) + w * at(f.mean, i);
      sdOut[i] = at(sdOut, i) + w * at(f.sd, i);
    }
  }
  return { mean: meanOut.map((v) => v / total), sd: sdOut.map((v) => v / total) };
}
