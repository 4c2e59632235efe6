import { at, quantile, zForLevel } from './stats';
import type { Interval } from './types';

// Prediction intervals. Model intervals are mean ± z·sd; ensemble intervals rescale sd by a factor learned
// from backtest errors (normalised split-conformal: scores |error|/sd pooled over origins and horizons).

export function normalIntervals(mean: readonly number[], sd: readonly number[], levels: readonly number[], factor: (level: number) => number = () => 1): Interval[] {
  return levels.map((level) => {
    const z = zForLevel(level) * factor(level);
    return {
      level,
      lower: mean.map((m, i) => m - z * at(sd, i)),
      upper: mean.map((m, i) => m + z * at(sd, i)),
    };
  });
}

/** Multiplier of z·sd that would have covered `level`% of the scores (finite-sample conformal quantile), at least 1. */
export function conformalFactor(scores: readonly number[], level: number): number {
  if (scores.length < 5) return 1;
  const p = Math.min(1, Math.ceil((scores.length + 1) * (level / 100)) / scores.length);
  const q = quantile(scores, p);
  const raw = q / zForLevel(level);
  // Few scores make extreme quantiles noisy: keep the factor within a plausible band around the model's own width.
  // Widen-only: in-sample model intervals are known to be too narrow out of sample, never too wide, and a
  // handful of backtest origins is too little evidence to narrow them. Capped so one bad origin cannot explode them.
  return Math.min(3, Math.max(1, raw));
}

/** Makes interval sets nest (a wider level always contains a narrower one) and keeps lower ≤ mean ≤ upper. */
export function nestIntervals(mean: readonly number[], intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.level - b.level);
  for (let k = 0; k < sorted.length; k++) {
    const cur = sorted[k] as Interval;
    for (let i = 0; i < mean.length; i++) {
      const prev = k > 0 ? (sorted[k - 1] as Interval) : null;
      cur.lower[i] = Math.min(at(cur.lower, i), at(mean, i), prev ? at(prev.lower, i) : Infinity);
      cur.upper[i] = Math.max(at(cur.upper, i), at(mean, i), prev ? at(prev.upper, i) : -Infinity);
    }
  }
  return sorted;
}
