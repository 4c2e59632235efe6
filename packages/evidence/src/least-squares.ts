import { Matrix, QrDecomposition, inverse } from 'ml-matrix';
import { EvidenceInputError } from './errors';

export interface LeastSquaresFit {
  beta: number[];
  fitted: number[];
  residuals: number[];
  rss: number;
  /** (X'WX)^-1, the unscaled covariance of beta. */
  xtxInverse: number[][];
  n: number;
  k: number;
}

/**
 * (Weighted) least squares through a Householder QR of X, which is far better conditioned than
 * solving the normal equations; rank deficiency is reported rather than silently regularised.
 */
export function leastSquares(X: number[][], y: number[], weights?: number[], field = 'covariates'): LeastSquaresFit {
  const n = X.length;
  const k = X[0]?.length ?? 0;
  if (n <= k) throw new EvidenceInputError(field, `needs more rows (${n}) than coefficients (${k})`);
  const sw = weights ? weights.map(Math.sqrt) : undefined;
  const Xw = new Matrix(sw ? X.map((row, i) => row.map((v) => v * (sw[i] as number))) : X);
  const yw = Matrix.columnVector(sw ? y.map((v, i) => v * (sw[i] as number)) : y);
  const qr = new QrDecomposition(Xw);
  const R = qr.upperTriangularMatrix;
  const maxDiag = Math.max(...Array.from({ length: k }, (_, j) => Math.abs(R.get(j, j))));
  for (let j = 0; j < k; j++) {
    if (!(Math.abs(R.get(j, j)) > 1e-10 * maxDiag)) {
      throw new EvidenceInputError(field, 'columns are collinear (or constant); drop a redundant variable');
    }
  }
  const beta = qr.solve(yw).getColumn(0);
  const Rinv = inverse(R.subMatrix(0, k - 1, 0, k - 1));
  const xtxInverse = Rinv.mmul(Rinv.transpose()).to2DArray();
  const fitted = X.map((row) => row.reduce((s, v, j) => s + v * (beta[j] as number), 0));
  const residuals = y.map((v, i) => v - (fitted[i] as number));
  const rss = residuals.reduce((s, e, i) => s + (weights ? (weights[i] as number) : 1) * e * e, 0);
  return { beta, fitted, residuals, rss, xtxInverse, n, k };
}

/** Sandwich A B A with B = sum_i w_i^2 e_i^2 x_i x_i' (White/HC0); callers scale for HC1. */
export function sandwich(X: number[][], residuals: number[], xtxInverse: number[][], weights?: number[]): number[][] {
  const k = xtxInverse.length;
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  X.forEach((row, i) => {
    const w = weights ? (weights[i] as number) : 1;
    const s = (w * (residuals[i] as number)) ** 2;
    for (let a = 0; a < k; a++) {
      const ra = (row[a] as number) * s;
      const meatA = meat[a] as number[];
      for (let b = 0; b < k; b++) meatA[b] = (meatA[b] as number) + ra * (row[b] as number);
    }
  });
  const A = new Matrix(xtxInverse);
  return A.mmul(new Matrix(meat)).mmul(A).to2DArray();
}

/** Cluster-robust meat: sums of score vectors within each cluster (Liang–Zeger), with Stata's small-sample factor. */
export function clusterSandwich(X: number[][], residuals: number[], xtxInverse: number[][], clusters: readonly (string | number)[], parameters = xtxInverse.length): number[][] {
  const k = xtxInverse.length;
  const scores = new Map<string | number, number[]>();
  X.forEach((row, i) => {
    const key = clusters[i] as string | number;
    const s = scores.get(key) ?? new Array<number>(k).fill(0);
    const e = residuals[i] as number;
    for (let a = 0; a < k; a++) s[a] = (s[a] as number) + (row[a] as number) * e;
    scores.set(key, s);
  });
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const s of scores.values()) {
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
      (meat[a] as number[])[b] = ((meat[a] as number[])[b] as number) + (s[a] as number) * (s[b] as number);
    }
  }
  const G = scores.size;
  const n = X.length;
  const factor = G > 1 ? (G / (G - 1)) * ((n - 1) / (n - parameters)) : 1;
  const A = new Matrix(xtxInverse);
  return A.mmul(new Matrix(meat)).mmul(A).mul(factor).to2DArray();
}
