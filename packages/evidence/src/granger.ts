import { leastSquares } from './least-squares';
import { fPValue } from './distributions';
import { EvidenceInputError } from './errors';
import { lagged } from './lags';
import { assertFiniteSeries, assertInteger, assertSameLength } from './validate';

export interface GrangerResult {
  f: number;
  df1: number;
  df2: number;
  pValue: number;
}

/**
 * Does x help predict y beyond y's own past? Wald F test of the x lags in
 * y_t ~ y_{t-1..t-lag} + x_{t-1..t-lag}, identical to R's lmtest::grangertest(y ~ x, order = lag).
 */
export function grangerTest(x: number[], y: number[], opts: { lag: number }): GrangerResult {
  assertSameLength('x', x, 'y', y);
  assertFiniteSeries('x', x, 1);
  assertFiniteSeries('y', y, 1);
  assertInteger('lag', opts.lag, 1);
  return grangerOnWindow(x, y, opts.lag, opts.lag);
}

/** F test using rows t = start..n-1 (start ≥ lag), so models with different lags can share a sample. */
export function grangerOnWindow(x: readonly number[], y: readonly number[], lag: number, start: number): GrangerResult {
  const n = y.length - start;
  const df2 = n - 2 * lag - 1;
  if (df2 < 1) {
    throw new EvidenceInputError('y', `needs at least ${start + 2 * lag + 2} points for lag ${lag}, got ${y.length}`);
  }
  const full = laggedDesign(x, y, lag, start, true);
  const restricted = laggedDesign(x, y, lag, start, false);
  const target = y.slice(start);
  const rssFull = leastSquares(full, target, undefined, 'x').rss;
  const rssRestricted = leastSquares(restricted, target, undefined, 'y').rss;
  const f = ((rssRestricted - rssFull) / lag) / (rssFull / df2);
  return { f, df1: lag, df2, pValue: fPValue(f, lag, df2) };
}

/** Intercept, own lags of y, and (optionally) lags of x for rows start..n-1. */
export function laggedDesign(x: readonly number[], y: readonly number[], lag: number, start: number, withX: boolean): number[][] {
  const cols: number[][] = [];
  for (let l = 1; l <= lag; l++) cols.push(lagged(y, l, start, y.length));
  if (withX) for (let l = 1; l <= lag; l++) cols.push(lagged(x, l, start, y.length));
  return Array.from({ length: y.length - start }, (_, i) => [1, ...cols.map((c) => c[i] as number)]);
}
