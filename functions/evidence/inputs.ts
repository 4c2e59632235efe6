// Turns a question into the job's input: resolves periods, checks the metric and its data, and
// gathers the daily series the engine needs. Everything a caller can get wrong is a 4xx here,
// named by field, before any job is recorded.
import { HttpProblem, badRequest, type Tx } from '@dyocense/core';
import type { MetricDefinition } from '@dyocense/metrics';
import { loadDays, type MetricDays } from './store';

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const field = (path: string, message: string) => badRequest(`${path}: ${message}`, [{ path, message }]);
const noData = (path: string, message: string) => new HttpProblem(422, 'validation', `${path}: ${message}`, [{ path, message }]);

export function calendar(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function metricOf(catalog: ReadonlyMap<string, MetricDefinition>, name: string, path = 'metric'): MetricDefinition {
  const m = catalog.get(name);
  if (!m) throw field(path, `unknown metric "${name}"`);
  return m;
}

export interface Periods {
  period: { from: string; to: string };
  comparison: { from: string; to: string; kind: 'previous_period' | 'previous_year' | 'range' };
}

/** The period asked about and the one it is compared with; both at most a year long. */
export function resolvePeriods(from: string, to: string, compareTo: string): Periods {
  if (to < from) throw field('to', 'must not be before from');
  const days = daysBetween(from, to) + 1;
  if (days > 366) throw field('to', 'the period can be at most 366 days long');
  const period = { from, to };
  if (compareTo === 'previous_period') return { period, comparison: { from: addDays(from, -days), to: addDays(from, -1), kind: 'previous_period' } };
  if (compareTo === 'previous_year') return { period, comparison: { from: addDays(from, -364), to: addDays(to, -364), kind: 'previous_year' } };
  const [cFrom, cTo] = compareTo.split('..') as [string, string];
  const valid = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!valid(cFrom) || !valid(cTo)) throw field('compareTo', 'the range holds a date that does not exist');
  if (cTo < cFrom) throw field('compareTo', 'the range ends before it starts');
  if (daysBetween(cFrom, cTo) + 1 > 366) throw field('compareTo', 'the range can be at most 366 days long');
  if (!(cTo < from || cFrom > to)) throw field('compareTo', 'the range must not overlap the period');
  return { period, comparison: { from: cFrom, to: cTo, kind: 'range' } };
}

const valuesOn = (dates: string[], days: Map<string, number> | undefined) => dates.map((d) => days?.get(d) ?? null);
const countIn = (days: Map<string, number> | undefined, from: string, to: string) => [...(days?.keys() ?? [])].filter((d) => d >= from && d <= to).length;

/** The one dimension all of a metric's series are split by, or null. */
function singleDimension(m: MetricDays): string | null {
  const keys = new Set([...m.series.values()].map((s) => Object.keys(s.dimensions).join(',')));
  const [only] = [...keys];
  return keys.size === 1 && only && !only.includes(',') ? only : null;
}

/** Identities and breakdowns the built-in metrics obey (the demo café's and the connectors'). */
const IDENTITIES: Record<string, { volume: string; ratioName: string; ratioMetric: string }> = {
  revenue: { volume: 'orders', ratioName: 'average ticket', ratioMetric: 'average_ticket' },
};
const BREAKDOWNS: Record<string, string> = { revenue: 'category_revenue' };
/** Per-dimension candidates are listed for metrics split into at most this many series. */
const MAX_SPLIT = 60;

export async function explainInput(tx: Tx, catalog: ReadonlyMap<string, MetricDefinition>, metricName: string, p: Periods) {
  const metric = metricOf(catalog, metricName);
  const length = daysBetween(p.period.from, p.period.to) + 1;
  const start = addDays(p.period.from < p.comparison.from ? p.period.from : p.comparison.from, -Math.max(84, 6 * length));
  const end = p.period.to > p.comparison.to ? p.period.to : p.comparison.to;
  const data = await loadDays(tx, catalog, start, end);
  const target = data.get(metric.name);
  if (!countIn(target?.total, p.period.from, p.period.to)) throw noData('from', `${metric.name} has no data between ${p.period.from} and ${p.period.to}`);
  if (!countIn(target?.total, p.comparison.from, p.comparison.to)) throw noData('compareTo', `${metric.name} has no data between ${p.comparison.from} and ${p.comparison.to}`);
  const dates = calendar(start, end);
  const used = new Set([metric.name]);
  const identityDef = IDENTITIES[metric.name];
  let identity;
  if (identityDef && data.has(identityDef.volume)) {
    identity = { volume: { name: identityDef.volume, values: valuesOn(dates, data.get(identityDef.volume)!.total) }, ratioName: identityDef.ratioName };
    used.add(identityDef.volume).add(identityDef.ratioMetric);
  }
  let breakdown;
  const ownDimension = target && target.series.size > 1 ? singleDimension(target) : null;
  const splitMetric = ownDimension ? metric.name : BREAKDOWNS[metric.name];
  const split = splitMetric ? data.get(splitMetric) : undefined;
  const dimension = split && split.series.size > 1 ? singleDimension(split) : null;
  if (split && dimension && split.series.size <= MAX_SPLIT) {
    breakdown = {
      metric: splitMetric!,
      dimension,
      segments: [...split.series.values()].map((s) => ({ segment: s.dimensions[dimension]!, values: valuesOn(dates, s.values) })).sort((a, b) => a.segment.localeCompare(b.segment)),
    };
    used.add(splitMetric!);
  }
  const candidates = [];
  for (const [name, m] of [...data].sort(([a], [b]) => a.localeCompare(b))) {
    if (used.has(name)) continue;
    candidates.push({ name, metric: name, values: valuesOn(dates, m.total) });
    const dim = m.series.size > 1 && m.series.size <= MAX_SPLIT ? singleDimension(m) : null;
    if (!dim) continue;
    for (const s of [...m.series.values()].sort((a, b) => a.dimensions[dim]!.localeCompare(b.dimensions[dim]!))) {
      const value = s.dimensions[dim]!;
      candidates.push({ name: `${name}[${dim}=${value}]`, metric: name, dimension: { name: dim, value }, values: valuesOn(dates, s.values) });
    }
  }
  return {
    metric: metric.name, label: metric.label, unit: metric.unit, aggregation: metric.aggregation,
    period: p.period, comparison: p.comparison, dates, target: valuesOn(dates, target?.total), identity, breakdown, candidates,
  };
}

/** The metric's daily values, all series combined or only those matching the filters. */
function pick(m: MetricDays | undefined, metric: MetricDefinition, filters: Record<string, string> | undefined): Map<string, number> | undefined {
  if (!m || !filters || Object.keys(filters).length === 0) return m?.total;
  const matching = [...m.series.values()].filter((s) => Object.entries(filters).every(([k, v]) => s.dimensions[k] === v));
  if (matching.length === 0) return undefined;
  const out = new Map<string, { sum: number; n: number }>();
  for (const s of matching) for (const [d, v] of s.values) out.set(d, { sum: (out.get(d)?.sum ?? 0) + v, n: (out.get(d)?.n ?? 0) + 1 });
  return new Map([...out].map(([d, t]) => [d, metric.aggregation === 'avg' ? t.sum / t.n : t.sum]));
}

export interface EffectQuestion {
  metric: string;
  actionDate: string;
  endDate?: string;
  label?: string;
  method: 'did' | 'event-study' | 'its';
  control: 'previous_year' | { metric: string; filters?: Record<string, string> };
  filters?: Record<string, string>;
}

/** Weeks of history before the action that the comparison rests on. */
const WEEKS_BEFORE = 16;

export async function effectInput(tx: Tx, catalog: ReadonlyMap<string, MetricDefinition>, q: EffectQuestion, lastDay: string | null) {
  const metric = metricOf(catalog, q.metric);
  if (!lastDay) throw noData('metric', `${metric.name} has no daily data`);
  if (q.actionDate > lastDay) throw field('actionDate', `is after the last day with data (${lastDay})`);
  const endDate = q.endDate ?? (addDays(q.actionDate, 55) < lastDay ? addDays(q.actionDate, 55) : lastDay);
  if (endDate < q.actionDate) throw field('endDate', 'must not be before actionDate');
  if (endDate > lastDay) throw field('endDate', `is after the last day with data (${lastDay})`);
  if (daysBetween(q.actionDate, endDate) > 366) throw field('endDate', 'the action window can be at most a year long');
  const control = q.method === 'its' ? null : q.control;
  if (control && control !== 'previous_year') metricOf(catalog, control.metric, 'control.metric');
  const start = addDays(q.actionDate, -7 * WEEKS_BEFORE);
  const loadFrom = control === 'previous_year' ? addDays(start, -364) : start;
  const names = [metric.name, ...(control && control !== 'previous_year' ? [control.metric] : [])];
  const data = await loadDays(tx, catalog, loadFrom, endDate, names);
  const days = pick(data.get(metric.name), metric, q.filters);
  if (!days || days.size === 0) throw noData('filters', `${metric.name} has no data matching the filters`);
  const dates = calendar(start, endDate);
  const values = valuesOn(dates, days);
  if (!values.slice(0, 7 * WEEKS_BEFORE).some((v) => v !== null)) throw noData('actionDate', `${metric.name} has no data in the ${WEEKS_BEFORE} weeks before the action`);
  let controlSeries;
  if (control === 'previous_year') {
    const previous = dates.map((d) => days.get(addDays(d, -364)) ?? null);
    if (previous.filter((v) => v !== null).length < 28) throw noData('control', `${metric.name} has no history a year before the action to compare with; send control as another metric or use method "its"`);
    controlSeries = { name: `${metric.name} in the same weeks a year earlier`, values: previous };
  } else if (control) {
    const cm = metricOf(catalog, control.metric, 'control.metric');
    const cDays = pick(data.get(cm.name), cm, control.filters);
    if (!cDays || cDays.size === 0) throw noData('control', `${cm.name} has no data matching its filters`);
    const raw = valuesOn(dates, cDays);
    // Put the comparison on the metric's scale: same mean over the weeks before the action.
    const pre = (vs: (number | null)[]) => vs.slice(0, 7 * WEEKS_BEFORE).filter((v): v is number => v !== null);
    const scale = mean(pre(values)) / mean(pre(raw));
    if (!Number.isFinite(scale) || scale === 0) throw noData('control', `${cm.name} has no usable values before the action`);
    controlSeries = { name: `${cm.name}${control.filters ? ` ${JSON.stringify(control.filters)}` : ''} (rescaled)`, values: raw.map((v) => (v === null ? null : v * scale)) };
  }
  return {
    metric: metric.name, label: q.label ?? `the action of ${q.actionDate}`, unit: metric.unit, method: q.method,
    actionDate: q.actionDate, endDate, dates, values, ...(controlSeries ? { control: controlSeries } : {}),
  };
}

const mean = (vs: number[]) => (vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : Number.NaN);

/** Daily totals of the chosen metrics (default: every metric seen on most days) for graph learning. */
export async function graphInput(tx: Tx, catalog: ReadonlyMap<string, MetricDefinition>, q: { metrics?: string[]; from?: string; to?: string }, lastDay: string | null, owner: { required: [string, string][]; forbidden: [string, string][] }) {
  q.metrics?.forEach((m, i) => metricOf(catalog, m, `metrics.${i}`));
  if (q.metrics && new Set(q.metrics).size !== q.metrics.length) throw field('metrics', 'names must not repeat');
  const to = q.to ?? lastDay;
  if (!to) throw noData('to', 'there is no daily data to learn from yet');
  const from = q.from ?? addDays(to, -364);
  if (to < from) throw field('to', 'must not be before from');
  if (daysBetween(from, to) > 1100) throw field('from', 'at most three years of history');
  const data = await loadDays(tx, catalog, from, to, q.metrics);
  const dates = calendar(from, to);
  const names = q.metrics ?? [...data.keys()].filter((m) => (data.get(m)!.total.size >= 0.8 * dates.length)).sort();
  const series = names.map((name) => ({ name, values: valuesOn(dates, data.get(name)?.total) }));
  for (const s of series) {
    const present = s.values.filter((v): v is number => v !== null);
    if (present.length < 30) throw noData('metrics', `${s.name} has fewer than 30 days of data between ${from} and ${to}`);
  }
  // Flat series carry no information about causes; leave them out rather than fail.
  const usable = series.filter((s) => {
    const vs = s.values.filter((v): v is number => v !== null);
    return vs.some((v) => v !== vs[0]);
  });
  if (usable.length < 2) throw noData('metrics', 'needs at least two metrics that vary over the range');
  const inGraph = new Set(usable.map((s) => s.name));
  const keep = (edges: [string, string][]) => edges.filter(([a, b]) => inGraph.has(a) && inGraph.has(b));
  return { period: { from, to }, dates, series: usable, required: keep(owner.required), forbidden: keep(owner.forbidden) };
}
