import { EvidenceInputError } from './errors';
import { fmt, fmtPercent, fmtSigned } from './format';

export interface Contribution {
  driver: string;
  /** 'factor' for a multiplicative identity term, 'change' for a segment of a sum, 'mix' / 'rate' for ratio metrics. */
  kind: 'factor' | 'change' | 'mix' | 'rate';
  contribution: number;
  /** Share of the total change (contributions sum to the total, so shares sum to 1). */
  share: number;
}

export interface Decomposition {
  metric: string;
  before: number;
  after: number;
  change: number;
  contributions: Contribution[];
  /** Positive contributions, largest first. */
  drivers: Contribution[];
  /** Negative contributions, most negative first. */
  detractors: Contribution[];
  summary: string;
}

export interface FactorChange {
  name: string;
  before: number;
  after: number;
}

/**
 * Splits the change of a product metric (revenue = orders × average ticket) among its factors by
 * Shapley values: each factor's average marginal effect over all orders of applying the changes,
 * so the contributions sum exactly to the total and no factor is favoured by its position.
 */
export function decomposeProduct(metric: string, factors: FactorChange[]): Decomposition {
  if (factors.length < 1 || factors.length > 12) throw new EvidenceInputError('factors', 'needs between 1 and 12 factors');
  factors.forEach((f, i) => {
    if (!Number.isFinite(f.before) || !Number.isFinite(f.after)) throw new EvidenceInputError('factors', `factor ${i} (${f.name}) has a non-finite value`);
  });
  const n = factors.length;
  const value = (mask: number) => factors.reduce((p, f, i) => p * (mask & (1 << i) ? f.after : f.before), 1);
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const contributions = factors.map((f, i): Contribution => {
    let phi = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << i)) continue;
      const size = popcount(mask);
      phi += ((factorial(size) * factorial(n - size - 1)) / factorial(n)) * (value(mask | (1 << i)) - value(mask));
    }
    return { driver: f.name, kind: 'factor', contribution: phi, share: 0 };
  });
  return finish(metric, value(0), value((1 << n) - 1), contributions);
}

export interface SegmentChange {
  segment: string;
  /** The metric's numerator in the segment (revenue, orders, conversions). */
  valueBefore: number;
  valueAfter: number;
  /** Denominator for ratio metrics (orders for average ticket, visits for conversion); omit for sums. */
  volumeBefore?: number;
  volumeAfter?: number;
}

/**
 * Change of a metric across a dimension (channel, product, location). For a sum, each segment
 * contributes its own change. For a ratio (Σ value / Σ volume) the change splits exactly into a
 * mix effect per segment, (share₁ − share₀)(segment rate − overall rate, both averaged over the two
 * periods), and a rate effect per segment, (average share)(rate₁ − rate₀).
 */
export function decomposeBySegment(metric: string, segments: SegmentChange[]): Decomposition {
  if (segments.length < 1) throw new EvidenceInputError('segments', 'needs at least one segment');
  const ratio = segments.some((s) => s.volumeBefore !== undefined || s.volumeAfter !== undefined);
  segments.forEach((s, i) => {
    const values = ratio ? [s.valueBefore, s.valueAfter, s.volumeBefore, s.volumeAfter] : [s.valueBefore, s.valueAfter];
    if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new EvidenceInputError('segments', `segment ${i} (${s.segment}) has a missing or non-finite value`);
    if (ratio && ((s.volumeBefore as number) < 0 || (s.volumeAfter as number) < 0)) throw new EvidenceInputError('segments', `segment ${s.segment} has a negative volume`);
  });
  if (!ratio) {
    const contributions = segments.map((s): Contribution => ({ driver: s.segment, kind: 'change', contribution: s.valueAfter - s.valueBefore, share: 0 }));
    return finish(metric, sum(segments.map((s) => s.valueBefore)), sum(segments.map((s) => s.valueAfter)), contributions);
  }
  const vol0 = sum(segments.map((s) => s.volumeBefore as number));
  const vol1 = sum(segments.map((s) => s.volumeAfter as number));
  if (!(vol0 > 0 && vol1 > 0)) throw new EvidenceInputError('segments', 'total volume must be positive in both periods');
  const before = sum(segments.map((s) => s.valueBefore)) / vol0;
  const after = sum(segments.map((s) => s.valueAfter)) / vol1;
  const overall = (before + after) / 2;
  const contributions: Contribution[] = [];
  for (const s of segments) {
    const w0 = (s.volumeBefore as number) / vol0;
    const w1 = (s.volumeAfter as number) / vol1;
    // A segment absent in one period has no rate there; borrowing the other period's rate gives it no rate effect.
    const r0 = (s.volumeBefore as number) > 0 ? s.valueBefore / (s.volumeBefore as number) : s.valueAfter / (s.volumeAfter as number);
    const r1 = (s.volumeAfter as number) > 0 ? s.valueAfter / (s.volumeAfter as number) : r0;
    if (!Number.isFinite(r0) || !Number.isFinite(r1)) throw new EvidenceInputError('segments', `segment ${s.segment} has no volume in either period`);
    contributions.push({ driver: `${s.segment} mix`, kind: 'mix', contribution: (w1 - w0) * ((r0 + r1) / 2 - overall), share: 0 });
    contributions.push({ driver: `${s.segment} rate`, kind: 'rate', contribution: ((w0 + w1) / 2) * (r1 - r0), share: 0 });
  }
  return finish(metric, before, after, contributions);
}

function finish(metric: string, before: number, after: number, raw: Contribution[]): Decomposition {
  const change = after - before;
  const contributions = raw.map((c) => ({ ...c, share: change !== 0 ? c.contribution / change : 0 }));
  const drivers = contributions.filter((c) => c.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const detractors = contributions.filter((c) => c.contribution < 0).sort((a, b) => a.contribution - b.contribution);
  const list = (cs: Contribution[]) => cs.slice(0, 3).map((c) => `${c.driver} (${fmtSigned(c.contribution)})`).join(', ');
  const direction = change > 0 ? 'rose' : change < 0 ? 'fell' : 'did not change';
  const pct = before !== 0 ? ` (${fmtPercent(change / Math.abs(before))})` : '';
  const parts = [`${capitalise(metric)} ${direction} from ${fmt(before)} to ${fmt(after)}, a change of ${fmtSigned(change)}${pct}.`];
  if (drivers.length) parts.push(`Pushing it up: ${list(drivers)}.`);
  if (detractors.length) parts.push(`Pulling it down: ${list(detractors)}.`);
  parts.push('The contributions add up exactly to the total change; they describe where it happened, not why.');
  return { metric, before, after, change, contributions, drivers, detractors, summary: parts.join(' ') };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sum(values: number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}
