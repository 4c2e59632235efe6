import { Matrix } from 'ml-matrix';

/** Newey–West lag rule of thumb, floor(4 (n/100)^(2/9)). */
export function neweyWestLag(n: number): number {
  return Math.floor(4 * (n / 100) ** (2 / 9));
}

/**
 * Newey–West (Bartlett kernel) covariance for time-ordered rows, robust to autocorrelation and
 * heteroskedasticity; equals R's sandwich::NeweyWest(fit, lag = L, prewhite = FALSE, adjust = FALSE).
 */
export function neweyWest(X: number[][], residuals: number[], xtxInverse: number[][], lag: number): number[][] {
  const k = xtxInverse.length;
  const scores = X.map((row, t) => row.map((v) => v * (residuals[t] as number)));
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let l = 0; l <= lag; l++) {
    const w = l === 0 ? 1 : 1 - l / (lag + 1);
    for (let t = l; t < scores.length; t++) {
      const a = scores[t] as number[];
      const b = scores[t - l] as number[];
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
        const cross = l === 0 ? (a[i] as number) * (b[j] as number) : (a[i] as number) * (b[j] as number) + (b[i] as number) * (a[j] as number);
        (meat[i] as number[])[j] = ((meat[i] as number[])[j] as number) + w * cross;
      }
    }
  }
  const A = new Matrix(xtxInverse);
  return A.mmul(new Matrix(meat)).mmul(A).to2DArray();
}
