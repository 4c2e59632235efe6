import { z } from 'zod';
import type { ToolCard } from '@dyocense/llm';
import type { CoachTool } from './context';
import { dailyValues, metricOf } from './data';
import { addDays, dayStart, isoDay, longDay } from './dates';
import { runForecast } from './engine-jobs';
import { amountFormat } from './format';

const HISTORY_DAYS = 365;

const args = z.object({
  metric: z.string().min(1).max(60).default('revenue'),
  /** The day to read the forecast for (YYYY-MM-DD); defaults to tomorrow. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  horizonDays: z.number().int().min(1).max(90).default(7),
});

/** A daily forecast of one metric from its last year, with 80% ranges; the staffing plan builds on it. */
export const forecastTool: CoachTool<z.infer<typeof args>> = {
  name: 'forecast',
  description: 'Forecast a metric (revenue, orders, …) day by day for the coming days, with 80% ranges.',
  args,
  parameters: {
    type: 'object',
    properties: {
      metric: { type: 'string', description: 'metric name, e.g. revenue or orders' },
      day: { type: 'string', description: 'a day to focus on, YYYY-MM-DD' },
      horizonDays: { type: 'integer', minimum: 1, maximum: 90 },
    },
  },
  async run(ctx, a) {
    const metric = await metricOf(ctx, a.metric);
    const today = dayStart(ctx.now);
    const lastDay = addDays(today, -1);
    const target = a.day ? new Date(`${a.day}T00:00:00Z`) : addDays(today, 1);
    const horizon = Math.max(a.horizonDays, Math.min(90, Math.round((target.getTime() - lastDay.getTime()) / 86_400_000)));
    const { dates, values } = await dailyValues(ctx, metric, addDays(lastDay, -(HISTORY_DAYS - 1)), lastDay);
    const run = await runForecast(ctx, { metric: metric.name, dates, values, horizon });
    const step = run.points.find((p) => p.time?.slice(0, 10) === isoDay(target)) ?? run.points[0]!;
    const fmt = amountFormat(metric.unit);
    const week = run.points.slice(0, 7);
    const findings: ToolCard['findings'] = [
      {
        template: `Forecast for ${metric.label.toLowerCase()} on ${longDay(new Date(step.time ?? target))}: {mean} (80% range {lower} to {upper}).`,
        values: { mean: { value: step.mean, format: fmt }, lower: { value: step.lower['80'] ?? step.mean, format: fmt }, upper: { value: step.upper['80'] ?? step.mean, format: fmt } },
      },
    ];
    if (metric.aggregation === 'sum' && week.length === 7) {
      findings.push({ template: `Over the next 7 days that adds up to about {total}.`, values: { total: { value: week.reduce((s, p) => s + p.mean, 0), format: fmt } } });
    }
    return {
      cards: [{ tool: 'forecast', title: `${metric.label} forecast`, citation: { kind: 'forecast', id: run.forecastId, label: `${metric.label} forecast (${run.method})` }, findings }],
      data: { metric: metric.name, forecastId: run.forecastId, day: isoDay(target), point: step },
    };
  },
};
