import { seededRandom, shuffled, normalDraw, DEFAULT_SEED, type Random } from './random';
import { fmt } from './format';
import { EvidenceInputError } from './errors';

export type RefutationName = 'placebo treatment' | 'random common cause' | 'data subset';

export interface Refutation {
  check: RefutationName;
  passed: boolean;
  originalEffect: number;
  /** Mean effect over the perturbed re-estimates. */
  newEffect: number;
  runs: number;
  /** Placebo: share of shuffles at least as large as the estimate (permutation p-value). */
  pValue?: number;
  summary: string;
}

export interface RefutationReport {
  checks: Refutation[];
  passed: boolean;
  summary: string;
}

export interface Estimate {
  effect: number;
  se: number;
}

/** Perturbations of one data set; each returns the data the estimator should be re-run on. */
export interface Perturbations<T> {
  placebo?: (data: T, random: Random) => T;
  commonCause?: (data: T, random: Random) => T;
  subset?: (data: T, random: Random) => T;
}

export interface RefuteOptions {
  seed?: number;
  placeboRuns?: number;
  commonCauseRuns?: number;
  subsetRuns?: number;
  alpha?: number;
  /**
   * 'permutation' (shuffled treatment labels): the estimate must beat the placebo distribution.
   * 'near-zero' (fake action dates, few possible): the mean placebo effect must be within 1.96 SE of
   * zero, using the placebo estimates' own standard errors when the estimator reports them.
   */
  placeboRule?: 'permutation' | 'near-zero';
}

/**
 * The three checks that could refute an effect estimate: a placebo treatment (a shuffled or
 * fake-dated treatment should show no effect), a random common cause (adding a pure-noise
 * confounder should not move the estimate by more than its standard error), and data subsets
 * (re-estimates on 80% of the data should stay within a standard error on average).
 */
export function refute<T>(data: T, estimate: (data: T) => number | Estimate, original: Estimate, perturb: Perturbations<T>, opts: RefuteOptions = {}): RefutationReport {
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const alpha = opts.alpha ?? 0.05;
  const checks: Refutation[] = [];
  const placeboSes: number[] = [];
  const rerun = (make: (d: T, r: Random) => T, runs: number, ses?: number[]): number[] => {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      try {
        const v = estimate(make(data, random));
        const e = typeof v === 'number' ? v : v.effect;
        if (!Number.isFinite(e)) continue;
        out.push(e);
        if (typeof v !== 'number' && Number.isFinite(v.se)) ses?.push(v.se);
      } catch (error) {
        // A perturbed sample can be degenerate (e.g. no treated unit left); it simply does not count.
        if (!(error instanceof EvidenceInputError)) throw error;
      }
    }
    return out;
  };
  const { effect, se } = original;
  if (perturb.placebo) {
    const effects = rerun(perturb.placebo, opts.placeboRuns ?? 49, placeboSes);
    // Fake-date estimates rest on less data than the real one; judge them at their own precision when known.
    const placeboSe = placeboSes.length === effects.length && effects.length > 0 ? mean(placeboSes) : se;
    checks.push(opts.placeboRule === 'near-zero' ? placeboNearZero(effects, effect, placeboSe) : placeboPermutation(effects, effect, alpha));
  }
  if (perturb.commonCause) checks.push(commonCauseCheck(rerun(perturb.commonCause, opts.commonCauseRuns ?? 5), effect, se));
  if (perturb.subset) checks.push(subsetCheck(rerun(perturb.subset, opts.subsetRuns ?? 10), effect, se));
  const failed = checks.filter((c) => !c.passed);
  return {
    checks,
    passed: failed.length === 0,
    summary: failed.length === 0
      ? `It passed all ${checks.length} refutation checks (${checks.map((c) => c.check).join(', ')}).`
      : `It failed ${failed.length} of ${checks.length} refutation checks, so treat it with caution. ${failed.map((c) => c.summary).join(' ')}`,
  };
}

/** Row perturbations for estimators over row objects with a 0/1 treatment column. */
export const RANDOM_COMMON_CAUSE = '__random_common_cause';

/** Covariates to adjust for, plus the injected noise confounder when a refutation added one. */
export function adjustmentSet(covariates: readonly string[], rows: readonly Record<string, number>[]): string[] {
  return rows[0] && RANDOM_COMMON_CAUSE in rows[0] ? [...covariates, RANDOM_COMMON_CAUSE] : covariates.slice();
}

export function rowPerturbations(treatment: string, fraction = 0.8): Perturbations<Record<string, number>[]> {
  return {
    placebo: (rows, random) => {
      const labels = shuffled(rows.map((r) => r[treatment] as number), random);
      return rows.map((r, i) => ({ ...r, [treatment]: labels[i] as number }));
    },
    commonCause: (rows, random) => rows.map((r) => ({ ...r, [RANDOM_COMMON_CAUSE]: normalDraw(random) })),
    subset: (rows, random) => shuffled(rows, random).slice(0, Math.round(rows.length * fraction)),
  };
}

function notRun(check: RefutationName, effect: number): Refutation {
  return {
    check, passed: false, originalEffect: effect, newEffect: Number.NaN, runs: 0,
    summary: `The ${check} check could not be run on this data (every re-estimate was degenerate), so the estimate is unverified.`,
  };
}

/** Shuffled treatment labels: the real estimate must be larger than almost all placebo estimates. */
function placeboPermutation(effects: number[], effect: number, alpha: number): Refutation {
  if (effects.length === 0) return notRun('placebo treatment', effect);
  const asLarge = effects.filter((v) => Math.abs(v) >= Math.abs(effect)).length;
  const pValue = (asLarge + 1) / (effects.length + 1);
  const passed = pValue <= alpha; // (k + 1) / (runs + 1) ≤ alpha is an exact permutation test at level alpha
  return {
    check: 'placebo treatment', passed, originalEffect: effect, newEffect: mean(effects), runs: effects.length, pValue,
    summary: passed
      ? `No problem found: with the treatment assigned at random the effect averaged ${fmt(mean(effects))}, and only ${asLarge} of ${effects.length} placebo runs were as large as ${fmt(effect)}.`
      : `This estimate failed a placebo check: random placebo treatments produced effects as large as ${fmt(effect)} in ${asLarge} of ${effects.length} runs, so it is not distinguishable from chance.`,
  };
}

/** Fake earlier action dates: their average effect must be within 1.96 standard errors of zero. */
function placeboNearZero(effects: number[], effect: number, placeboSe: number): Refutation {
  if (effects.length === 0) return notRun('placebo treatment', effect);
  const placeboMean = mean(effects);
  const passed = Math.abs(placeboMean) <= 1.96 * placeboSe;
  return {
    check: 'placebo treatment', passed, originalEffect: effect, newEffect: placeboMean, runs: effects.length,
    summary: passed
      ? `No problem found: pretending the action happened on earlier dates showed an effect of ${fmt(placeboMean)} on average, indistinguishable from zero.`
      : `This estimate failed a placebo check: fake earlier action dates already showed an effect of ${fmt(placeboMean)}, so the change may be a pre-existing trend.`,
  };
}

function commonCauseCheck(effects: number[], effect: number, se: number): Refutation {
  if (effects.length === 0) return notRun('random common cause', effect);
  const shift = mean(effects.map((v) => Math.abs(v - effect)));
  const passed = shift <= se;
  return {
    check: 'random common cause', passed, originalEffect: effect, newEffect: mean(effects), runs: effects.length,
    summary: passed
      ? `No problem found: adding a random common cause moved the estimate by ${fmt(shift)} on average, within its standard error of ${fmt(se)}.`
      : `This estimate failed a random-common-cause check: a pure-noise confounder moved it by ${fmt(shift)} on average, more than its standard error of ${fmt(se)}.`,
  };
}

function subsetCheck(effects: number[], effect: number, se: number): Refutation {
  if (effects.length === 0) return notRun('data subset', effect);
  const drift = Math.abs(mean(effects) - effect);
  const passed = drift <= se;
  return {
    check: 'data subset', passed, originalEffect: effect, newEffect: mean(effects), runs: effects.length,
    summary: passed
      ? `No problem found: on random 80% subsets the estimate averaged ${fmt(mean(effects))} (standard deviation ${fmt(sd(effects))}), close to ${fmt(effect)}.`
      : `This estimate failed a data-subset check: on random 80% subsets it averaged ${fmt(mean(effects))}, more than a standard error away from ${fmt(effect)}.`,
  };
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : Number.NaN;
}

function sd(values: readonly number[]): number {
  const m = mean(values);
  return values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1)) : 0;
}
