import { at } from './stats';

// Long seasonal cycles (yearly in daily data, or any period too long for state-space seasonal states) are
// captured by Fourier terms fitted by least squares together with a linear trend, then removed before the
// models see the series and added back to their forecasts (the dynamic-harmonic-regression idea).

export type FourierSeason = { period: number; harmonics: number; coef: number[] };

function basis(t: number, seasons: readonly { period: number; harmonics: number }[]): number[] {
  const row = [1, t];
  for (const s of seasons) {
    for (let k = 1; k <= s.harmonics; k++) {
      const a = (2 * Math.PI * k * t) / s.period;
      row.push(Math.sin(a), Math.cos(a));
    }
  }
  return row;
}

/** Least squares by normal equations with a small ridge term (the design is well conditioned for these sizes). */
function solve(rows: number[][], y: readonly number[]): number[] {
  const p = (rows[0] as number[]).length;
  const A = Array.from({ length: p }, () => new Array<number>(p + 1).fill(0));
  rows.forEach((r, i) => {
    for (let a = 0; a < p; a++) {
      const Aa = A[a] as number[];
      for (let b = 0; b < p; b++) Aa[b] = at(Aa, b) + at(r, a) * at(r, b);
      Aa[p] = at(Aa, p) + at(r, a) * at(y, i);
    }
  });
  for (let a = 0; a < p; a++) (A[a] as number[])[a] = at(A[a] as number[], a) * (1 + 1e-10) + 1e-12;
  // Gauss–Jordan with partial pivoting.
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(at(A[r] as number[], c)) > Math.abs(at(A[piv] as number[], c))) piv = r;
    [A[c], A[piv]] = [A[piv] as number[], A[c] as number[]];
    const Ac = A[c] as number[];
    const d = at(Ac, c);
    for (let k = c; k <= p; k++) Ac[k] = at(Ac, k) / d;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const Ar = A[r] as number[];
      const f = at(Ar, c);
      if (f === 0) continue;
      for (let k = c; k <= p; k++) Ar[k] = at(Ar, k) - f * at(Ac, k);
    }
  }
  return A.map((r) => at(r, p));
}

/** Fits trend + Fourier seasons; `component(t)` is the seasonal part only (trend stays in the series). */
export function fitFourier(y: readonly number[], seasons: { period: number; harmonics: number }[]): { component: (t: number) => number } {
  const rows = y.map((_, t) => basis(t, seasons));
  const coef = solve(rows, y);
  return {
    component: (t: number) => {
      const r = basis(t, seasons);
      let v = 0;
      for (let i = 2; i < r.length; i++) v += at(r, i) * at(coef, i);
      return v;
    },
  };
}
