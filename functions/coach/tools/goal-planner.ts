import { ne } from 'drizzle-orm';
import { z } from 'zod';
import { smartGoals } from '@dyocense/db';
import { withTenant } from '@dyocense/core';
import { assessSmart, suggestGoals, type GoalDraft } from '@dyocense/goals';
import type { Finding, ToolCard } from '@dyocense/llm';
import type { CoachTool } from './context';
import { ToolRefusal } from './context';
import { catalogOf, dailyValues, metricQueryCitation } from './data';
import { addDays, dayStart, isoDay } from './dates';
import { amountFormat } from './format';

const HISTORY_DAYS = 365;
const RECENT_DAYS = 56;
/** Steps offered when the owner names a direction but no number: modest, stretch. */
const STEPS = [0.05, 0.1];
const PERIOD_DAYS = 90;

const args = z.object({ metric: z.string().min(1).max(60).default('revenue') });

/** Three significant figures: a target people remember. */
const roundTarget = (v: number) => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(3)));

/**
 * "I want to grow revenue": SMART goal drafts from the business's own recent level, each run
 * through the goals validator and offered for one-click creation (POST /api/goals).
 */
export const goalPlannerTool: CoachTool<z.infer<typeof args>> = {
  name: 'goal_planner',
  description: 'Draft SMART goals for a metric the owner wants to improve, checked by the SMART validator, ready to create.',
  args,
  parameters: { type: 'object', properties: { metric: { type: 'string', description: 'metric to improve, e.g. revenue' } } },
  async run(ctx, a) {
    const catalog = await catalogOf(ctx);
    const metric = catalog.get(a.metric);
    if (!metric) throw new ToolRefusal(`There is no metric called "${a.metric}".`);
    const today = dayStart(ctx.now);
    const yesterday = addDays(today, -1);
    const history = await dailyValues(ctx, metric, addDays(yesterday, -(HISTORY_DAYS - 1)), yesterday);
    const points = history.dates.flatMap((date, i) => (history.values[i] === null ? [] : [{ date, value: history.values[i]! }]));
    const recent = points.slice(-RECENT_DAYS);
    if (recent.length < 28) throw new ToolRefusal(`There are fewer than 4 weeks of ${metric.label.toLowerCase()} to base a goal on.`);
    const recentAvg = recent.reduce((s, p) => s + p.value, 0) / recent.length;
    const sign = metric.direction === 'up' ? 1 : -1;
    const startDate = isoDay(today);
    const deadline = isoDay(addDays(today, PERIOD_DAYS - 1));

    const drafts: (GoalDraft & { reason: string })[] = STEPS.map((step) => ({
      title: `${metric.direction === 'up' ? 'Raise' : 'Lower'} ${metric.label.toLowerCase()} to ${roundTarget(recentAvg * (1 + sign * step))} a day`,
      metric: metric.name,
      direction: metric.direction,
      measure: 'daily_average' as const,
      targetValue: roundTarget(recentAvg * (1 + sign * step)),
      unit: metric.unit,
      area: metric.area,
      startDate,
      deadline,
      reason: `${Math.round(step * 100)}% ${metric.direction === 'up' ? 'above' : 'below'} the last 8 weeks`,
    }));
    const taken = await withTenant(ctx.runtime.db, ctx.tenantId, (tx) => tx.selectDistinct({ metric: smartGoals.metric }).from(smartGoals).where(ne(smartGoals.status, 'archived')));
    const suggested = suggestGoals({ metrics: [{ info: metric, history: points }], now: ctx.now, existingGoalMetrics: taken.map((t) => t.metric).filter((m) => m !== metric.name) });
    for (const s of suggested) drafts.unshift({ ...s, unit: metric.unit, reason: s.reason });

    const fmt = amountFormat(metric.unit);
    const findings: Finding[] = [
      { template: `${metric.label} averaged {avg} a day over the last 8 weeks.`, values: { avg: { value: recentAvg, format: fmt } } },
    ];
    const actions: NonNullable<ToolCard['actions']> = [];
    for (const draft of drafts) {
      const assessment = assessSmart(draft, { metric, history: points, now: ctx.now });
      if (assessment.verdict === 'fail') continue;
      const achievable = assessment.criteria.find((c) => c.criterion === 'achievable');
      findings.push({
        template: `Goal idea: {target} a day by ${draft.deadline} (${draft.reason}); SMART check: ${assessment.verdict}${achievable?.verdict === 'warn' ? ', ambitious against history' : ''}.`,
        values: { target: { value: draft.targetValue!, format: fmt } },
      });
      const { reason: _reason, ...body } = draft;
      actions.push({ label: `Create: ${draft.title}`, method: 'POST', path: '/api/goals', body });
    }
    return {
      cards: [{ tool: 'goal_planner', title: `Goal ideas for ${metric.label.toLowerCase()}`, citation: metricQueryCitation(`${metric.label}, last ${RECENT_DAYS} days`, { metric: metric.name, from: recent[0]!.date, to: recent.at(-1)!.date, bucket: 'day' }), findings, actions }],
      data: { drafts: actions.length },
    };
  },
};
