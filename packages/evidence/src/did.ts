import { ols, type RegressionResult } from './regression';
import { indexPanel, demeanTwoWay, type PanelObservation } from './panel';
import type { RefutationReport, RefuteOptions } from './refute';
import { attachCovariates, refutePanel, type PanelRow } from './panel-refute';
import { fmt, fmtInterval, fmtP, fmtSigned } from './format';

export interface DidOptions {
  actionTime: number;
  outcomeName?: string;
  /** Refutation checks (default on): fake action dates, a random time-varying covariate, 80% subsets. */
  refute?: boolean | RefuteOptions;
  /** Extra time-varying covariates, keyed by name, one value per observation. */
  covariates?: Record<string, number[]>;
}

export interface DidResult {
  effect: number;
  se: number;
  ci: [number, number];
  pValue: number;
  /** 'cluster' by unit when there are at least 10 units, otherwise heteroskedasticity-robust HC1. */
  standardErrors: 'cluster' | 'HC1';
  means: { treatedBefore: number; treatedAfter: number; controlBefore: number; controlAfter: number };
  nUnits: number;
  nTreatedUnits: number;
  nPeriods: number;
  refutations?: RefutationReport;
  summary: string;
}

/**
 * Difference-in-differences as a two-way fixed-effects regression: value ~ unit + period +
 * treated×after. With one period before and one after it is the classic 2×2 comparison.
 */
export function differenceInDifferences(observations: PanelObservation[], opts: DidOptions): DidResult {
  const rows = attachCovariates(observations, opts.covariates);
  const result = estimateDid(rows, opts.actionTime, opts.outcomeName);
  if (opts.refute === false) return result;
  const report = refutePanel(rows, opts.actionTime, (r, t) => estimateDid(r, t), { effect: result.effect, se: result.se }, typeof opts.refute === 'object' ? opts.refute : {});
  return { ...result, refutations: report, summary: `${result.summary} ${report.summary}` };
}

function estimateDid(observations: PanelRow[], actionTime: number, outcomeName?: string): DidResult {
  const index = indexPanel(observations, actionTime);
  const raw = observations.map((o) => [o.treated && o.time >= actionTime ? 1 : 0, ...o.extra]);
  const { X, y, absorbed } = demeanTwoWay(observations, raw, observations.map((o) => o.value));
  const clustered = index.units.length >= 10;
  const fit: RegressionResult = ols(X, y, {
    intercept: false, absorbed, covariance: 'HC1',
    names: X[0]?.map((_, j) => (j === 0 ? 'did' : `c${j}`)),
    clusters: clustered ? observations.map((o) => o.unit) : undefined,
  });
  const c = fit.coefficients[0];
  if (!c) throw new Error('missing treatment coefficient');
  const meanOf = (treated: boolean, after: boolean) => {
    const vs = observations.filter((o) => o.treated === treated && (o.time >= actionTime) === after).map((o) => o.value);
    return vs.reduce((s, v) => s + v, 0) / vs.length;
  };
  const means = { treatedBefore: meanOf(true, false), treatedAfter: meanOf(true, true), controlBefore: meanOf(false, false), controlAfter: meanOf(false, true) };
  const name = outcomeName ?? 'the metric';
  const verdict = c.ci[0] > 0 || c.ci[1] < 0 ? '' : ' The interval includes zero, so the data cannot rule out no effect.';
  return {
    effect: c.estimate, se: c.se, ci: c.ci, pValue: c.pValue, standardErrors: clustered ? 'cluster' : 'HC1', means,
    nUnits: index.units.length, nTreatedUnits: index.treatedUnits.size, nPeriods: index.times.length,
    summary: `Compared with units that did not act, the action is estimated to have changed ${name} by ${fmtSigned(c.estimate)} per period (${fmtInterval(c.ci)}, ${fmtP(c.pValue)}), after removing each unit's usual level and each period's shared ups and downs (${fmt(means.controlBefore)} → ${fmt(means.controlAfter)} for comparison units).${verdict}`,
  };
}
