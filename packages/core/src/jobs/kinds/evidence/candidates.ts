// Which of the tenant's other metrics could have caused a metric's change between two periods.
import { grangerAnalysis, ols, refute, type RefutationReport } from '@dyocense/evidence';
import { calendarColumns, indexesOf, mean, present, stdev, type DailyValues, type Period } from './series';

export interface CandidateSeries {
  /** Display name: the metric, or metric[dimension=value] for one series of a dimensional metric. */
  name: string;
  metric: string;
  dimension?: { name: string; value: string };
  values: DailyValues;
}

export type CandidateVerdict = 'likely cause' | 'moves with the metric' | 'no evidence';

export interface CandidateFinding {
  name: string;
  metric: string;
  dimension: { name: string; value: string } | null;
  before: number;
  after: number;
  /** Change of the candidate's daily mean against its usual week-to-week (period-to-period) swings. */
  unusualness: number;
  /** Change in the target per unit of the candidate, same day, net of weekday and trend. */
  coefficient: number | null;
  se: number | null;
  pValue: number | null;
  ci: [number, number] | null;
  /** The part of the target's change this candidate accounts for (coefficient × its change). */
  explainedChange: number | null;
  /** 95% interval of that part (the coefficient's interval × the candidate's change). */
  explainedInterval: [number, number] | null;
  /** Share of the candidate's own change predictable from the target's change in ordinary times. */
  followsTarget: number | null;
  granger: { lag: number; pValue: number; reversePValue: number; summary: string } | null;
  refutations: RefutationReport | null;
  verdict: CandidateVerdict;
  summary: string;
}

export interface CandidateInput {
  dates: string[];
  target: DailyValues;
  targetAggregation: 'sum' | 'avg' | 'last';
  targetName: string;
  /** 'USD' prints amounts as money. */
  targetUnit?: string;
  period: Period;
  comparison: Period;
  candidates: CandidateSeries[];
  seed?: number;
}

const UNUSUAL = 3;

/**
 * Screens every candidate in three steps. (1) Did it change unusually between the periods? Most
 * metrics did not, and they are dropped. (2) Does the target move with it, day by day, net of the
 * weekday pattern and trend (OLS, HC1), and does that survive a placebo (the candidate's history
 * shifted in time), a random common cause and data subsets? (3) Could its change be a consequence
 * of the target's change instead: using the relation seen outside the two periods, how much of
 * the candidate's change does the target's change predict? Labour hours cut because sales fell
 * are predictable this way; a supplier stock-out is not.
 */
export function screenCandidates(input: CandidateInput): CandidateFinding[] {
  const periodIdx = indexesOf(input.dates, input.period);
  const compareIdx = indexesOf(input.dates, input.comparison);
  const periodDays = periodIdx.length;
  const findings: CandidateFinding[] = [];
  const targetChange = (mean(present(input.target, periodIdx)) - mean(present(input.target, compareIdx))) * (input.targetAggregation === 'sum' ? periodDays : 1);
  for (const c of input.candidates) {
    const before = mean(present(c.values, compareIdx));
    const after = mean(present(c.values, periodIdx));
    if (!Number.isFinite(before) || !Number.isFinite(after)) continue;
    const unusualness = unusualChange(c.values, input.dates, input.period, input.comparison, after - before);
    const base: CandidateFinding = {
      name: c.name, metric: c.metric, dimension: c.dimension ?? null, before, after, unusualness,
      coefficient: null, se: null, pValue: null, ci: null, explainedChange: null, explainedInterval: null, followsTarget: null, granger: null, refutations: null,
      verdict: 'no evidence', summary: '',
    };
    if (!(Math.abs(unusualness) >= UNUSUAL)) {
      findings.push({ ...base, summary: `${c.name} changed from ${round(before)} to ${round(after)} a day, within its usual swings.` });
      continue;
    }
    findings.push(assess(input, c, base, targetChange, periodDays));
  }
  const rank = (f: CandidateFinding) => (f.verdict === 'likely cause' ? 2 : f.verdict === 'moves with the metric' ? 1 : 0);
  return findings.sort((a, b) => rank(b) - rank(a) || Math.abs(b.explainedChange ?? 0) - Math.abs(a.explainedChange ?? 0) || Math.abs(b.unusualness) - Math.abs(a.unusualness));
}

/**
 * The days the day-by-day relation is judged on: the period and the weeks just before it. A
 * comparison a year back is far away; fitting across the seasons in between would let the
 * season, not the candidate, decide the fit.
 */
function localWindow(input: CandidateInput): number[] {
  const inPeriod = indexesOf(input.dates, input.period);
  const first = inPeriod[0] as number;
  const last = inPeriod.at(-1) as number;
  const start = Math.max(0, first - Math.max(56, 4 * inPeriod.length));
  return Array.from({ length: last - start + 1 }, (_, k) => start + k);
}

function assess(input: CandidateInput, c: CandidateSeries, base: CandidateFinding, targetChange: number, periodDays: number): CandidateFinding {
  const rows = localWindow(input)
    .map((t) => ({ date: input.dates[t] as string, t, y: input.target[t], x: c.values[t] }))
    .filter((r): r is { date: string; t: number; y: number; x: number } => r.y != null && r.x != null);
  const fit = forwardFit(rows);
  if (!fit) return { ...base, summary: `${c.name} changed unusually, but its history is too short or too flat to relate it to ${input.targetName}.` };
  const scale = input.targetAggregation === 'sum' ? periodDays : 1;
  const explainedChange = fit.estimate * (base.after - base.before) * scale;
  const ends = fit.ci.map((b) => b * (base.after - base.before) * scale);
  const explainedInterval: [number, number] = [Math.min(ends[0]!, ends[1]!), Math.max(ends[0]!, ends[1]!)];
  const followsTarget = reverseShare(input, c, base.after - base.before);
  const granger = grangerOf(input, c);
  const refutations = refute(
    rows,
    (r) => forwardFit(r) ?? { effect: Number.NaN, se: Number.NaN },
    { effect: fit.estimate, se: fit.se },
    {
      // The candidate's series shifted by at least two weeks: its link to the target's days is broken.
      placebo: (r, random) => {
        const shift = 14 + Math.floor(random() * Math.max(1, r.length - 28));
        return r.map((row, i) => ({ ...row, x: (r[(i + shift) % r.length] as typeof row).x }));
      },
      commonCause: (r, random) => r.map((row) => ({ ...row, noise: normalDraw(random) })),
      subset: (r, random) => shuffled(r, random).slice(0, Math.round(r.length * 0.8)).sort((a, b) => a.t - b.t),
    },
    { seed: input.seed ?? 7, placeboRule: 'permutation', placeboRuns: 39, commonCauseRuns: 3, subsetRuns: 10 },
  );
  const associated = fit.pValue < 0.05;
  // A cause may push with the overall change or hold it back (a stock-out in a growing year);
  // either way it must account for a material part of it.
  const material = Math.abs(explainedChange) >= 0.1 * Math.max(Math.abs(targetChange), 1e-9);
  const consequence = followsTarget !== null && followsTarget >= 0.5;
  const verdict: CandidateVerdict =
    associated && material && !consequence && refutations.passed ? 'likely cause' : associated && material ? 'moves with the metric' : 'no evidence';
  const share = targetChange !== 0 ? Math.round((explainedChange / targetChange) * 100) : 0;
  const amount = (v: number) => (input.targetUnit === 'USD' ? `$${round(Math.abs(v))}` : round(Math.abs(v)));
  const interval = `95% interval ${amount(explainedInterval[0])}${explainedInterval[0] < 0 ? ' less' : ''} to ${amount(explainedInterval[1])}${explainedInterval[1] < 0 ? ' less' : ''}`;
  const part =
    share < 0
      ? `so it held ${input.targetName} back by about ${amount(explainedChange)} (${interval}) against the overall change`
      : share > 100
        ? `so it accounts for ${explainedChange < 0 ? 'a loss' : 'a gain'} of about ${amount(explainedChange)} (${interval}), more than the whole change: without it, ${input.targetName} would have moved the other way`
        : `so it accounts for about ${amount(explainedChange)} (${interval}), ${share}% of the change`;
  const summary =
    verdict === 'likely cause'
      ? `${c.name} went from ${round(base.before)} to ${round(base.after)} a day, far outside its usual swings; each unit more of it went with ${signedRound(fit.estimate)} ${input.targetName} that day (p = ${fit.pValue.toPrecision(2)}), ${part}, and the link survived the placebo, common-cause and subset checks.`
      : verdict === 'moves with the metric'
        ? consequence
          ? `${c.name} changed with ${input.targetName}, but ${Math.round((followsTarget ?? 0) * 100)}% of its change is what ${input.targetName}'s own change predicts from ordinary days, so it looks like a consequence (or shares a cause), not a cause.`
          : `${c.name} changed with ${input.targetName}, but the link failed a refutation check: ${refutations.summary}`
        : `${c.name} changed unusually (from ${round(base.before)} to ${round(base.after)} a day), but ${input.targetName} does not measurably move with it.`;
  return {
    ...base, coefficient: fit.estimate, se: fit.se, pValue: fit.pValue, ci: fit.ci, explainedChange, explainedInterval, followsTarget, granger, refutations, verdict, summary,
  };
}

type Row = { date: string; t: number; y: number; x: number; noise?: number };

/** target ~ candidate + weekday + trend (+ injected noise), HC1; null when the candidate is flat. */
function forwardFit(rows: Row[]): { effect: number; estimate: number; se: number; pValue: number; ci: [number, number] } | null {
  if (rows.length < 20) return null;
  const xs = rows.map((r) => r.x);
  if (!(stdev(xs) > 0)) return null;
  const X = rows.map((r) => [r.x, ...calendarColumns(r.date, r.t), ...(r.noise !== undefined ? [r.noise] : [])]);
  try {
    const coefficient = ols(X, rows.map((r) => r.y)).coefficients[1]!;
    return { effect: coefficient.estimate, estimate: coefficient.estimate, se: coefficient.se, pValue: coefficient.pValue, ci: coefficient.ci };
  } catch {
    return null;
  }
}

/**
 * How much of the candidate's change the target's change predicts, using only days outside both
 * periods: candidate ~ target + weekday + trend, then slope × target's change ÷ candidate's change.
 */
function reverseShare(input: CandidateInput, c: CandidateSeries, candidateChange: number): number | null {
  const inside = new Set([...indexesOf(input.dates, input.period), ...indexesOf(input.dates, input.comparison)]);
  const rows = localWindow(input)
    .map((t) => ({ date: input.dates[t] as string, t, y: input.target[t], x: c.values[t] }))
    .filter((r): r is Row => r.y != null && r.x != null && !inside.has(r.t));
  if (rows.length < 20 || !(stdev(rows.map((r) => r.x)) > 0) || candidateChange === 0) return null;
  try {
    const slope = ols(rows.map((r) => [r.y, ...calendarColumns(r.date, r.t)]), rows.map((r) => r.x)).coefficients[1]!.estimate;
    const targetDailyChange = mean(present(input.target, indexesOf(input.dates, input.period))) - mean(present(input.target, indexesOf(input.dates, input.comparison)));
    return Math.max(0, (slope * targetDailyChange) / candidateChange);
  } catch {
    return null;
  }
}

/** Does the candidate's past help predict the target (and the reverse)? Lag by BIC up to a week. */
function grangerOf(input: CandidateInput, c: CandidateSeries): CandidateFinding['granger'] {
  const pairs = localWindow(input).map((t) => [c.values[t], input.target[t]] as const).filter((p): p is readonly [number, number] => p[0] != null && p[1] != null);
  if (pairs.length < 40) return null;
  try {
    const g = grangerAnalysis(pairs.map((p) => p[0]), pairs.map((p) => p[1]), { maxLag: 7, names: { x: c.name, y: input.targetName } });
    return { lag: g.lag, pValue: g.xToY.pValue, reversePValue: g.yToX.pValue, summary: g.summary };
  } catch {
    // Flat or degenerate after differencing (a series that is zero almost every day): no test.
    return null;
  }
}

/**
 * The candidate's change between the periods in units of its usual change between consecutive
 * blocks of the same length earlier in its history. A series flat until now counts as very unusual.
 */
function unusualChange(values: DailyValues, dates: string[], period: Period, comparison: Period, change: number): number {
  const length = indexesOf(dates, period).length;
  const firstInside = Math.min(...indexesOf(dates, period), ...indexesOf(dates, comparison));
  const blocks: number[] = [];
  for (let end = firstInside; end - length >= 0; end -= length) {
    const block = present(values, Array.from({ length }, (_, k) => end - length + k));
    if (block.length) blocks.push(mean(block));
  }
  const diffs = blocks.slice(1).map((b, i) => (blocks[i] as number) - b);
  const sd = diffs.length >= 3 ? stdev(diffs) : Number.NaN;
  if (!Number.isFinite(sd)) return 0;
  if (sd === 0) return change === 0 ? 0 : Math.sign(change) * 99;
  return Math.max(-99, Math.min(99, change / sd));
}

type Random = () => number;

/** Standard normal draw (Box–Muller) from the refutation's seeded generator. */
const normalDraw = (random: Random) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

function shuffled<T>(values: readonly T[], random: Random): T[] {
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const signedRound = (v: number) => `${v < 0 ? '−' : '+'}${round(Math.abs(v))}`;
const round = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2));
