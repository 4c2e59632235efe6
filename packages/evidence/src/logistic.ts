import { leastSquares } from './least-squares';
import { zCritical, zPValue } from './distributions';
import { EvidenceInputError } from './errors';
import { assertBinary, assertSameLength } from './validate';
import type { Coefficient } from './regression';
import { fmt, fmtP } from './format';

export interface LogisticResult {
  coefficients: Coefficient[];
  /** Fitted probabilities, one per row. */
  probabilities: number[];
  linearPredictor: number[];
  deviance: number;
  nullDeviance: number;
  aic: number;
  iterations: number;
  converged: boolean;
  vcov: number[][];
  summary: string;
}

export interface LogisticOptions {
  names?: string[];
  intercept?: boolean;
  maxIterations?: number;
  tolerance?: number;
  level?: number;
}

/**
 * Logistic regression by iteratively reweighted least squares, started as R's glm starts
 * (mu = (y + 0.5) / 2), so the fitted probabilities reproduce glm(..., family = binomial).
 */
export function logisticRegression(X: number[][], y: number[], opts: LogisticOptions = {}): LogisticResult {
  assertSameLength('y', y, 'X', X);
  assertBinary('y', y);
  if (!y.includes(0) || !y.includes(1)) throw new EvidenceInputError('y', 'needs both 0 and 1 outcomes');
  const intercept = opts.intercept ?? true;
  const maxIterations = opts.maxIterations ?? 50;
  const tolerance = opts.tolerance ?? 1e-12;
  const design = intercept ? X.map((row) => [1, ...row]) : X;
  const width = design[0]?.length ?? 0;
  const names = [...(intercept ? ['(Intercept)'] : []), ...(opts.names ?? Array.from({ length: width - (intercept ? 1 : 0) }, (_, j) => `x${j + 1}`))];

  let eta = y.map((v) => logit((v + 0.5) / 2));
  let mu = eta.map(invLogit);
  let deviance = binomialDeviance(y, mu);
  let converged = false;
  let iterations = 0;
  let beta: number[] = [];
  let xtxInverse: number[][] = [];
  for (; iterations < maxIterations && !converged; iterations++) {
    const w = mu.map((m) => Math.max(m * (1 - m), 1e-300));
    const z = eta.map((e, i) => e + ((y[i] as number) - (mu[i] as number)) / (w[i] as number));
    const fit = leastSquares(design, z, w, 'covariates');
    beta = fit.beta;
    xtxInverse = fit.xtxInverse;
    eta = design.map((row) => row.reduce((s, v, j) => s + v * (beta[j] as number), 0));
    mu = eta.map(invLogit);
    const next = binomialDeviance(y, mu);
    converged = Math.abs(next - deviance) / (Math.abs(next) + 0.1) < tolerance;
    deviance = next;
  }
  if (mu.some((m) => m < 1e-10 || m > 1 - 1e-10)) {
    throw new EvidenceInputError('covariates', 'the outcome is perfectly separated by the covariates; propensity scores would be 0 or 1');
  }
  const crit = zCritical(opts.level ?? 0.95);
  const coefficients = beta.map((estimate, j): Coefficient => {
    const se = Math.sqrt((xtxInverse[j] as number[])[j] as number);
    const t = estimate / se;
    return { name: names[j] as string, estimate, se, t, pValue: zPValue(t), ci: [estimate - crit * se, estimate + crit * se] };
  });
  const p = y.reduce((s, v) => s + v, 0) / y.length;
  const nullDeviance = binomialDeviance(y, y.map(() => p));
  const odds = coefficients.filter((c) => c.name !== '(Intercept)').map((c) =>
    `one more unit of ${c.name} multiplies the odds by ${fmt(Math.exp(c.estimate))} (95% interval ${fmt(Math.exp(c.ci[0]))} to ${fmt(Math.exp(c.ci[1]))}, ${fmtP(c.pValue)})`);
  return {
    coefficients, probabilities: mu, linearPredictor: eta, deviance, nullDeviance, aic: deviance + 2 * width, iterations, converged, vcov: xtxInverse,
    summary: `Across ${y.length} cases, ${odds.join('; ')}.`,
  };
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

export function invLogit(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

function binomialDeviance(y: number[], mu: number[]): number {
  return -2 * y.reduce((s, v, i) => {
    const m = mu[i] as number;
    return s + (v === 1 ? Math.log(m) : Math.log(1 - m));
  }, 0);
}
