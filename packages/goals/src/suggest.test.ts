import { describe, expect, it } from 'vitest';
import { assessSmart } from './smart';
import { roundTarget, suggestGoals, type SuggestInput } from './suggest';
import { covers, daily, flat, labourCost, noon, revenue } from './test-helpers';
import type { MetricInfo } from './types';

// 112 days from 1 Jan 2026 (last day 22 Apr); suggestions are made on 23 Apr.
const now = noon('2026-04-23');
const first = '2026-01-01';
/** 8 weeks at `before` a day, then 8 weeks at `after`. */
const step = (before: number, after: number) => daily(first, [...flat(56, before), ...flat(56, after)]);

const cafe: SuggestInput = {
  now,
  existingGoalMetrics: [],
  metrics: [
    { info: revenue, history: step(1000, 800) },   // sales down 20%
    { info: labourCost, history: step(300, 330) },  // wages up 10% while sales fell
    { info: covers, history: step(50, 50) },        // steady
  ],
};

describe('suggestGoals', () => {
  it('suggests fixes for what moved the wrong way, biggest first', () => {
    const list = suggestGoals(cafe);
    expect(list.map((s) => s.metric)).toEqual(['labour_cost', 'revenue']);
    const [wages, sales] = list;
    // Labour cost was 300 / 1000 = 30% of revenue; at that share of today's 800 it is 240.
    expect(wages).toMatchObject({
      title: 'Hold labour cost to $240 a day', direction: 'down', measure: 'daily_average', targetValue: 240,
      startDate: '2026-04-23', deadline: '2026-06-17', area: 'operations',
      evidence: { costChangePct: 10, revenueChangePct: -20, earlierSharePct: 30, recentDailyAverage: 330 },
    });
    expect(wages?.reason).toBe('Over the last 8 weeks labour cost rose 10.0% while revenue fell 20.0%, so it now takes a bigger slice of every sale. At its earlier share (30.0% of revenue) it would be $240 a day.');
    expect(sales).toMatchObject({
      title: 'Bring revenue back to $1,000 a day', direction: 'up', measure: 'daily_average', targetValue: 1000,
      evidence: { recentDailyAverage: 800, priorDailyAverage: 1000, changePct: -20 },
    });
    expect(sales?.reason).toBe('Over the last 8 weeks revenue averaged $800 a day, 20.0% less than the 8 weeks before ($1,000 a day) — more than the usual week-to-week swing. Getting back to $1,000 a day over the next 8 weeks undoes that.');
  });

  it('skips metrics that already have a goal', () => {
    expect(suggestGoals({ ...cafe, existingGoalMetrics: ['labour_cost'] }).map((s) => s.metric)).toEqual(['revenue']);
  });

  it('ignores a change smaller than the week-to-week swing', () => {
    // Weeks alternate 900 and 1100 a day; the last 8 weeks average 1000 − 60 = 940, 6% down,
    // but weekly means swing by ±100, so the change is within noise (t ≈ 1.1).
    const weeks = (shift: number) => Array.from({ length: 8 }, (_, w) => flat(7, (w % 2 ? 900 : 1100) - shift)).flat();
    const noisy = daily(first, [...weeks(0), ...weeks(60)]);
    expect(suggestGoals({ now, existingGoalMetrics: [], metrics: [{ info: revenue, history: noisy }] })).toEqual([]);
  });

  it('suggests closing half the gap to the best month', () => {
    // Covers: 100 a day, except 150 a day for the 4 weeks 29 Jan – 25 Feb; 140 days to 20 May.
    const history = daily(first, [...flat(28, 100), ...flat(28, 150), ...flat(84, 100)]);
    const [s] = suggestGoals({ now: noon('2026-05-21'), existingGoalMetrics: [], metrics: [{ info: covers, history }] });
    // Best month beats the 8-week trend (−20%): gap (150 − 100) / 150 = 33.3%; halfway is 125.
    expect(s).toMatchObject({
      title: 'Lift covers to 125 covers a day', targetValue: 125, measure: 'daily_average', deadline: '2026-08-18',
      evidence: { recentDailyAverage: 100, bestDailyAverage: 150, bestPeriodEnd: '2026-02-25', gapPct: 33.3 },
    });
  });

  it('returns at most five, ordered by the size of the problem, whatever the input order', () => {
    const drops = [10, 40, 20, 35, 25, 30, 15];
    const metrics = drops.map((drop, i) => ({
      info: { ...revenue, name: `sales_${i}`, label: `Sales line ${i}` } satisfies MetricInfo,
      history: step(1000, 1000 - drop * 10),
    }));
    const list = suggestGoals({ now, existingGoalMetrics: [], metrics });
    expect(list.map((s) => s.metric)).toEqual(['sales_1', 'sales_3', 'sales_5', 'sales_4', 'sales_2']);
    expect(suggestGoals({ now, existingGoalMetrics: [], metrics: [...metrics].reverse() })).toEqual(list);
  });

  it('gives the same answer twice and only goals that pass or warn on SMART', () => {
    const a = suggestGoals(cafe);
    expect(suggestGoals({ ...cafe, metrics: [...cafe.metrics].reverse() })).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
    for (const s of a) {
      const info = cafe.metrics.find((m) => m.info.name === s.metric);
      const smart = assessSmart({ ...s, unit: info?.info.unit }, { metric: info?.info ?? null, history: info?.history ?? [], now });
      expect(smart.verdict).not.toBe('fail');
      expect(smart.criteria.find((c) => c.criterion === 'specific')?.verdict).toBe('pass');
    }
  });

  it('needs 16 weeks of history before suggesting anything', () => {
    const short = daily('2026-01-02', [...flat(55, 1000), ...flat(56, 500)]); // 111 days
    expect(suggestGoals({ now, existingGoalMetrics: [], metrics: [{ info: revenue, history: short }] })).toEqual([]);
  });
});

describe('roundTarget', () => {
  it('keeps three significant figures', () => {
    expect(roundTarget(1034.57)).toBe(1030);
    expect(roundTarget(12.345)).toBe(12.3);
    expect(roundTarget(0.04567)).toBe(0.0457);
    expect(roundTarget(0)).toBe(0);
  });
});
