import { describe, expect, it } from 'vitest';
import { computeProgress, type GoalForProgress } from './progress';
import { daily, flat, line, noon, refunds, revenue } from './test-helpers';

// March 2026, 1st to 30th: 30 days counting both ends.
const sales: GoalForProgress = {
  metric: revenue, direction: 'up', targetValue: 3000, measure: 'total',
  startDate: '2026-03-01', deadline: '2026-03-30', baselineValue: 2700,
};

describe('computeProgress — totals', () => {
  it('flags a total that is falling behind and says what is needed per day', () => {
    // 90 a day; on 11 Mar ten full days are in (today's partial figure is ignored).
    const history = daily('2026-03-01', [...flat(10, 90), 5]);
    const p = computeProgress(sales, history, noon('2026-03-11'));
    expect(p.currentValue).toBe(900);
    expect(p.percentToTarget).toBe(30);        // 900 / 3000
    expect(p.elapsedFraction).toBeCloseTo(1 / 3, 10); // 10 of 30 days
    expect(p.paceSoFar).toBe(90);
    expect(p.paceNeeded).toBe(105);            // (3000 − 900) / 20
    expect(p.projectedValue).toBe(2700);       // 900 + 90 × 20
    expect(p.onTrack).toBe(false);
    expect(p.status).toBe('in_progress');
    expect(p.message).toBe('Revenue so far: $900 of $3,000 (30%), with 33.3% of the time gone. At $90 a day you would end near $2,700 by 30 Mar 2026; $105 a day from here would reach the target.');
  });

  it('is on track when the pace reaches the target exactly', () => {
    const p = computeProgress(sales, daily('2026-03-01', flat(10, 100)), noon('2026-03-11'));
    expect(p.projectedValue).toBe(3000);
    expect(p.onTrack).toBe(true);
  });

  it('completes once the running total reaches the target, before the deadline', () => {
    // 150 a day: 3,000 after 20 days; on 25 Mar 24 days are in = 3,600.
    const p = computeProgress(sales, daily('2026-03-01', flat(24, 150)), noon('2026-03-25'));
    expect(p.status).toBe('completed');
    expect(p.currentValue).toBe(3600);
    expect(p.percentToTarget).toBe(120);
    expect(p.onTrack).toBe(true);
    expect(p.paceNeeded).toBe(0);
    expect(p.message).toBe('Done: revenue reached $3,600, past your target of $3,000.');
  });

  it('is missed when the deadline passes short of the target, and ignores days after it', () => {
    const history = daily('2026-03-01', [...flat(30, 90), 9999]); // 31 Mar is outside the goal
    const p = computeProgress(sales, history, noon('2026-04-02'));
    expect(p.status).toBe('missed');
    expect(p.currentValue).toBe(2700);
    expect(p.percentToTarget).toBe(90);
    expect(p.elapsedFraction).toBe(1);
    expect(p.onTrack).toBe(false);
    expect(p.message).toBe('The deadline (30 Mar 2026) has passed: revenue ended at $2,700 against a target of $3,000 (90% of the way).');
  });

  it('projects the baseline before the first full day', () => {
    const p = computeProgress(sales, [], noon('2026-03-01'));
    expect(p).toMatchObject({ currentValue: 0, elapsedFraction: 0, paceSoFar: 0, projectedValue: 2700, onTrack: false, status: 'in_progress' });
    expect(p.paceNeeded).toBe(100); // 3000 / 30
  });
});

describe('computeProgress — "down" goals', () => {
  const limit: GoalForProgress = { ...sales, metric: refunds, direction: 'down', targetValue: 600, baselineValue: 750 };

  it('keeps a limit on a total in progress while under it, and completes it at the deadline', () => {
    const early = computeProgress(limit, daily('2026-03-01', flat(10, 15)), noon('2026-03-11'));
    expect(early).toMatchObject({ currentValue: 150, percentToTarget: 25, projectedValue: 450, onTrack: true, status: 'in_progress' });
    expect(early.paceNeeded).toBe(22.5); // (600 − 150) / 20 still allowed per day
    expect(early.message).toContain('within the limit');
    const done = computeProgress(limit, daily('2026-03-01', flat(30, 15)), noon('2026-03-31'));
    expect(done.status).toBe('completed');
    expect(done.message).toBe('Done: refunds came to $450 over the goal, within your limit of $600.');
  });

  it('misses a limit on a total as soon as it is passed', () => {
    const p = computeProgress(limit, daily('2026-03-01', flat(25, 25)), noon('2026-03-26'));
    expect(p.currentValue).toBe(625);
    expect(p.status).toBe('missed');
    expect(p.onTrack).toBe(false);
    expect(p.message).toBe('Refunds reached $625, past your limit of $600 for the period ending 30 Mar 2026.');
  });

  const level: GoalForProgress = { ...limit, measure: 'level', targetValue: 30, baselineValue: 50 };

  it('measures a level from the baseline down to the target', () => {
    // Refunds 48, 46, 44, 42, 40 on 1–5 Mar.
    const p = computeProgress(level, daily('2026-03-01', line(5, 48, -2)), noon('2026-03-06'));
    expect(p.currentValue).toBe(40);
    expect(p.percentToTarget).toBe(50);        // (40 − 50) / (30 − 50)
    expect(p.elapsedFraction).toBeCloseTo(5 / 30, 10);
    expect(p.paceSoFar).toBe(-2);              // (40 − 50) / 5
    expect(p.paceNeeded).toBe(-0.4);           // (30 − 40) / 25
    expect(p.projectedValue).toBe(0);          // 40 − 2 × 25 = −10, but refunds stop at 0
    expect(p.onTrack).toBe(true);
    expect(p.status).toBe('in_progress');
    expect(p.message).toBe('Refunds now: $40, from $50 at the start (target $30): 50% of the way, with 16.7% of the time gone. At this pace it would be about $0 by 30 Mar 2026, on course for the target.');
  });

  it('completes a level goal once the latest value is at or past the target', () => {
    const p = computeProgress(level, daily('2026-03-01', line(10, 48, -2)), noon('2026-03-11')); // ends at 30
    expect(p.currentValue).toBe(30);
    expect(p.status).toBe('completed');
    expect(p.percentToTarget).toBe(100);
  });

  it('misses a level goal that ends above the target', () => {
    const p = computeProgress(level, daily('2026-03-01', flat(30, 45)), noon('2026-04-01'));
    expect(p.status).toBe('missed');
    expect(p.percentToTarget).toBe(25); // (45 − 50) / (30 − 50)
  });
});

describe('computeProgress — daily averages', () => {
  const avg: GoalForProgress = { ...sales, measure: 'daily_average', targetValue: 110, baselineValue: 100 };

  it('counts a day with no sales as zero for a summed metric', () => {
    // 100 on 1, 2 and 4 Mar, nothing on 3 Mar: 300 over 4 days = 75 a day.
    const history = [{ date: '2026-03-01', value: 100 }, { date: '2026-03-02', value: 100 }, { date: '2026-03-04', value: 100 }];
    const p = computeProgress(avg, history, noon('2026-03-05'));
    expect(p.currentValue).toBe(75);
    expect(p.percentToTarget).toBe(0); // below the baseline
    expect(p.onTrack).toBe(false);
  });

  it('stays in progress above target until the deadline, then completes or misses', () => {
    const above = daily('2026-03-01', flat(30, 120));
    expect(computeProgress(avg, above.slice(0, 10), noon('2026-03-11')).status).toBe('in_progress');
    const done = computeProgress(avg, above, noon('2026-03-31'));
    expect(done.status).toBe('completed');
    expect(done.percentToTarget).toBe(200); // (120 − 100) / (110 − 100)
    expect(computeProgress(avg, daily('2026-03-01', flat(30, 105)), noon('2026-03-31')).status).toBe('missed');
  });
});

it('rejects a goal whose deadline comes before its start', () => {
  expect(() => computeProgress({ ...sales, deadline: '2026-02-01' }, [], noon('2026-03-01'))).toThrow(RangeError);
});
