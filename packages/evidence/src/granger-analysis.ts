import { leastSquares } from './least-squares';
import { grangerOnWindow, laggedDesign, type GrangerResult } from './granger';
import { checkStationarity, type StationarityVerdict } from './stationarity';
import { difference } from './lags';
import { EvidenceInputError } from './errors';
import { assertFiniteSeries, assertInteger, assertSameLength } from './validate';
import { fmt, fmtP } from './format';

export type LagCriterion = 'aic' | 'bic';

export interface GrangerDirection extends GrangerResult {
  cause: string;
  effect: string;
  significant: boolean;
}

export interface GrangerAnalysis {
  lag: number;
  criterion: LagCriterion | 'fixed';
  /** Times both series were differenced to make them stationary. */
  differenced: number;
  stationarity: { x: StationarityVerdict; y: StationarityVerdict };
  xToY: GrangerDirection;
  yToX: GrangerDirection;
  summary: string;
}

export interface GrangerAnalysisOptions {
  /** Fixed lag; otherwise chosen by `criterion` up to `maxLag`. */
  lag?: number;
  maxLag?: number;
  criterion?: LagCriterion;
  alpha?: number;
  names?: { x: string; y: string };
  /** Difference non-stationary series (default true); at most twice. */
  makeStationary?: boolean;
}

/**
 * Both-direction Granger analysis: stationarity checks (ADF + KPSS), differencing until both series
 * pass, lag chosen by AIC/BIC on the full (x and y lags) model over a common sample, then F tests.
 */
export function grangerAnalysis(x: number[], y: number[], opts: GrangerAnalysisOptions = {}): GrangerAnalysis {
  assertSameLength('x', x, 'y', y);
  assertFiniteSeries('x', x, 12);
  assertFiniteSeries('y', y, 12);
  const alpha = opts.alpha ?? 0.05;
  const names = opts.names ?? { x: 'x', y: 'y' };
  let xs = x;
  let ys = y;
  let differenced = 0;
  let stationarity = { x: checkStationarity(xs, alpha), y: checkStationarity(ys, alpha) };
  while ((opts.makeStationary ?? true) && differenced < 2 && !(stationarity.x.stationary && stationarity.y.stationary) && xs.length > 13) {
    xs = difference(xs);
    ys = difference(ys);
    differenced++;
    stationarity = { x: checkStationarity(xs, alpha), y: checkStationarity(ys, alpha) };
  }
  const criterion = opts.lag === undefined ? (opts.criterion ?? 'bic') : 'fixed';
  let lag: number;
  if (opts.lag !== undefined) {
    assertInteger('lag', opts.lag, 1);
    lag = opts.lag;
  } else {
    const maxLag = opts.maxLag ?? Math.max(1, Math.min(8, Math.floor((xs.length - 2) / 5)));
    assertInteger('maxLag', maxLag, 1);
    lag = selectLag(xs, ys, maxLag, criterion as LagCriterion);
  }
  const direction = (cause: number[], effect: number[], c: string, e: string): GrangerDirection => {
    const r = grangerOnWindow(cause, effect, lag, lag);
    return { ...r, cause: c, effect: e, significant: r.pValue < alpha };
  };
  const xToY = direction(xs, ys, names.x, names.y);
  const yToX = direction(ys, xs, names.y, names.x);
  return { lag, criterion, differenced, stationarity, xToY, yToX, summary: describe(xToY, yToX, lag, differenced) };
}

/** Lag minimising AIC or BIC of the joint model, every candidate fitted on rows maxLag..n-1. */
export function selectLag(x: readonly number[], y: readonly number[], maxLag: number, criterion: LagCriterion): number {
  const n = y.length - maxLag;
  if (n - (2 * maxLag + 1) < 2) throw new EvidenceInputError('maxLag', `too large for ${y.length} points`);
  let best = 1;
  let bestScore = Infinity;
  for (let p = 1; p <= maxLag; p++) {
    const design = laggedDesign(x, y, p, maxLag, true);
    const rss = leastSquares(design, y.slice(maxLag), undefined, 'x').rss;
    const k = 2 * p + 1;
    const penalty = criterion === 'aic' ? 2 * k : k * Math.log(n);
    const score = n * Math.log(rss / n) + penalty;
    if (score < bestScore - 1e-12) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

function describe(xToY: GrangerDirection, yToX: GrangerDirection, lag: number, differenced: number): string {
  const one = (d: GrangerDirection) =>
    d.significant
      ? `past ${d.cause} helps predict ${d.effect} (F = ${fmt(d.f)}, ${fmtP(d.pValue)})`
      : `past ${d.cause} does not measurably help predict ${d.effect} (F = ${fmt(d.f)}, ${fmtP(d.pValue)})`;
  const prep = differenced > 0 ? ` after differencing ${differenced === 1 ? 'once' : 'twice'} to remove trends` : '';
  const caveat = xToY.significant && yToX.significant
    ? ' Each predicts the other, which points to a shared driver or feedback rather than one-way cause.'
    : '';
  return `Using ${lag} period${lag === 1 ? '' : 's'} of history${prep}: ${one(xToY)}; ${one(yToX)}.${caveat} Predictive precedence is evidence of, not proof of, cause.`;
}
