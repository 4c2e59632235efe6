import { z } from 'zod';
import { withTenant } from '@dyocense/core';
import type { Finding } from '@dyocense/llm';
import { queryMetric } from '@dyocense/metrics';
import type { CoachTool } from './context';
import { metricOf, metricQueryCitation } from './data';
import { addDays, dayStart, isoDay } from './dates';
import { amountFormat } from './format';

const args = z.object({
  metric: z.string().min(1).max(60).default('revenue'),
  days: z.number().int().min(7).max(365).default(28),
});

/** A metric over the last N days against the N days before, as GET /api/metrics/query reads it. */
export const metricsQueryTool: CoachTool<z.infer<typeof args>> = {
  name: 'metrics_query',
  description: 'Read a metric over the last N days (default 28) and compare it with the N days before.',
  args,
  parameters: {
    type: 'object',
    properties: { metric: { type: 'string', description: 'metric name, e.g. revenue, orders, labour_cost' }, days: { type: 'integer', minimum: 7, maximum: 365 } },
  },
  async run(ctx, a) {
    const metric = await metricOf(ctx, a.metric);
    const to = dayStart(ctx.now);
    const from = addDays(to, -a.days);
    const result = await withTenant(ctx.runtime.db, ctx.tenantId, (tx) => queryMetric(tx, { metric, from, to, bucket: 'day', compare: 'previous_period' }));
    // As GET /api/metrics/query reads it: `to` as a date is inclusive.
    const query = { metric: metric.name, from: isoDay(from), to: isoDay(addDays(to, -1)), bucket: 'day', compare: 'previous_period' };
    const fmt = amountFormat(metric.unit);
    const what = metric.aggregation === 'sum' ? 'in total' : 'on average';
    const findings: Finding[] = [];
    if (result.total !== null) {
      findings.push({ template: `${metric.label} over the last ${a.days} days: {total} ${what}.`, values: { total: { value: result.total, format: fmt } } });
      const prev = result.comparison?.total ?? null;
      const pct = result.comparison?.change.percent ?? null;
      if (prev !== null && pct !== null) {
        findings.push({
          template: `That is {pct} ${pct < 0 ? 'less' : 'more'} than the ${a.days} days before ({prev}).`,
          values: { pct: { value: Math.abs(pct) / 100, format: 'percent' }, prev: { value: prev, format: fmt } },
        });
      }
    }
    return { cards: [{ tool: 'metrics_query', title: `${metric.label}, last ${a.days} days`, citation: metricQueryCitation(`${metric.label} query`, query), findings }] };
  },
};
