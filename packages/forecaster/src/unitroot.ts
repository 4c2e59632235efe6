import { at, mean } from './stats';
import { seasonalStrength } from './seasonality';

// Choosing differencing orders the way forecast::auto.arima does: KPSS tests for d, seasonal strength for D.

/** KPSS level-stationarity statistic with a Bartlett long-run variance (lag trunc(3√n/13), as ndiffs uses). */
export function kpssStatistic(y: readonly number[]): number {
  const n = y.length;
  const mu = mean(y);
  const e = y.map((v) => v - mu);
  let cum = 0;
  let eta = 0;
  for (const v of e) {
    cum += v;
    eta += cum * cum;
  }
  eta /= n * n;
  const lag = Math.trunc((3 * Math.sqrt(n)) / 13);
  let s2 = 0;
  for (const v of e) s2 += v * v;
  s2 /= n;
  for (let s = 1; s <= lag; s++) {
    let c = 0;
    for (let t = s; t < n; t++) c += at(e, t) * at(e, t - s);
    s2 += (2 * (1 - s / (lag + 1)) * c) / n;
  }
  return s2 > 0 ? eta / s2 : 0;
}

export function difference(y: readonly number[], lag = 1): number[] {
  const out: number[] = [];
  for (let t = lag; t < y.length; t++) out.push(at(y, t) - at(y, t - lag));
  return out;
}

function isConstant(y: readonly number[]): boolean {
  return y.every((v) => Math.abs(v - at(y, 0)) < 1e-12 * (1 + Math.abs(at(y, 0))));
}

/** Number of first differences needed: KPSS at 5% (critical value 0.463), at most maxD. */
export function ndiffs(y: readonly number[], maxD = 2): number {
  let x = y.slice();
  let d = 0;
  while (d < maxD && x.length > 4 && !isConstant(x) && kpssStatistic(x) > 0.463) {
    x = difference(x);
    d++;
  }
  return d;
}

/** Seasonal differences: one when the seasonal strength exceeds 0.64 (forecast's "seas" test). */
export function nsdiffs(y: readonly number[], m: number): number {
  if (m <= 1 || y.length < 2 * m + 2) return 0;
  return seasonalStrength(y, m) > 0.64 ? 1 : 0;
}
