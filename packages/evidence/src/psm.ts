import { propensityScores } from './propensity';
import { nearestNeighbourMatch, matchingWeights, type MatchedSet } from './matching';
import { covariateBalance, type CovariateBalance } from './balance';
import { ols } from './regression';
import { refute, rowPerturbations, adjustmentSet, type RefutationReport, type RefuteOptions } from './refute';
import { EvidenceInputError } from './errors';
import { assertBinary, column } from './validate';
import { fmt, fmtInterval, fmtSigned } from './format';

export interface EffectEstimate {
  att: number;
  se: number;
  ci: [number, number];
  pValue: number;
}

export interface PropensityMatchOptions {
  treatment: string;
  outcome: string;
  covariates: string[];
  /** In standard deviations of the propensity score (MatchIt's default scale). */
  caliper?: number;
  replace?: boolean;
  /** Controls per treated unit; 1 by default. */
  ratio?: number;
  /** Run placebo / random-common-cause / subset checks (default true). */
  refute?: boolean | RefuteOptions;
}

export interface PropensityMatchResult extends EffectEstimate {
  nTreated: number;
  /** Treated units that found a match (fewer than nTreated when a caliper excludes some). */
  nMatched: number;
  nControlsUsed: number;
  method: string;
  propensityScores: number[];
  balance: CovariateBalance[];
  /** Inverse-probability-weighted ATT with regression adjustment: doubly robust and free of tie-breaking. */
  weighted: EffectEstimate;
  refutations?: RefutationReport;
  summary: string;
}

/**
 * Average effect of the treatment on the treated by propensity-score matching: logit model,
 * greedy nearest-neighbour matching (see matching.ts for order and tie rule), ATT from the
 * matching-weighted regression of outcome on treatment. Standard errors: cluster-robust by
 * matched set without replacement (R: vcovCL(fit, cluster = ~subclass)), HC1 with replacement.
 */
export function propensityMatch(rows: Record<string, number>[], opts: PropensityMatchOptions): PropensityMatchResult {
  const result = matchOnce(rows, opts);
  if (opts.refute === false) return result;
  const refuteOpts = typeof opts.refute === 'object' ? opts.refute : {};
  const estimate = (data: Record<string, number>[]) => matchOnce(data, { ...opts, covariates: adjustmentSet(opts.covariates, data) }).att;
  const refutations = refute(rows, estimate, { effect: result.att, se: result.se }, rowPerturbations(opts.treatment), { placeboRuns: 19, ...refuteOpts });
  return { ...result, refutations, summary: `${result.summary} ${refutations.summary}` };
}

function matchOnce(rows: Record<string, number>[], opts: PropensityMatchOptions): PropensityMatchResult {
  if (opts.covariates.length === 0) throw new EvidenceInputError('covariates', 'name at least one covariate');
  if (opts.covariates.includes(opts.treatment) || opts.covariates.includes(opts.outcome)) {
    throw new EvidenceInputError('covariates', 'must not include the treatment or the outcome');
  }
  if (opts.caliper !== undefined && !(opts.caliper > 0)) throw new EvidenceInputError('caliper', 'must be positive');
  const ratio = opts.ratio ?? 1;
  if (!Number.isInteger(ratio) || ratio < 1) throw new EvidenceInputError('ratio', 'must be a positive integer');
  const treatment = column(rows, opts.treatment);
  assertBinary(opts.treatment, treatment);
  const outcome = column(rows, opts.outcome);
  const nTreated = treatment.filter((v) => v === 1).length;
  if (nTreated < 2 || rows.length - nTreated < 2) throw new EvidenceInputError(opts.treatment, 'needs at least two treated and two untreated rows');

  const scores = propensityScores(rows, treatment, opts.covariates);
  const sets = nearestNeighbourMatch(scores, treatment, { caliper: opts.caliper, replace: opts.replace, ratio });
  if (sets.length < 2) throw new EvidenceInputError('caliper', 'fewer than two treated rows found a match; widen the caliper');
  const weights = matchingWeights(sets, rows.length);
  const matched = matchedEffect(outcome, treatment, weights, sets, opts.replace ?? false);
  const weighted = weightedEffect(rows, outcome, treatment, scores, opts.covariates);
  const balance = opts.covariates.map((c) => covariateBalance(c, column(rows, c), treatment, weights));
  const nControlsUsed = new Set(sets.flatMap((s) => s.controls)).size;
  const method = `${ratio}:1 nearest-neighbour propensity matching ${opts.replace ? 'with' : 'without'} replacement${opts.caliper ? `, caliper ${opts.caliper} SD` : ''}`;
  return {
    ...matched, nTreated, nMatched: sets.length, nControlsUsed, method, propensityScores: scores, balance, weighted,
    summary: describe(opts.outcome, opts.treatment, matched, weighted, sets.length, nTreated, balance),
  };
}

function matchedEffect(outcome: number[], treatment: number[], weights: number[], sets: MatchedSet[], replace: boolean): EffectEstimate {
  const keep = weights.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  const y = keep.map((i) => outcome[i] as number);
  const X = keep.map((i) => [treatment[i] as number]);
  if (replace) return fromCoefficient(ols(X, y, { names: ['treatment'], weights: keep.map((i) => weights[i] as number), covariance: 'HC1' }));
  const subclass = new Map<number, number>();
  sets.forEach((s, k) => [s.treated, ...s.controls].forEach((i) => subclass.set(i, k)));
  // 1:1 without replacement gives every matched row weight 1, so the plain fit is the weighted one;
  // k:1 (or sets of unequal size under a caliper) needs the weights. Both cluster by matched set.
  const w = keep.map((i) => weights[i] as number);
  const unitWeights = w.every((v) => Math.abs(v - 1) < 1e-12);
  if (unitWeights) return fromCoefficient(ols(X, y, { names: ['treatment'], clusters: keep.map((i) => subclass.get(i) as number) }));
  return fromCoefficient(weightedClusterFit(X, y, w, keep.map((i) => subclass.get(i) as number)));
}

/** Weighted least squares with cluster-robust errors, by rescaling rows with sqrt(w) (the score form of vcovCL). */
function weightedClusterFit(X: number[][], y: number[], w: number[], clusters: number[]) {
  const sw = w.map(Math.sqrt);
  return ols(X.map((row, i) => [sw[i] as number, ...row.map((v) => v * (sw[i] as number))]), y.map((v, i) => v * (sw[i] as number)), { intercept: false, names: ['(Intercept)', 'treatment'], clusters });
}

/** ATT by odds weighting (treated 1, controls e/(1−e)) with the covariates in the weighted regression. */
function weightedEffect(rows: Record<string, number>[], outcome: number[], treatment: number[], scores: number[], covariates: string[]): EffectEstimate {
  const weights = scores.map((e, i) => (treatment[i] === 1 ? 1 : e / (1 - e)));
  const cols = covariates.map((c) => column(rows, c));
  const X = treatment.map((t, i) => [t, ...cols.map((c) => c[i] as number)]);
  return fromCoefficient(ols(X, outcome, { names: ['treatment', ...covariates], weights, covariance: 'HC1' }));
}

function fromCoefficient(fit: ReturnType<typeof ols>): EffectEstimate {
  const c = fit.coefficients.find((k) => k.name === 'treatment');
  if (!c) throw new EvidenceInputError('treatment', 'could not estimate the treatment coefficient');
  return { att: c.estimate, se: c.se, ci: c.ci, pValue: c.pValue };
}

function describe(outcome: string, treatment: string, matched: EffectEstimate, weighted: EffectEstimate, nMatched: number, nTreated: number, balance: CovariateBalance[]): string {
  const worst = balance.reduce((a, b) => (Math.abs(b.smdAfter) > Math.abs(a.smdAfter) ? b : a));
  const significance = matched.ci[0] > 0 || matched.ci[1] < 0 ? '' : ' The interval includes zero, so the data cannot rule out no effect.';
  const balanceNote = Math.abs(worst.smdAfter) > 0.1
    ? ` Matching left ${worst.covariate} imbalanced (standardised difference ${fmt(worst.smdAfter, 2)}), so the comparison is imperfect.`
    : ' All covariates are balanced after matching (standardised differences under 0.1).';
  return `Among the ${nMatched} of ${nTreated} ${treatment} units that found a comparable match, ${outcome} was ${fmt(Math.abs(matched.att))} ${matched.att >= 0 ? 'higher' : 'lower'} than for similar untreated units (${fmtInterval(matched.ci)}).${significance}${balanceNote} A weighting estimate gives ${fmtSigned(weighted.att)} (${fmtInterval(weighted.ci)}).`;
}
