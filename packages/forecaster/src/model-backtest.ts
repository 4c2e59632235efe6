import type { Origin } from './backtest';
import { coverage, mape, mase, smape, winkler } from './metrics';
import { at, mean, zForLevel } from './stats';
import type { ModelForecast } from './types';

// Each candidate's own rolling-origin accuracy, with its own (model-based) intervals, so a caller can
// see how every model in the mix did, not only the combination.

export type ModelBacktest = {
  mase: number;
  smape: number;
  /** Null when a backtest actual was zero. */
  mape: number | null;
  coverage: Record<string, number>;
  winkler: Record<string, number>;
};

/** Over the origins where every listed model produced a forecast (the same origins that set the weights). */
export function modelBacktests(origins: readonly Origin[], names: readonly string[], levels: readonly number[]): Map<string, ModelBacktest> {
  const usable = origins.filter((o) => names.every((n) => o.forecasts.has(n)));
  const out = new Map<string, ModelBacktest>();
  if (usable.length === 0) return out;
  for (const name of names) {
    const fcs = usable.map((o) => ({ o, f: o.forecasts.get(name) as ModelForecast }));
    const mapes = fcs.map(({ o, f }) => mape(o.actual, f.mean));
    const cov: Record<string, number> = {};
    const wink: Record<string, number> = {};
    for (const level of levels) {
      const z = zForLevel(level);
      const bounds = fcs.map(({ o, f }) => ({
        o,
        lo: f.mean.map((v, i) => v - z * at(f.sd, i)),
        hi: f.mean.map((v, i) => v + z * at(f.sd, i)),
      }));
      cov[String(level)] = mean(bounds.map(({ o, lo, hi }) => coverage(o.actual, lo, hi)));
      wink[String(level)] = mean(bounds.map(({ o, lo, hi }) => winkler(o.actual, lo, hi, level)));
    }
    out.set(name, {
      mase: mean(fcs.map(({ o, f }) => mase(o.actual, f.mean, o.scale))),
      smape: mean(fcs.map(({ o, f }) => smape(o.actual, f.mean))),
      mape: mapes.every(Number.isFinite) ? mean(mapes) : null,
      coverage: cov,
      winkler: wink,
    });
  }
  return out;
}
