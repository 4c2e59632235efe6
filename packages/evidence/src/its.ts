import { leastSquares } from './least-squares';
import { neweyWest, neweyWestLag } from './hac';
import { tCritical, tPValue } from './distributions';
import { refute, type RefutationReport, type RefuteOptions } from './refute';
import { normalDraw, shuffled } from './random';
import { EvidenceInputError } from './errors';
import { assertFiniteSeries, assertInteger } from './validate';
import { fmtInterval, fmtP, fmtSigned } from './format';

export interface BeforeAfterOptions {
  /** Index of the first value at or after the action. */
  actionIndex: number;
  /** Season length (7 for daily data with a weekly cycle); adds season dummies. */
  seasonLength?: number;
  outcomeName?: string;
  refute?: boolean | RefuteOptions;
}

export interface BeforeAfterResult {
  /** Average gap between what happened after the action and the pre-action trend's projection. */
  effect: number;
  se: number;
  ci: [number, number];
  pValue: number;
  /** Jump at the action date and change of slope per period afterwards. */
  levelChange: number;
  slopeChange: number;
  /** Newey–West lag used for the autocorrelation-robust errors. */
  hacLag: number;
  refutations?: RefutationReport;
  summary: string;
}

/**
 * Did an action change a single metric when there is no comparison group? Segmented regression
 * y = a + b·t + c·after + d·(t − t₀)·after (+ season dummies) with Newey–West errors; the effect
 * is the average of c + d·(t − t₀) over the post-action periods.
 */
export function beforeAfter(values: number[], opts: BeforeAfterOptions): BeforeAfterResult {
  const result = estimateBeforeAfter(values.map((v, t) => ({ t, v })), opts);
  if (opts.refute === false) return result;
  type Data = { points: { t: number; v: number; noise?: number }[]; actionIndex: number };
  const report = refute<Data>(
    { points: values.map((v, t) => ({ t, v })), actionIndex: opts.actionIndex },
    (d) => estimateBeforeAfter(d.points, { ...opts, actionIndex: d.actionIndex }),
    { effect: result.effect, se: result.se },
    {
      placebo: opts.actionIndex >= 12 ? (d, random) => {
        // A fake action date inside the pre-action history, at least 6 points from either end.
        const fake = 6 + Math.floor(random() * (opts.actionIndex - 11));
        return { points: d.points.filter((p) => p.t < opts.actionIndex), actionIndex: fake };
      } : undefined,
      commonCause: (d, random) => ({ ...d, points: d.points.map((p) => ({ ...p, noise: normalDraw(random) })) }),
      subset: (d, random) => ({ ...d, points: shuffled(d.points, random).slice(0, Math.round(d.points.length * 0.8)).sort((a, b) => a.t - b.t) }),
    },
    { placeboRule: 'near-zero', placeboRuns: 8, commonCauseRuns: 3, subsetRuns: 8, ...(typeof opts.refute === 'object' ? opts.refute : {}) },
  );
  return { ...result, refutations: report, summary: `${result.summary} ${report.summary}` };
}

function estimateBeforeAfter(points: { t: number; v: number; noise?: number }[], opts: BeforeAfterOptions): BeforeAfterResult {
  assertFiniteSeries('values', points.map((p) => p.v), 8);
  assertInteger('actionIndex', opts.actionIndex, 1);
  const before = points.filter((p) => p.t < opts.actionIndex).length;
  const after = points.length - before;
  if (before < 4 || after < 2) throw new EvidenceInputError('actionIndex', `needs at least 4 points before and 2 after the action (got ${before} and ${after})`);
  const season = opts.seasonLength ?? 0;
  if (season !== 0) assertInteger('seasonLength', season, 2, Math.floor(before / 2));
  const t0 = opts.actionIndex;
  const withNoise = points.some((p) => p.noise !== undefined);
  const X = points.map((p) => {
    const post = p.t >= t0 ? 1 : 0;
    const row = [1, p.t, post, post * (p.t - t0)];
    for (let s = 1; s < season; s++) row.push(p.t % season === s ? 1 : 0);
    if (withNoise) row.push(p.noise ?? 0);
    return row;
  });
  const y = points.map((p) => p.v);
  const fit = leastSquares(X, y, undefined, 'values');
  const lag = neweyWestLag(points.length);
  const V = neweyWest(X, fit.residuals, fit.xtxInverse, lag);
  const postPoints = points.filter((p) => p.t >= t0);
  const meanOffset = postPoints.reduce((s, p) => s + (p.t - t0), 0) / postPoints.length;
  // effect = c + d · mean(t − t0 | after): a linear combination of coefficients 2 and 3.
  const weights = [0, 0, 1, meanOffset];
  const effect = weights.reduce((s, w, j) => s + w * (fit.beta[j] as number), 0);
  let variance = 0;
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) variance += (weights[a] as number) * (weights[b] as number) * ((V[a] as number[])[b] as number);
  const se = Math.sqrt(variance);
  const df = fit.n - fit.k;
  const crit = tCritical(0.95, df);
  const ci: [number, number] = [effect - crit * se, effect + crit * se];
  const pValue = tPValue(effect / se, df);
  const name = opts.outcomeName ?? 'the metric';
  const verdict = ci[0] > 0 || ci[1] < 0 ? '' : ' The interval includes zero, so the data cannot rule out no effect.';
  return {
    effect, se, ci, pValue, levelChange: fit.beta[2] as number, slopeChange: fit.beta[3] as number, hacLag: lag,
    summary: `After the action, ${name} ran ${fmtSigned(effect)} per period away from where its earlier trend${season ? ' and seasonal pattern' : ''} pointed (${fmtInterval(ci)}, ${fmtP(pValue)}).${verdict} Without a comparison group, anything else that changed at the same time would look the same.`,
  };
}
