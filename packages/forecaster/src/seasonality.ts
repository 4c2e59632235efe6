import { acf, at, mean } from './stats';

/** Centred moving average of order m (2×m for even m); NaN where undefined. */
export function centredMovingAverage(y: readonly number[], m: number): number[] {
  const n = y.length;
  const out = new Array<number>(n).fill(NaN);
  const half = Math.floor(m / 2);
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (m % 2 === 1) {
      for (let k = -half; k <= half; k++) s += at(y, t + k);
      out[t] = s / m;
    } else {
      for (let k = -half + 1; k <= half - 1; k++) s += at(y, t + k);
      s += 0.5 * (at(y, t - half) + at(y, t + half));
      out[t] = s / m;
    }
  }
  return out;
}

/**
 * Classical decomposition seasonal indices, one per position t mod m (index 0 = the first observation's position).
 * Multiplicative indices average 1, additive ones average 0.
 */
export function seasonalIndices(y: readonly number[], m: number, multiplicative: boolean): number[] {
  const trend = centredMovingAverage(y, m);
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < y.length; t++) {
    const tr = at(trend, t);
    if (!Number.isFinite(tr)) continue;
    const v = multiplicative ? at(y, t) / tr : at(y, t) - tr;
    sums[t % m] = at(sums, t % m) + v;
    counts[t % m] = at(counts, t % m) + 1;
  }
  const idx = sums.map((s, i) => (at(counts, i) > 0 ? s / at(counts, i) : multiplicative ? 1 : 0));
  const c = mean(idx);
  return idx.map((v) => (multiplicative ? v / c : v - c));
}

/** The test `thetaf` uses: is the autocorrelation at the seasonal lag significant at 90%? */
export function isSeasonal(y: readonly number[], m: number): boolean {
  if (m <= 1 || y.length < 3 * m) return false;
  const r = acf(y, m);
  let s = 0;
  for (let i = 0; i < m - 1; i++) s += at(r, i) * at(r, i);
  const stat = Math.abs(at(r, m - 1)) / Math.sqrt((1 + 2 * s) / y.length);
  return stat > 1.645;
}

/**
 * Strength of seasonality in [0, 1] (Wang, Smith & Hyndman): 1 − Var(remainder)/Var(season + remainder).
 * The seasonal component may evolve: each position is smoothed across cycles with tricube weights over
 * 11 cycles, like STL's seasonal window, so growing seasonal amplitude still counts as seasonal.
 */
export function seasonalStrength(y: readonly number[], m: number): number {
  if (m <= 1 || y.length < 2 * m) return 0;
  const trend = centredMovingAverage(y, m);
  const detr = y.map((v, t) => v - at(trend, t));
  const seasRem: number[] = [];
  const rem: number[] = [];
  const halfSpan = 5.5;
  for (let t = 0; t < y.length; t++) {
    const d = at(detr, t);
    if (!Number.isFinite(d)) continue;
    let sw = 0;
    let s = 0;
    for (let u = t % m; u < y.length; u += m) {
      const dv = at(detr, u);
      const dist = Math.abs(u - t) / m / halfSpan;
      if (!Number.isFinite(dv) || dist >= 1) continue;
      const w = Math.pow(1 - dist * dist * dist, 3);
      sw += w;
      s += w * dv;
    }
    rem.push(d - (sw > 0 ? s / sw : 0));
    seasRem.push(d);
  }
  const v = (x: number[]) => {
    const mu = mean(x);
    return x.reduce((a, b) => a + (b - mu) * (b - mu), 0);
  };
  const denom = v(seasRem);
  return denom > 0 ? Math.max(0, 1 - v(rem) / denom) : 0;
}
