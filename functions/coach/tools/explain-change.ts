import { z } from 'zod';
import type { Finding, ToolCard } from '@dyocense/llm';
import type { CoachTool } from './context';
import { ToolRefusal } from './context';
import { withTenant } from '@dyocense/core';
import { catalogOf, dailySeriesIn, dailyValuesIn, metricQueryCitation } from './data';
import { addDays, dayStart, isoDay, isoWeekOf, lastCompleteWeek } from './dates';
import { runExplain } from './engine-jobs';
import { amountFormat } from './format';

/** Days of history the evidence engine sees: enough for weekday patterns and usual swings. */
const HISTORY_DAYS = 16 * 7;
/** Metrics screened as possible causes (those the business has), and items that ran out. */
const CANDIDATE_METRICS = ['stockouts', 'new_customers', 'website_sessions', 'refunds', 'average_ticket'];
const MAX_SKUS = 8;

const args = z.object({
  metric: z.string().min(1).max(60).default('revenue'),
  /** ISO week number; the latest complete week when omitted. */
  week: z.number().int().min(1).max(53).optional(),
});

interface Contribution { driver: string; contribution: number }
interface Explained {
  before: number;
  after: number;
  change: number;
  percent: number | null;
  decompositions: { by: string; contributions: Contribution[] }[];
  candidates: { name: string; metric: string; dimension: { name: string; value: string } | null; before: number; after: number; verdict: string }[];
}

/**
 * Why a metric changed in a week against the week before: exact decompositions (orders × ticket,
 * categories) and screened causes (stock-outs, items that ran out, marketing, traffic), by the
 * evidence engine, stored as a causal estimate.
 */
export const explainChangeTool: CoachTool<z.infer<typeof args>> = {
  name: 'explain_change',
  description: 'Explain why a metric (e.g. revenue) rose or fell in a given ISO week compared with the week before: drivers, categories and likely causes.',
  args,
  parameters: {
    type: 'object',
    properties: { metric: { type: 'string', description: 'metric name, e.g. revenue' }, week: { type: 'integer', minimum: 1, maximum: 53, description: 'ISO week number' } },
  },
  async run(ctx, a) {
    const today = dayStart(ctx.now);
    const week = a.week ?? isoWeekOf(addDays(today, -7)).week;
    const span = lastCompleteWeek(week, today);
    if (!span) throw new ToolRefusal(`Week ${week} has not finished yet, so there is nothing to explain.`);
    const catalog = await catalogOf(ctx);
    const metric = catalog.get(a.metric);
    if (!metric) throw new ToolRefusal(`There is no metric called "${a.metric}".`);
    if (metric.aggregation === 'last') throw new ToolRefusal(`${metric.label} is a level, not an amount that rises or falls over a week.`);
    const comparison = { from: addDays(span.from, -7), to: addDays(span.from, -1) };
    const from = addDays(span.to, -(HISTORY_DAYS - 1));
    const outOfStock: { sku: string; days: number }[] = [];
    // Every series in one transaction: the reads are many, the round trips few.
    const { target, identity, breakdown, candidates } = await withTenant(ctx.runtime.db, ctx.tenantId, async (tx) => {
      const target = await dailyValuesIn(tx, metric, from, span.to);
      const orders = catalog.get('orders');
      const identity = metric.name === 'revenue' && orders ? { volume: { name: 'orders', values: (await dailyValuesIn(tx, orders, from, span.to)).values }, ratioName: 'average ticket' } : undefined;
      const categories = catalog.get('category_revenue');
      const breakdown = metric.name === 'revenue' && categories
        ? { metric: 'category_revenue', dimension: 'category', segments: (await dailySeriesIn(tx, categories, from, span.to, 'category')).series.map((s) => ({ segment: s.group ?? 'other', values: s.values.map((v) => v ?? 0) })) }
        : undefined;

      const candidates: { name: string; metric: string; dimension?: { name: string; value: string }; values: (number | null)[] }[] = [];
      for (const name of CANDIDATE_METRICS) {
        const m = catalog.get(name);
        // The identity already splits revenue into orders × ticket; the ticket is not a cause of it.
        if (identity && name === 'average_ticket') continue;
        if (m && name !== metric.name) candidates.push({ name, metric: name, values: (await dailyValuesIn(tx, m, from, span.to)).values });
      }
      const spend = catalog.get('marketing_spend');
      if (spend) {
        for (const s of (await dailySeriesIn(tx, spend, from, span.to, 'channel')).series) {
          if (s.group) candidates.push({ name: `marketing_spend[channel=${s.group}]`, metric: 'marketing_spend', dimension: { name: 'channel', value: s.group }, values: s.values.map((v) => v ?? 0) });
        }
      }
      const stock = catalog.get('inventory_level');
      if (stock) {
        const inWeek = (i: number) => target.dates[i]! >= isoDay(span.from);
        const ranOut = (await dailySeriesIn(tx, stock, from, span.to, 'sku')).series
          .filter((s) => s.group && s.values.some((v, i) => inWeek(i) && v === 0))
          .slice(0, MAX_SKUS);
        for (const s of ranOut) {
          candidates.push({ name: `${s.group} stock`, metric: 'inventory_level', dimension: { name: 'sku', value: s.group! }, values: s.values });
          outOfStock.push({ sku: s.group!, days: s.values.filter((v, i) => inWeek(i) && v === 0).length });
        }
      }
      return { target, identity, breakdown, candidates };
    });

    const period = { from: isoDay(span.from), to: isoDay(span.to) };
    const comparisonPeriod = { from: isoDay(comparison.from), to: isoDay(comparison.to), kind: 'previous_period' as const };
    const { estimateId, result } = await runExplain<Explained>(ctx, {
      meta: { createdBy: ctx.userId, inputs: { source: 'coach', metric: metric.name, period, comparison: comparisonPeriod } },
      metric: metric.name,
      label: metric.label,
      unit: metric.unit,
      aggregation: metric.aggregation,
      period,
      comparison: comparisonPeriod,
      dates: target.dates,
      target: target.values,
      ...(identity ? { identity } : {}),
      ...(breakdown ? { breakdown } : {}),
      candidates,
    });

    const fmt = amountFormat(metric.unit);
    const verb = result.change < 0 ? 'fell' : 'rose';
    const findings: Finding[] = [
      {
        template: `${metric.label} ${verb} {pct} in week ${week} (${period.from} to ${period.to}): {after} against {before} the week before, a change of {change}.`,
        values: {
          pct: { value: Math.abs(result.percent ?? 0) / 100, format: 'percent' },
          after: { value: result.after, format: fmt },
          before: { value: result.before, format: fmt },
          change: { value: result.change, format: fmt },
        },
      },
    ];
    for (const d of result.decompositions) {
      const top = [...d.contributions].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution)).slice(0, 3);
      if (!top.length) continue;
      findings.push({
        template: `${splitName(d.by)}: ${top.map((_, i) => `${top[i]!.driver} {c${i}}`).join(', ')}.`,
        values: Object.fromEntries(top.map((c, i) => [`c${i}`, { value: c.contribution, format: fmt }])),
      });
    }
    const causes = result.candidates.filter((c) => c.verdict === 'likely cause').slice(0, 3);
    for (const c of causes) {
      const values = { before: { value: c.before, format: 'decimal' as const, digits: 1 }, after: { value: c.after, format: 'decimal' as const, digits: 1 } };
      findings.push(
        c.dimension?.name === 'sku'
          ? { template: `A likely cause: ${c.dimension.value} ran out; its stock averaged {before} units the week before and {after} in week ${week}.`, values }
          : { template: `A likely cause: ${describe(c)} went from {before} to {after} a day.`, values },
      );
    }
    if (!causes.length) findings.push({ template: 'None of the other tracked numbers moved in a way that explains it; the cause may be something the data does not record.' });
    const cards: ToolCard[] = [{ tool: 'explain_change', title: `Why ${metric.label.toLowerCase()} ${verb} in week ${week}`, citation: { kind: 'causal_estimate', id: estimateId, label: 'driver decomposition and cause screening (evidence engine)' }, findings }];
    if (outOfStock.length) {
      // What the stock counts show, whatever the screening concluded: a fact the owner can check.
      cards.push({
        tool: 'explain_change',
        title: `Items out of stock in week ${week}`,
        citation: metricQueryCitation(`Inventory level by item, week ${week}`, { metric: 'inventory_level', from: period.from, to: period.to, bucket: 'day', groupBy: 'sku' }),
        findings: outOfStock
          .sort((a, b) => b.days - a.days)
          .slice(0, 5)
          .map((o) => ({ template: `${o.sku} was out of stock on {days} of the 7 days.`, values: { days: { value: o.days, format: 'count' as const } } })),
      });
    }
    return {
      cards,
      data: { estimateId, week, period },
    };
  },
};

/** "orders × average ticket" → "Orders against average ticket"; "category_revenue by category" → "By category". */
function splitName(by: string): string {
  const dimension = / by (\w+)$/.exec(by);
  if (dimension) return `By ${dimension[1]}`;
  const [first, second] = by.split(' × ');
  return second ? `Split into ${first} and ${second}` : by;
}

function describe(c: Explained['candidates'][number]): string {
  if (c.dimension) return `${c.metric.replace(/_/g, ' ')} (${c.dimension.value})`;
  return c.metric.replace(/_/g, ' ');
}
