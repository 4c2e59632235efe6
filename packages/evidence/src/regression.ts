import { leastSquares, sandwich, clusterSandwich } from './least-squares';
import { tCritical, tPValue } from './distributions';
import { EvidenceInputError } from './errors';
import { assertFiniteSeries, assertSameLength, column } from './validate';
import { fmt, fmtP, fmtSigned } from './format';

export type CovarianceType = 'classical' | 'HC0' | 'HC1' | 'HC3';

export interface Coefficient {
  name: string;
  estimate: number;
  se: number;
  t: number;
  pValue: number;
  ci: [number, number];
}

export interface RegressionResult {
  coefficients: Coefficient[];
  n: number;
  /** Residual degrees of freedom. */
  df: number;
  r2: number;
  adjR2: number;
  /** Residual standard error. */
  sigma: number;
  rss: number;
  covariance: CovarianceType | 'cluster';
  vcov: number[][];
  residuals: number[];
  fitted: number[];
  summary: string;
}

export interface OlsOptions {
  /** Column names for the predictors, in order (without the intercept). */
  names?: string[];
  intercept?: boolean;
  /** Heteroskedasticity-robust HC1 by default (Stata's `robust`, R's vcovHC(type = "HC1")). */
  covariance?: CovarianceType;
  /** Cluster ids; when given, standard errors are cluster-robust (CR1, as Stata). */
  clusters?: readonly (string | number)[];
  weights?: number[];
  level?: number;
  outcomeName?: string;
  /**
   * Parameters already removed from X and y (e.g. unit fixed effects swept out by demeaning);
   * counted in the residual degrees of freedom and small-sample factors, as if estimated here.
   */
  absorbed?: number;
}

/** Ordinary (or weighted) least squares with robust standard errors, intervals and p-values. */
export function ols(X: number[][], y: number[], opts: OlsOptions = {}): RegressionResult {
  const intercept = opts.intercept ?? true;
  const level = opts.level ?? 0.95;
  assertFiniteSeries('y', y, 3);
  assertSameLength('y', y, 'X', X);
  const width = X[0]?.length ?? 0;
  X.forEach((row, i) => {
    if (row.length !== width) throw new EvidenceInputError('X', `row ${i} has ${row.length} values, expected ${width}`);
    row.forEach((v) => {
      if (!Number.isFinite(v)) throw new EvidenceInputError('X', `row ${i} has a non-finite value`);
    });
  });
  if (opts.weights) {
    assertFiniteSeries('weights', opts.weights, y.length);
    assertSameLength('y', y, 'weights', opts.weights);
    if (opts.weights.some((w) => w < 0)) throw new EvidenceInputError('weights', 'must be non-negative');
  }
  if (opts.clusters) assertSameLength('y', y, 'clusters', opts.clusters);
  const names = [...(intercept ? ['(Intercept)'] : []), ...(opts.names ?? Array.from({ length: width }, (_, j) => `x${j + 1}`))];
  if (names.length !== width + (intercept ? 1 : 0)) throw new EvidenceInputError('names', `expected ${width} names`);
  const design = intercept ? X.map((row) => [1, ...row]) : X;
  const fit = leastSquares(design, y, opts.weights);
  const nEff = opts.weights ? opts.weights.filter((w) => w > 0).length : fit.n;
  const absorbed = opts.absorbed ?? 0;
  const df = nEff - fit.k - absorbed;
  if (df <= 0) throw new EvidenceInputError('y', 'too few observations for the number of predictors');
  const sigma2 = fit.rss / df;

  let covariance: RegressionResult['covariance'] = opts.covariance ?? 'HC1';
  let vcov: number[][];
  if (opts.clusters) {
    covariance = 'cluster';
    if (opts.weights) throw new EvidenceInputError('clusters', 'weighted cluster-robust errors are not supported');
    vcov = clusterSandwich(design, fit.residuals, fit.xtxInverse, opts.clusters, fit.k + absorbed);
  } else if (covariance === 'classical') {
    vcov = fit.xtxInverse.map((row) => row.map((v) => v * sigma2));
  } else if (covariance === 'HC3') {
    const leverage = design.map((row, i) => quadraticForm(fit.xtxInverse, row) * (opts.weights ? (opts.weights[i] as number) : 1));
    const adjusted = fit.residuals.map((e, i) => e / (1 - Math.min(leverage[i] as number, 1 - 1e-12)));
    vcov = sandwich(design, adjusted, fit.xtxInverse, opts.weights);
  } else {
    const base = sandwich(design, fit.residuals, fit.xtxInverse, opts.weights);
    const scale = covariance === 'HC1' ? nEff / df : 1;
    vcov = base.map((row) => row.map((v) => v * scale));
  }

  const crit = tCritical(level, df);
  const coefficients = fit.beta.map((estimate, j): Coefficient => {
    const se = Math.sqrt((vcov[j] as number[])[j] as number);
    const t = estimate / se;
    return { name: names[j] as string, estimate, se, t, pValue: tPValue(t, df), ci: [estimate - crit * se, estimate + crit * se] };
  });
  const r2 = rSquared(y, fit.rss, intercept, opts.weights);
  const adjR2 = 1 - ((1 - r2) * (nEff - (intercept || absorbed > 0 ? 1 : 0))) / df;
  return {
    coefficients, n: fit.n, df, r2, adjR2, sigma: Math.sqrt(sigma2), rss: fit.rss, covariance, vcov,
    residuals: fit.residuals, fitted: fit.fitted,
    summary: describeRegression(coefficients.filter((c) => c.name !== '(Intercept)'), opts.outcomeName ?? 'the outcome', r2, fit.n),
  };
}

export interface RegressOptions extends Omit<OlsOptions, 'names' | 'outcomeName'> {
  outcome: string;
  predictors: string[];
}

/** Convenience form over row objects, e.g. rows of a tenant's weekly metrics. */
export function regress(rows: Record<string, number>[], opts: RegressOptions): RegressionResult {
  if (opts.predictors.length === 0) throw new EvidenceInputError('predictors', 'name at least one predictor');
  const y = column(rows, opts.outcome);
  const cols = opts.predictors.map((p) => column(rows, p));
  const X = y.map((_, i) => cols.map((c) => c[i] as number));
  return ols(X, y, { ...opts, names: opts.predictors, outcomeName: opts.outcome });
}

function quadraticForm(A: number[][], x: number[]): number {
  let s = 0;
  for (let a = 0; a < x.length; a++) for (let b = 0; b < x.length; b++) s += (x[a] as number) * ((A[a] as number[])[b] as number) * (x[b] as number);
  return s;
}

function rSquared(y: number[], rss: number, intercept: boolean, weights?: number[]): number {
  const w = weights ?? y.map(() => 1);
  const sw = w.reduce((s, v) => s + v, 0);
  const mean = intercept ? y.reduce((s, v, i) => s + v * (w[i] as number), 0) / sw : 0;
  const tss = y.reduce((s, v, i) => s + (w[i] as number) * (v - mean) ** 2, 0);
  return tss > 0 ? 1 - rss / tss : 0;
}

function describeRegression(coefs: Coefficient[], outcome: string, r2: number, n: number): string {
  const parts = coefs.map((c) => {
    const strength = c.pValue < 0.05 ? '' : ' (not distinguishable from zero)';
    return `one more unit of ${c.name} goes with ${fmtSigned(c.estimate)} in ${outcome} (95% interval ${fmt(c.ci[0])} to ${fmt(c.ci[1])}, ${fmtP(c.pValue)})${strength}`;
  });
  return `Across ${n} observations, holding the others fixed, ${parts.join('; ')}. The model explains ${fmt(r2 * 100, 2)}% of the variation; this is association, not proof of cause.`;
}
