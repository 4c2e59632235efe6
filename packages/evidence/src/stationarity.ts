import { leastSquares } from './least-squares';
import { interpolate } from './interpolate';
import { assertFiniteSeries } from './validate';
import { EvidenceInputError } from './errors';

export interface StationarityTest {
  statistic: number;
  /** Interpolated from published tables, so clamped to the table's range (as R's tseries does). */
  pValue: number;
  lag: number;
}

/**
 * Augmented Dickey–Fuller test with constant and trend, null = unit root; reproduces R's
 * tseries::adf.test (default lag trunc((n-1)^(1/3)), p-value from the Banerjee et al. table).
 */
export function adfTest(x: readonly number[], lag?: number): StationarityTest {
  assertFiniteSeries('series', x, 8);
  const k = (lag ?? Math.trunc(Math.cbrt(x.length - 1))) + 1;
  const dy = x.slice(1).map((v, i) => v - (x[i] as number));
  const n = dy.length;
  const rows: number[][] = [];
  const target: number[] = [];
  for (let j = k - 1; j < n; j++) {
    const lags = Array.from({ length: k - 1 }, (_, l) => dy[j - l - 1] as number);
    rows.push([1, x[j] as number, j + 1, ...lags]);
    target.push(dy[j] as number);
  }
  const fit = leastSquares(rows, target, undefined, 'series');
  const sigma2 = fit.rss / (fit.n - fit.k);
  const statistic = (fit.beta[1] as number) / Math.sqrt(sigma2 * ((fit.xtxInverse[1] as number[])[1] as number));
  const tableT = [25, 50, 100, 250, 500, 1e5];
  const tableP = [0.01, 0.025, 0.05, 0.1, 0.9, 0.95, 0.975, 0.99];
  const critical = [
    [4.38, 4.15, 4.04, 3.99, 3.98, 3.96], [3.95, 3.8, 3.73, 3.69, 3.68, 3.66],
    [3.6, 3.5, 3.45, 3.43, 3.42, 3.41], [3.24, 3.18, 3.15, 3.13, 3.13, 3.12],
    [1.14, 1.19, 1.22, 1.23, 1.24, 1.25], [0.8, 0.87, 0.9, 0.92, 0.93, 0.94],
    [0.5, 0.58, 0.62, 0.64, 0.65, 0.66], [0.15, 0.24, 0.28, 0.31, 0.32, 0.33],
  ].map((col) => interpolate(tableT, col.map((v) => -v), n));
  return { statistic, pValue: interpolate(critical, tableP, statistic), lag: k - 1 };
}

/**
 * KPSS level-stationarity test, null = stationary; reproduces R's tseries::kpss.test(x) with
 * the short Bartlett window trunc(4 (n/100)^0.25).
 */
export function kpssTest(x: readonly number[], lag?: number): StationarityTest {
  assertFiniteSeries('series', x, 8);
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const e = x.map((v) => v - mean);
  let partial = 0;
  let eta = 0;
  for (const v of e) {
    partial += v;
    eta += partial * partial;
  }
  eta /= n * n;
  const l = lag ?? Math.trunc(4 * (n / 100) ** 0.25);
  let s2 = e.reduce((s, v) => s + v * v, 0) / n;
  for (let i = 1; i <= l; i++) {
    let cross = 0;
    for (let j = i; j < n; j++) cross += (e[j] as number) * (e[j - i] as number);
    s2 += (2 / n) * (1 - i / (l + 1)) * cross;
  }
  const statistic = eta / s2;
  const pValue = interpolate([0.347, 0.463, 0.574, 0.739], [0.1, 0.05, 0.025, 0.01], statistic);
  return { statistic, pValue, lag: l };
}

export interface StationarityVerdict {
  adf: StationarityTest;
  kpss: StationarityTest;
  stationary: boolean;
}

/** Stationary only when ADF rejects a unit root and KPSS does not reject stationarity (5% level). */
export function checkStationarity(x: readonly number[], alpha = 0.05): StationarityVerdict {
  const kpss = kpssTest(x);
  let adf: StationarityTest;
  try {
    adf = adfTest(x);
  } catch (error) {
    // A series its own lags predict exactly (e.g. a pure seasonal wave) leaves ADF undefined; KPSS decides alone.
    if (!(error instanceof EvidenceInputError)) throw error;
    return { adf: { statistic: Number.NaN, pValue: Number.NaN, lag: 0 }, kpss, stationary: kpss.pValue > alpha };
  }
  return { adf, kpss, stationary: adf.pValue < alpha && kpss.pValue > alpha };
}
