import { asc, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { smartGoals } from '@dyocense/db';
import { withTenant } from '@dyocense/core';
import { computeProgress } from '@dyocense/goals';
import type { Finding, ToolCard } from '@dyocense/llm';
import type { CoachTool } from './context';
import { catalogOf, dailyValues } from './data';
import { addDays, dayStart, daysBetween } from './dates';
import { runForecast } from './engine-jobs';
import { amountFormat } from './format';

const MAX_GOALS = 3;
const HISTORY_DAYS = 365;

const args = z.object({});

/**
 * Where each open goal stands (the goals logic's own progress reading) and what the forecast
 * says about the rest of the period: the straight line says one thing, the seasons another.
 */
export const goalProgressTool: CoachTool<z.infer<typeof args>> = {
  name: 'goal_progress',
  description: "Progress on the owner's open goals, the pace needed, and what the forecast says about reaching each by its deadline.",
  args,
  parameters: { type: 'object', properties: {} },
  async run(ctx) {
    const goals = await withTenant(ctx.runtime.db, ctx.tenantId, (tx) =>
      tx.select().from(smartGoals).where(inArray(smartGoals.status, ['created', 'in_progress'])).orderBy(asc(smartGoals.deadline)).limit(MAX_GOALS),
    );
    if (!goals.length) return { cards: [], data: { goals: 0 } };
    const catalog = await catalogOf(ctx);
    const today = dayStart(ctx.now);
    const yesterday = addDays(today, -1);
    const cards: ToolCard[] = [];
    for (const goal of goals) {
      const metric = catalog.get(goal.metric);
      if (!metric) continue;
      const fmt = amountFormat(metric.unit);
      const history = await dailyValues(ctx, metric, addDays(yesterday, -(HISTORY_DAYS - 1)), yesterday);
      const points = history.dates.flatMap((date, i) => (history.values[i] === null ? [] : [{ date, value: history.values[i]! }]));
      const progress = computeProgress({ ...goal, metric }, points, ctx.now);
      const deadline = new Date(`${goal.deadline}T00:00:00Z`);
      const remaining = daysBetween(yesterday, deadline);
      const findings: Finding[] = [
        {
          template: `"${goal.title}": now at {current} against a target of {target} ({percent} of the way), with {elapsed} of the time gone.`,
          values: {
            current: { value: progress.currentValue, format: fmt },
            target: { value: goal.targetValue, format: fmt },
            percent: { value: progress.percentToTarget / 100, format: 'percent', digits: 0 },
            elapsed: { value: progress.elapsedFraction, format: 'percent', digits: 0 },
          },
        },
        {
          template: progress.onTrack ? 'At the pace so far it ends at {projected}: on track.' : 'At the pace so far it ends at {projected}: short of the target.',
          values: { projected: { value: progress.projectedValue, format: fmt } },
        },
      ];
      cards.push({ tool: 'goal_progress', title: goal.title, citation: { kind: 'goal', id: goal.id, label: `goal "${goal.title}"` }, findings });

      if (progress.status !== 'in_progress' || remaining < 1 || goal.measure === 'level') continue;
      const run = await runForecast(ctx, { metric: metric.name, dates: history.dates, values: history.values, horizon: Math.min(remaining, 366) });
      const ahead = run.points.slice(0, remaining);
      const avg = ahead.reduce((s, p) => s + p.mean, 0) / ahead.length;
      const elapsedDays = Math.max(0, daysBetween(new Date(`${goal.startDate}T00:00:00Z`), today));
      const expected = goal.measure === 'total'
        ? progress.currentValue + avg * ahead.length
        : (progress.currentValue * elapsedDays + avg * ahead.length) / Math.max(1, elapsedDays + ahead.length);
      const reaches = goal.direction === 'up' ? expected >= goal.targetValue : expected <= goal.targetValue;
      cards.push({
        tool: 'forecast',
        title: `${metric.label} forecast to ${goal.deadline}`,
        citation: { kind: 'forecast', id: run.forecastId, label: `${metric.label} forecast (${run.method})` },
        findings: [
          {
            template: `The forecast expects {avg} a day over the remaining {days} days, which ends the goal at about {expected}: ${reaches ? 'the target is within reach' : 'the target would be missed'}.`,
            values: { avg: { value: avg, format: fmt }, days: { value: ahead.length, format: 'count' }, expected: { value: expected, format: fmt } },
          },
          ...(progress.paceNeeded !== 0 && goal.measure === 'total'
            ? [{ template: 'Reaching it needs {needed} a day from here.', values: { needed: { value: progress.paceNeeded, format: fmt } } }]
            : []),
        ],
      });
    }
    return { cards, data: { goals: goals.length } };
  },
};
