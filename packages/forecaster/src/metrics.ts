import { at } from './stats';

// Accuracy measures as in Hyndman & Koehler (2006); MASE is scaled by the in-sample seasonal-naive MAE.

export function seasonalNaiveMae(train: readonly number[], period: number): number {
  const m = period > 1 && train.length > period ? period : 1;
  let s = 0;
  let k = 0;
  for (let t = m; t < train.length; t++) {
    s += Math.abs(at(train, t) - at(train, t - m));
    k++;
  }
  return k > 0 ? s / k : NaN;
}

export function mase(actual: readonly number[], predicted: readonly number[], scale: number): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(at(actual, i) - at(predicted, i));
  return s / actual.length / scale;
}

/** Symmetric MAPE in percent (0–200), the M3/M4 definition. */
export function smape(actual: readonly number[], predicted: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = at(actual, i);
    const p = at(predicted, i);
    const d = Math.abs(a) + Math.abs(p);
    s += d === 0 ? 0 : (200 * Math.abs(a - p)) / d;
  }
  return s / actual.length;
}

/** MAPE in percent; undefined (NaN) when any actual is zero. */
export function mape(actual: readonly number[], predicted: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = at(actual, i);
    if (a === 0) return NaN;
    s += Math.abs((a - at(predicted, i)) / a);
  }
  return (100 * s) / actual.length;
}

export function coverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  let k = 0;
  for (let i = 0; i < actual.length; i++) if (at(actual, i) >= at(lower, i) && at(actual, i) <= at(upper, i)) k++;
  return k / actual.length;
}

/** Mean Winkler (interval) score: width plus 2/α times any miss; lower is better. */
export function winkler(actual: readonly number[], lower: readonly number[], upper: readonly number[], level: number): number {
  const alpha = 1 - level / 100;
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = at(actual, i);
    const lo = at(lower, i);
    const hi = at(upper, i);
    s += hi - lo + (a < lo ? (2 / alpha) * (lo - a) : 0) + (a > hi ? (2 / alpha) * (a - hi) : 0);
  }
  return s / actual.length;
}
