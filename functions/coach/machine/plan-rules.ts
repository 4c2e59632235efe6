import type { Entities, Intent } from './classify-rules';
import { addDays, isoDay, resolveDay, WEEKDAYS } from '../tools/dates';

export interface PlannedCall {
  tool: string;
  args: Record<string, unknown>;
}

/** The tool calls that answer an intent; order matters (staffing reads the forecast before it). */
export function planFor(intent: Intent, e: Entities, ctx: { now: Date; openGoals: number }): PlannedCall[] {
  const day = e.day ? (/^\d{4}-/.test(e.day) ? e.day : isoDay(resolveDay(e.day, ctx.now)!)) : undefined;
  switch (intent) {
    case 'explain_change':
      return [{ tool: 'explain_change', args: { metric: e.metric ?? 'revenue', ...(e.week ? { week: e.week } : {}) } }];
    case 'staffing': {
      // Schedules are for days ahead, as on the Plans page: "Friday" asked on a Friday is next week's.
      const weekday = !!e.day && (WEEKDAYS as readonly string[]).includes(e.day.toLowerCase());
      const today = isoDay(resolveDay('today', ctx.now)!);
      const target = day === undefined ? isoDay(resolveDay('tomorrow', ctx.now)!) : weekday && day === today ? isoDay(addDays(new Date(`${day}T00:00:00Z`), 7)) : day;
      return [
        { tool: 'forecast', args: { metric: 'orders', day: target, horizonDays: 7 } },
        { tool: 'staffing', args: { day: target } },
      ];
    }
    case 'reorder':
      return [{ tool: 'reorder', args: {} }];
    case 'goal_progress':
      return ctx.openGoals > 0 ? [{ tool: 'goal_progress', args: {} }] : [{ tool: 'goal_planner', args: { metric: e.metric ?? 'revenue' } }];
    case 'goal_plan':
      return [{ tool: 'goal_planner', args: { metric: e.metric ?? 'revenue' } }];
    case 'forecast':
      return [{ tool: 'forecast', args: { metric: e.metric ?? 'revenue', ...(day ? { day } : {}), horizonDays: 7 } }];
    case 'metric_lookup':
      return [{ tool: 'metrics_query', args: { metric: e.metric ?? 'revenue' } }];
    case 'unknown':
      return [];
  }
}

/** When nothing else applies: how the business has been doing lately. */
export const OVERVIEW: PlannedCall[] = [
  { tool: 'metrics_query', args: { metric: 'revenue' } },
  { tool: 'metrics_query', args: { metric: 'orders' } },
];
