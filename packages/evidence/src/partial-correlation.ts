import { Matrix, inverse } from 'ml-matrix';
import { zPValue } from './distributions';

/** Pearson correlation matrix of columns. */
export function correlationMatrix(columns: readonly number[][]): number[][] {
  const n = columns[0]?.length ?? 0;
  const centred = columns.map((c) => {
    const m = c.reduce((s, v) => s + v, 0) / n;
    return c.map((v) => v - m);
  });
  const norms = centred.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  return centred.map((a, i) => centred.map((b, j) => {
    if (i === j) return 1;
    let s = 0;
    for (let t = 0; t < n; t++) s += (a[t] as number) * (b[t] as number);
    return s / ((norms[i] as number) * (norms[j] as number));
  }));
}

/** Partial correlation of i and j given the set s, from the inverse of the correlation submatrix. */
export function partialCorrelation(corr: number[][], i: number, j: number, s: readonly number[]): number {
  if (s.length === 0) return (corr[i] as number[])[j] as number;
  const idx = [i, j, ...s];
  const sub = new Matrix(idx.map((a) => idx.map((b) => (corr[a] as number[])[b] as number)));
  const P = inverse(sub, true);
  const r = -P.get(0, 1) / Math.sqrt(P.get(0, 0) * P.get(1, 1));
  return Math.max(-1, Math.min(1, r));
}

/** Fisher z test of zero partial correlation (Gaussian conditional independence). */
export function fisherZPValue(r: number, n: number, conditioningSize: number): number {
  const df = n - conditioningSize - 3;
  if (df < 1) return 1;
  const clipped = Math.max(-1 + 1e-12, Math.min(1 - 1e-12, r));
  return zPValue(0.5 * Math.log((1 + clipped) / (1 - clipped)) * Math.sqrt(df));
}
