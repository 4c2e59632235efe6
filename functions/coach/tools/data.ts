import { withTenant, type Tx } from '@dyocense/core';
import { hashOf, type Citation } from '@dyocense/llm';
import { loadCatalog, queryMetric, type MetricDefinition } from '@dyocense/metrics';
import type { ToolContext } from './context';
import { addDays, isoDay } from './dates';
import { ToolRefusal } from './context';

// Reading the business's own numbers for the tools: whole days, one value per day (null where
// nothing was recorded), per dimension value when grouped.

export interface DailySeries {
  dates: string[];
  series: { group: string | null; values: (number | null)[] }[];
}

export async function catalogOf(ctx: ToolContext): Promise<Map<string, MetricDefinition>> {
  return withTenant(ctx.runtime.db, ctx.tenantId, loadCatalog);
}

export async function metricOf(ctx: ToolContext, name: string): Promise<MetricDefinition> {
  const metric = (await catalogOf(ctx)).get(name);
  if (!metric) throw new ToolRefusal(`There is no metric called "${name}".`);
  return metric;
}

/** Daily values from `from` to `to` inclusive. */
export async function dailySeries(ctx: ToolContext, metric: MetricDefinition, from: Date, to: Date, groupBy?: string): Promise<DailySeries> {
  return withTenant(ctx.runtime.db, ctx.tenantId, (tx) => dailySeriesIn(tx, metric, from, to, groupBy));
}

/** dailySeries inside a caller's transaction (several reads, one round of BEGIN/COMMIT). */
export async function dailySeriesIn(tx: Tx, metric: MetricDefinition, from: Date, to: Date, groupBy?: string): Promise<DailySeries> {
  const result = await queryMetric(tx, { metric, from, to: addDays(to, 1), bucket: 'day', ...(groupBy ? { groupBy } : {}) });
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(isoDay(d));
  const series = result.series.map((s) => {
    const byDay = new Map(s.points.map((p) => [p.bucket.slice(0, 10), p.value]));
    return { group: s.group, values: dates.map((d) => byDay.get(d) ?? null) };
  });
  return { dates, series };
}

/** Values of one ungrouped series; a summed metric's missing day counts as zero. */
export async function dailyValues(ctx: ToolContext, metric: MetricDefinition, from: Date, to: Date): Promise<{ dates: string[]; values: (number | null)[] }> {
  return withTenant(ctx.runtime.db, ctx.tenantId, (tx) => dailyValuesIn(tx, metric, from, to));
}

export async function dailyValuesIn(tx: Tx, metric: MetricDefinition, from: Date, to: Date): Promise<{ dates: string[]; values: (number | null)[] }> {
  const { dates, series } = await dailySeriesIn(tx, metric, from, to);
  const values = series[0]?.values ?? dates.map(() => null);
  return { dates, values: metric.aggregation === 'sum' ? values.map((v) => v ?? 0) : values };
}

/** A metric query anyone can re-run with GET /api/metrics/query; its id is the hash of the query. */
export function metricQueryCitation(label: string, query: Record<string, string>): Citation & { query: Record<string, string> } {
  return { kind: 'metric_query', id: `mq_${hashOf(query).slice(0, 16)}`, label, query };
}

export const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
export const present = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null && Number.isFinite(x));
