import { describe, expect, it } from 'vitest';
import { assessSmart } from './smart';
import { daily, flat, line, noon, refunds, revenue } from './test-helpers';
import type { CriterionResult, GoalDraft, MetricInfo } from './types';

// 180 days, 100 on 1 Jan 2026 rising by 1 a day: 279 on 29 Jun 2026.
const rising = daily('2026-01-01', line(180, 100, 1));
const now = noon('2026-06-30');

const base: GoalDraft = {
  title: 'Grow daily revenue this summer',
  metric: 'revenue',
  targetValue: 300,
  unit: '$',
  measure: 'level',
  startDate: '2026-06-30',
  deadline: '2026-07-29', // 30 days counting both ends = 1 month
  area: 'sales',
};

function check(draft: GoalDraft, metric: MetricInfo | null = revenue, history = rising) {
  return assessSmart(draft, { metric, history, now });
}
function pick(draft: GoalDraft, name: CriterionResult['criterion'], metric: MetricInfo | null = revenue, history = rising) {
  const found = check(draft, metric, history).criteria.find((c) => c.criterion === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('assessSmart', () => {
  it('passes a sound goal and lists all five criteria in S-M-A-R-T order', () => {
    const result = check(base);
    expect(result.criteria.map((c) => c.criterion)).toEqual(['specific', 'measurable', 'achievable', 'relevant', 'time_bound']);
    expect(result.criteria.map((c) => c.verdict)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(result.verdict).toBe('pass');
  });

  it('takes the worst verdict of the five', () => {
    expect(check({ ...base, area: undefined }).verdict).toBe('warn');
    expect(check({ ...base, area: undefined, deadline: undefined }).verdict).toBe('fail');
  });

  describe('specific', () => {
    it('names the metric and the direction when it passes', () => {
      const c = pick(base, 'specific');
      expect(c.verdict).toBe('pass');
      expect(c.message).toBe('This goal aims to raise revenue.');
    });
    it('fails for a metric we do not track', () => {
      const c = pick({ ...base, metric: 'vibes' }, 'specific', null);
      expect(c.verdict).toBe('fail');
      expect(c.message).toContain('"vibes"');
    });
    it('fails for an empty title and warns for a vague one', () => {
      expect(pick({ ...base, title: '   ' }, 'specific').verdict).toBe('fail');
      expect(pick({ ...base, title: 'More money' }, 'specific').verdict).toBe('warn');
    });
    it('warns when the direction goes against the metric', () => {
      const c = pick({ ...base, direction: 'down' }, 'specific');
      expect(c.verdict).toBe('warn');
      expect(c.message).toBe('You aim to lower revenue; revenue is normally better higher — is that intended?');
    });
  });

  describe('measurable', () => {
    it('passes with a finite target in the metric unit', () => {
      const c = pick(base, 'measurable');
      expect(c.verdict).toBe('pass');
      expect(c.message).toBe('Progress is the level at the deadline of revenue, against a target of $300.');
    });
    it('fails without a finite target', () => {
      expect(pick({ ...base, targetValue: undefined }, 'measurable').verdict).toBe('fail');
      expect(pick({ ...base, targetValue: Number.NaN }, 'measurable').verdict).toBe('fail');
      expect(pick({ ...base, targetValue: Infinity }, 'measurable').verdict).toBe('fail');
    });
    it('fails when the unit differs from the metric unit, ignoring case and blanks', () => {
      expect(pick({ ...base, unit: '€' }, 'measurable').verdict).toBe('fail');
      expect(pick({ ...base, unit: ' $ ' }, 'measurable').verdict).toBe('pass');
      expect(pick({ ...base, unit: undefined }, 'measurable').verdict).toBe('pass');
    });
    it('warns for a zero or negative target on a summed metric', () => {
      expect(pick({ ...base, targetValue: 0 }, 'measurable').verdict).toBe('warn');
      expect(pick({ ...base, targetValue: 0 }, 'measurable', { ...revenue, aggregation: 'last' }).verdict).toBe('pass');
    });
    it('warns when an average is added up as a total', () => {
      const aov: MetricInfo = { ...revenue, name: 'aov', label: 'AOV', aggregation: 'avg' };
      expect(pick({ ...base, measure: 'total' }, 'measurable', aov).verdict).toBe('warn');
      expect(pick({ ...base, measure: 'daily_average' }, 'measurable', aov).verdict).toBe('pass');
    });
  });

  describe('achievable', () => {
    // Best 90-day run: days 91–180 averaged 234.5 against 144.5 for days 1–90,
    // a ratio of 234.5/144.5 over 3 months = cbrt(1.6228) − 1 = 17.5% a month.
    const best = (Math.cbrt(234.5 / 144.5) - 1) * 100;

    it('passes when the monthly growth needed is below the best run so far', () => {
      const c = pick(base, 'achievable');
      expect(c.verdict).toBe('pass');
      // 279 → 300 in one month: 300/279 − 1 = 7.53%.
      expect(c.evidence).toMatchObject({ baseline: 279, target: 300, periodDays: 30, months: 1, requiredMonthlyGrowthPct: 7.5, bestWindowDays: 90, historyDays: 180 });
      expect(c.evidence?.bestMonthlyGrowthPct).toBeCloseTo(best, 1);
      expect(c.evidence?.bestMonthlyGrowthPct).toBe(17.5);
    });

    it('warns, with both numbers, when the target needs more than the best run', () => {
      const c = pick({ ...base, targetValue: 400 }, 'achievable');
      expect(c.verdict).toBe('warn');
      // 400/279 − 1 = 43.4% in a month. Swing over the last 90 days (190…279): sd √(8099/12) = 25.98
      // over mean 234.5 = 11.1%.
      expect(c.evidence?.requiredMonthlyGrowthPct).toBe(43.4);
      expect(c.message).toBe('On 29 Jun 2026, revenue stood at $279. Reaching $400 means growing 43.4% a month, faster than your best run so far (growing 17.5% a month over 90 days). Day to day it swings by about 11.1%. Possible, but it would take a change you have not made before; plan what that is.');
    });

    it('reads a total against the recent daily rate times the goal length', () => {
      // Flat 100 a day for 120 days; a 60-day goal → baseline 100 × 60 = 6,000 from the last 28 days.
      const history = daily('2026-03-01', flat(120, 100)); // last day 28 Jun
      const draft: GoalDraft = { ...base, measure: 'total', startDate: '2026-06-29', deadline: '2026-08-27', targetValue: 6000 };
      const same = pick(draft, 'achievable', revenue, history);
      expect(same.verdict).toBe('pass');
      expect(same.message).toBe('At the pace of the last 28 days, revenue would come to about $6,000 over these 60 days. That already meets the target of $6,000.');
      expect(same.evidence).toMatchObject({ baseline: 6000, baselineWindowDays: 28, periodDays: 60, requiredMonthlyGrowthPct: 0, bestMonthlyGrowthPct: 0, bestWindowDays: 28 });
      // 6,600 is 10% more over 2 months: 1.1^(1/2) − 1 = 4.88% a month, never done before.
      const more = pick({ ...draft, targetValue: 6600 }, 'achievable', revenue, history);
      expect(more.verdict).toBe('warn');
      expect(more.evidence?.requiredMonthlyGrowthPct).toBe(4.9);
      expect(more.message).toContain('no stretch where revenue grew like that');
    });

    it('reads a goal longer than 90 days against the last 90 days', () => {
      // Rising series, 100-day goal: last 90 days average (190 + 279) / 2 = 234.5, × 100 days.
      const c = pick({ ...base, measure: 'total', deadline: '2026-10-07', targetValue: 30000 }, 'achievable');
      expect(c.evidence).toMatchObject({ baseline: 23450, baselineWindowDays: 90, periodDays: 100 });
    });

    it('reads a daily average against the last 28 days', () => {
      // Days 153–180 of the rising series average (252 + 279) / 2 = 265.5.
      const c = pick({ ...base, measure: 'daily_average', targetValue: 280 }, 'achievable');
      expect(c.evidence?.baseline).toBe(265.5);
      expect(c.evidence?.baselineWindowDays).toBe(28);
      // 280/265.5 − 1 = 5.46% in one month.
      expect(c.evidence?.requiredMonthlyGrowthPct).toBe(5.5);
      expect(c.verdict).toBe('pass');
    });

    it('judges a "down" goal against the best sustained fall', () => {
      // Refunds fall from 300 to 121 over 180 days. Best 90-day run: 165.5 against 255.5,
      // cbrt(0.6477) − 1 = −13.5% a month.
      const falling = daily('2026-01-01', line(180, 300, -1));
      const reachable = pick({ ...base, title: 'Cut daily refunds down', metric: 'refunds', targetValue: 110, area: 'finance' }, 'achievable', refunds, falling);
      // 110/121 − 1 = −9.1% a month: less than the −13.5% already managed.
      expect(reachable.verdict).toBe('pass');
      expect(reachable.evidence).toMatchObject({ baseline: 121, requiredMonthlyGrowthPct: -9.1, bestMonthlyGrowthPct: -13.5 });
      expect(reachable.message).toBe('On 29 Jun 2026, refunds stood at $121. Reaching $110 means falling 9.1% a month; your best run so far was falling 13.5% a month over 90 days, so this is within reach.');
      const steep = pick({ ...base, metric: 'refunds', targetValue: 80 }, 'achievable', refunds, falling);
      expect(steep.verdict).toBe('warn'); // 80/121 − 1 = −33.9%
      expect(steep.evidence?.requiredMonthlyGrowthPct).toBe(-33.9);
    });

    it('warns when the change cannot be read as a growth rate', () => {
      const falling = daily('2026-01-01', line(180, 300, -1));
      const c = pick({ ...base, metric: 'refunds', targetValue: 0 }, 'achievable', refunds, falling);
      expect(c.verdict).toBe('warn');
      expect(c.message).toBe("Taking refunds from about $121 to $0 can't be measured as a growth rate, so history can't tell us how realistic it is.");
    });

    it('warns when there is less than 56 days of history', () => {
      const short = daily('2026-05-31', flat(30, 100));
      const c = pick(base, 'achievable', revenue, short);
      expect(c.verdict).toBe('warn');
      expect(c.message).toContain('(30 days; we need at least 56)');
      expect(c.evidence).toEqual({ historyDays: 30 });
    });

    it('fails a negative target for a sum of amounts that were never negative', () => {
      const c = pick({ ...base, targetValue: -50 }, 'achievable');
      expect(c.verdict).toBe('fail');
      expect(pick({ ...base, targetValue: -50 }, 'achievable', revenue, daily('2026-01-01', [5, -3, ...line(178, 100, 1)])).verdict).toBe('warn');
    });

    it('ignores history from the start date on', () => {
      const withFuture = [...rising, ...daily('2026-06-30', flat(10, 5000))];
      expect(pick(base, 'achievable', revenue, withFuture).evidence?.baseline).toBe(279);
    });
  });

  describe('relevant', () => {
    it('passes when the area matches the metric', () => {
      expect(pick(base, 'relevant').verdict).toBe('pass');
    });
    it('warns when the area is missing and says which one it inferred', () => {
      const c = pick({ ...base, area: undefined }, 'relevant');
      expect(c.verdict).toBe('warn');
      expect(c.message).toContain('filed the goal under sales');
      expect(c.evidence).toEqual({ metricArea: 'sales', area: 'sales' });
    });
    it('warns when the area differs', () => {
      const c = pick({ ...base, area: 'marketing' }, 'relevant');
      expect(c.verdict).toBe('warn');
      expect(c.message).toContain('revenue is a sales number');
    });
  });

  describe('time_bound', () => {
    it('passes and states the length', () => {
      const c = pick(base, 'time_bound');
      expect(c.verdict).toBe('pass');
      expect(c.message).toBe('The goal runs 30 days, from 30 Jun 2026 to 29 Jul 2026.');
    });
    it('fails without a deadline, with a deadline not after today, or before the start', () => {
      expect(pick({ ...base, deadline: undefined }, 'time_bound').verdict).toBe('fail');
      expect(pick({ ...base, deadline: '2026-06-30' }, 'time_bound').verdict).toBe('fail'); // today
      expect(pick({ ...base, deadline: '2026-02-30' }, 'time_bound').verdict).toBe('fail'); // no such day
      const beforeStart = pick({ ...base, startDate: '2026-08-01', deadline: '2026-07-15' }, 'time_bound');
      expect(beforeStart.verdict).toBe('fail');
      expect(beforeStart.message).toContain('must come after the start date');
    });
    it('warns for under 7 days or over 2 years', () => {
      expect(pick({ ...base, deadline: '2026-07-05' }, 'time_bound').verdict).toBe('warn'); // 6 days
      expect(pick({ ...base, deadline: '2026-07-06' }, 'time_bound').verdict).toBe('pass'); // 7 days
      expect(pick({ ...base, deadline: '2028-06-29' }, 'time_bound').verdict).toBe('pass'); // 731 days
      expect(pick({ ...base, deadline: '2028-06-30' }, 'time_bound').verdict).toBe('warn'); // 732 days
    });
  });
});
