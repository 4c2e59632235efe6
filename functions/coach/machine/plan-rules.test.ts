import { describe, expect, it } from 'vitest';
import { planFor } from './plan-rules';

const now = new Date('2026-11-22T10:00:00Z'); // a Sunday

describe('planFor', () => {
  it('reads the forecast before planning staff, for the day named', () => {
    expect(planFor('staffing', { day: 'friday' }, { now, openGoals: 0 })).toEqual([
      { tool: 'forecast', args: { metric: 'orders', day: '2026-11-27', horizonDays: 7 } },
      { tool: 'staffing', args: { day: '2026-11-27' } },
    ]);
  });

  it('plans a weekday named on that same weekday for next week, as the Plans page would', () => {
    const friday = new Date('2026-11-27T10:00:00Z');
    expect(planFor('staffing', { day: 'friday' }, { now: friday, openGoals: 0 }).at(-1)).toEqual({ tool: 'staffing', args: { day: '2026-12-04' } });
    expect(planFor('staffing', {}, { now: friday, openGoals: 0 }).at(-1)).toEqual({ tool: 'staffing', args: { day: '2026-11-28' } });
  });

  it('explains the named week and metric, revenue by default', () => {
    expect(planFor('explain_change', { week: 37 }, { now, openGoals: 0 })).toEqual([{ tool: 'explain_change', args: { metric: 'revenue', week: 37 } }]);
  });

  it('offers goal drafts when asked about goals there are none of', () => {
    expect(planFor('goal_progress', {}, { now, openGoals: 0 })[0]!.tool).toBe('goal_planner');
    expect(planFor('goal_progress', {}, { now, openGoals: 2 })[0]!.tool).toBe('goal_progress');
  });

  it('leaves unknown questions to a model or the overview', () => {
    expect(planFor('unknown', {}, { now, openGoals: 0 })).toEqual([]);
  });
});
