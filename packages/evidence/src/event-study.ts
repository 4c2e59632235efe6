import { Matrix, inverse } from 'ml-matrix';
import { ols } from './regression';
import { indexPanel, demeanTwoWay, type PanelObservation } from './panel';
import { attachCovariates, refutePanel, type PanelRow } from './panel-refute';
import type { RefutationReport, RefuteOptions } from './refute';
import { fPValue, tCritical } from './distributions';
import { EvidenceInputError } from './errors';
import { fmtInterval, fmtP, fmtSigned } from './format';

export interface EventTimeEffect {
  /** Periods since the action (−2 = two periods before); −1 is the reference and omitted. */
  relativeTime: number;
  estimate: number;
  se: number;
  ci: [number, number];
  pValue: number;
}

export interface EventStudyResult {
  effects: EventTimeEffect[];
  /** Joint Wald F test that all pre-action effects are zero (parallel trends before the action). */
  preTrend: { f: number; df1: number; df2: number; pValue: number } | null;
  /** Mean of the post-action effects. */
  averageEffect: number;
  /** Standard error and 95% interval of the average post-action effect. */
  averageSe: number;
  averageCi: [number, number];
  refutations?: RefutationReport;
  summary: string;
}

export interface EventStudyOptions {
  actionTime: number;
  /** Relative times beyond these are pooled into the end bins. */
  maxLeads?: number;
  maxLags?: number;
  outcomeName?: string;
  /** Extra time-varying covariates, one value per observation. */
  covariates?: Record<string, number[]>;
  /** Refutation checks on the average post-action effect (default on). */
  refute?: boolean | RefuteOptions;
}

/**
 * Event study with unit and period fixed effects: one coefficient per period relative to the
 * action for treated units (reference: the period just before), so the effect can be traced
 * over time and pre-action coefficients test for diverging trends.
 */
export function eventStudy(observations: PanelObservation[], opts: EventStudyOptions): EventStudyResult {
  const rows = attachCovariates(observations, opts.covariates);
  const result = estimateEventStudy(rows, opts.actionTime, opts);
  if (opts.refute === false) return result;
  const report = refutePanel(rows, opts.actionTime, (r, t) => {
    const e = estimateEventStudy(r, t, { ...opts, refute: false });
    return { effect: e.averageEffect, se: e.averageSe };
  }, { effect: result.averageEffect, se: result.averageSe }, typeof opts.refute === 'object' ? opts.refute : {});
  return { ...result, refutations: report, summary: `${result.summary} ${report.summary}` };
}

function estimateEventStudy(observations: PanelRow[], actionTime: number, opts: EventStudyOptions): EventStudyResult {
  const index = indexPanel(observations, actionTime);
  const timePos = new Map(index.times.map((t, i) => [t, i]));
  const actionPos = index.times.findIndex((t) => t >= actionTime);
  const maxLeads = opts.maxLeads ?? Infinity;
  const maxLags = opts.maxLags ?? Infinity;
  const relOf = (o: PanelObservation) => {
    const r = (timePos.get(o.time) as number) - actionPos;
    return Math.max(-maxLeads, Math.min(maxLags, r));
  };
  const rels = [...new Set(observations.filter((o) => o.treated).map(relOf))].filter((r) => r !== -1).sort((a, b) => a - b);
  if (!observations.some((o) => o.treated && relOf(o) === -1)) throw new EvidenceInputError('actionTime', 'treated units need an observation in the period just before the action');
  const clustered = index.units.length >= 10;
  if (!clustered) {
    // An event-time effect fitted by one observation has leverage 1: its residual is zero and its
    // robust standard error comes out as rounding noise, i.e. false certainty. Refuse instead.
    const perRel = new Map<number, number>();
    for (const o of observations) if (o.treated) perRel.set(relOf(o), (perRel.get(relOf(o)) ?? 0) + 1);
    if (rels.some((r) => (perRel.get(r) ?? 0) < 2)) throw new EvidenceInputError('observations', DEGENERATE);
  }
  const raw = observations.map((o) => [...rels.map((r) => (o.treated && relOf(o) === r ? 1 : 0)), ...o.extra]);
  const { X, y, absorbed } = demeanTwoWay(observations, raw, observations.map((o) => o.value));
  const fit = ols(X, y, {
    intercept: false, absorbed,
    names: X[0]?.map((_, j) => (j < rels.length ? `rel${rels[j]}` : `fe${j}`)),
    clusters: clustered ? observations.map((o) => o.unit) : undefined,
  });
  const effects = rels.map((relativeTime, j): EventTimeEffect => {
    const c = fit.coefficients[j];
    if (!c) throw new Error('missing event-time coefficient');
    return { relativeTime, estimate: c.estimate, se: c.se, ci: c.ci, pValue: c.pValue };
  });
  const leadPositions = rels.map((r, j) => (r < -1 ? j : -1)).filter((j) => j >= 0);
  const preTrend = leadPositions.length > 0 ? waldF(fit.coefficients.map((c) => c.estimate), fit.vcov, leadPositions, fit.df) : null;
  const post = effects.filter((e) => e.relativeTime >= 0);
  if (post.length === 0) throw new EvidenceInputError('actionTime', 'treated units have no observations from the action time on');
  const averageEffect = post.reduce((s, e) => s + e.estimate, 0) / post.length;
  // Var(mean of post coefficients) = w' V w with w = 1/|post| on each post-action coefficient.
  const postPositions = rels.map((r, j) => (r >= 0 ? j : -1)).filter((j) => j >= 0);
  let variance = 0;
  for (const a of postPositions) for (const b of postPositions) variance += ((fit.vcov[a] as number[])[b] as number) / postPositions.length ** 2;
  const averageSe = Math.sqrt(variance);
  if (!Number.isFinite(averageSe)) throw new EvidenceInputError('observations', DEGENERATE);
  const crit = tCritical(0.95, fit.df);
  const averageCi: [number, number] = [averageEffect - crit * averageSe, averageEffect + crit * averageSe];
  const name = opts.outcomeName ?? 'the metric';
  const trendNote = preTrend === null
    ? 'There is too little history before the action to check for earlier diverging trends.'
    : preTrend.pValue < 0.05
      ? `Warning: treated and comparison units were already drifting apart before the action (${fmtP(preTrend.pValue)}), so the effect may be overstated or understated.`
      : `Before the action the two groups moved in parallel (no significant difference, ${fmtP(preTrend.pValue)}).`;
  const first = post[0];
  return {
    effects, preTrend, averageEffect, averageSe, averageCi,
    summary: `After the action, ${name} differed from the comparison units' path by ${fmtSigned(averageEffect)} per period on average (${fmtInterval(averageCi)})${first ? `, ${fmtSigned(first.estimate)} in the first period` : ''}. ${trendNote}`,
  };
}

/** A design where some event-time effect rests on a single observation has no usable errors. */
const DEGENERATE = 'some event-time effects rest on a single observation, so their uncertainty cannot be estimated; add comparison units or pool periods (maxLeads / maxLags)';

/** F = b' V^-1 b / q for the selected coefficients. */
function waldF(beta: number[], vcov: number[][], positions: number[], df2: number) {
  const b = Matrix.columnVector(positions.map((p) => beta[p] as number));
  const V = new Matrix(positions.map((p) => positions.map((q) => (vcov[p] as number[])[q] as number)));
  const q = positions.length;
  let Vinv: Matrix;
  try {
    Vinv = inverse(V);
  } catch {
    throw new EvidenceInputError('observations', DEGENERATE);
  }
  const f = b.transpose().mmul(Vinv).mmul(b).get(0, 0) / q;
  if (!Number.isFinite(f)) throw new EvidenceInputError('observations', DEGENERATE);
  return { f, df1: q, df2, pValue: fPValue(f, q, df2) };
}
