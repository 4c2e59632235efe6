// "Why did this metric change?": where the change happened (exact decompositions) and which
// other metrics could have caused it (screened candidates), told in words an owner can read.
import { decomposeBySegment, decomposeProduct, type Decomposition } from '@dyocense/evidence';
import { screenCandidates, type CandidateFinding, type CandidateSeries } from './candidates';
import { indexesOf, periodValue, type DailyValues, type Period } from './series';

export interface ExplainInput {
  metric: string;
  label: string;
  unit: string;
  aggregation: 'sum' | 'avg' | 'last';
  period: Period;
  comparison: Period & { kind: 'previous_period' | 'previous_year' | 'range' };
  dates: string[];
  target: DailyValues;
  /** A product identity: the metric = first factor × (metric ÷ first factor), e.g. revenue = orders × average ticket. */
  identity?: { volume: { name: string; values: DailyValues }; ratioName: string };
  /** The metric split across a dimension (its own, or a breakdown metric that sums to it). */
  breakdown?: { metric: string; dimension: string; segments: { segment: string; values: DailyValues }[] };
  candidates: CandidateSeries[];
}

export interface ExplainResult {
  metric: string;
  before: number;
  after: number;
  change: number;
  percent: number | null;
  decompositions: (Decomposition & { by: string })[];
  /** Where the change happened, largest first across the decompositions' finest split. */
  drivers: Decomposition['contributions'];
  detractors: Decomposition['contributions'];
  candidates: CandidateFinding[];
  likelyCauses: string[];
  narrative: string;
}

export function explainChange(input: ExplainInput): ExplainResult {
  const now = indexesOf(input.dates, input.period);
  const then = indexesOf(input.dates, input.comparison);
  const after = periodValue(input.target, now, input.aggregation);
  const before = periodValue(input.target, then, input.aggregation);
  if (after === null || before === null) throw new Error(`${input.metric} has no data in one of the periods`);
  const change = after - before;
  const decompositions: ExplainResult['decompositions'] = [];
  if (input.identity && input.aggregation === 'sum') {
    const v0 = periodValue(input.identity.volume.values, then, 'sum');
    const v1 = periodValue(input.identity.volume.values, now, 'sum');
    if (v0 && v1) {
      decompositions.push({
        by: `${input.identity.volume.name} × ${input.identity.ratioName}`,
        ...decomposeProduct(input.metric, [
          { name: input.identity.volume.name, before: v0, after: v1 },
          { name: input.identity.ratioName, before: before / v0, after: after / v1 },
        ]),
      });
    }
  }
  if (input.breakdown && input.breakdown.segments.length > 1 && input.aggregation === 'sum') {
    const segments = input.breakdown.segments
      .map((s) => ({ segment: s.segment, valueBefore: periodValue(s.values, then, 'sum') ?? 0, valueAfter: periodValue(s.values, now, 'sum') ?? 0 }));
    decompositions.push({ by: `${input.breakdown.metric} by ${input.breakdown.dimension}`, ...decomposeBySegment(input.metric, segments) });
  }
  const finest = decompositions.at(-1);
  const candidates = screenCandidates({
    dates: input.dates, target: input.target, targetAggregation: input.aggregation, targetName: input.metric, targetUnit: input.unit,
    period: input.period, comparison: input.comparison, candidates: input.candidates,
  });
  const likelyCauses = candidates.filter((c) => c.verdict === 'likely cause').map((c) => c.name);
  const result = {
    metric: input.metric, before, after, change, percent: before !== 0 ? (change / Math.abs(before)) * 100 : null,
    decompositions, drivers: finest?.drivers ?? [], detractors: finest?.detractors ?? [], candidates, likelyCauses,
  };
  return { ...result, narrative: narrate(input, result) };
}

function narrate(input: ExplainInput, r: Omit<ExplainResult, 'narrative'>): string {
  const money = input.unit === 'USD';
  const fmt = (v: number) => (money ? `$${Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 0 })}` : Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 1 }));
  const signed = (v: number) => `${v < 0 ? '−' : '+'}${fmt(v)}`;
  const against = input.comparison.kind === 'previous_year' ? 'the same days a year earlier' : input.comparison.kind === 'previous_period' ? 'the period before' : 'the comparison period';
  const direction = r.change < 0 ? 'fell' : r.change > 0 ? 'rose' : 'did not change';
  const pct = r.percent !== null ? ` (${r.percent >= 0 ? '+' : '−'}${Math.abs(r.percent).toFixed(1)}%)` : '';
  const parts = [
    `${input.label} ${direction} from ${fmt(r.before)} to ${fmt(r.after)}${pct} between ${input.comparison.from}…${input.comparison.to} and ${input.period.from}…${input.period.to} (${against}).`,
  ];
  for (const d of r.decompositions) {
    const moving = [...d.detractors, ...d.drivers].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 3);
    if (moving.length) parts.push(`By ${d.by}: ${moving.map((c) => `${c.driver} ${signed(c.contribution)}`).join(', ')}.`);
  }
  const causes = r.candidates.filter((c) => c.verdict === 'likely cause');
  const followers = r.candidates.filter((c) => c.verdict === 'moves with the metric');
  if (causes.length) {
    parts.push(`Most likely why: ${causes.slice(0, 3).map((c) => c.summary).join(' ')}`);
    if (causes.length > 3) parts.push(`Also pointing the same way: ${causes.slice(3, 8).map((c) => c.name).join(', ')}.`);
  } else {
    parts.push('None of the other tracked metrics changed in a way that explains it; the cause may be something the data does not record.');
  }
  if (followers.length) parts.push(`Moved too, but not shown to be a cause: ${followers.slice(0, 3).map((c) => c.summary).join(' ')}`);
  parts.push('Decompositions say where the change happened; the causes rest on day-by-day evidence and the checks reported with each one.');
  return parts.join(' ');
}
