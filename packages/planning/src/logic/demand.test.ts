import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { demandFromHistory, demandFromStoredForecast, hourlyDemand, scaleDemand } from './demand';

// 2026-11-02 is a Monday.
const monday = '2026-11-02';

describe('demandFromHistory', () => {
  it('reads each day off the same weekday of the last 8 weeks: mean, quartiles and deciles', () => {
    // Mondays 1..8 (oldest 1), every other day 50.
    const history = Array.from({ length: 56 }, (_, k) => {
      const date = addDays(monday, -56 + k);
      return { date, value: k % 7 === 0 ? k / 7 + 1 : 50 };
    });
    const f = demandFromHistory(history, monday, 2)!;
    expect(f.mean).toEqual([4.5, 50]);
    // Type-7 quantiles of 1..8: 25% → 2.75, 75% → 6.25, 10% → 1.7, 90% → 7.3.
    expect(f.intervals[0]).toEqual({ level: 0.5, lower: [2.75, 50], upper: [6.25, 50] });
    expect(f.intervals[1]!.lower[0]).toBeCloseTo(1.7, 12);
    expect(f.intervals[1]!.upper[0]).toBeCloseTo(7.3, 12);
  });

  it('never uses days inside the plan, and says null without any history', () => {
    const history = [{ date: addDays(monday, -7), value: 10 }];
    const f = demandFromHistory(history, monday, 8)!;
    // Day 7 (the next Monday) looks two weeks back, not at day 0's week.
    expect(f.mean[0]).toBe(10);
    expect(f.mean[7]).toBe(10);
    expect(demandFromHistory([], monday, 3)).toBeNull();
  });
});

describe('demandFromStoredForecast', () => {
  const points = [0, 1, 2].map((k) => ({ time: `${addDays(monday, k)}T00:00:00.000Z`, mean: 10 + k, lower: { '80': 8 + k, '95': 6 + k }, upper: { '80': 12 + k, '95': 14 + k } }));

  it('takes the plan’s days with every interval level', () => {
    const f = demandFromStoredForecast(points, addDays(monday, 1), 2)!;
    expect(f.mean).toEqual([11, 12]);
    expect(f.intervals).toEqual([
      { level: 0.8, lower: [9, 10], upper: [13, 14] },
      { level: 0.95, lower: [7, 8], upper: [15, 16] },
    ]);
  });

  it('is null when the forecast does not cover every day', () => {
    expect(demandFromStoredForecast(points, addDays(monday, 2), 2)).toBeNull();
  });
});

describe('scaling and hourly spread', () => {
  it('scales means and bounds, and spreads days over hours by share', () => {
    const daily = { mean: [100, 0], intervals: [{ level: 0.8, lower: [80, 0], upper: [120, 0] }] };
    expect(scaleDemand(daily, 0.5)).toEqual({ mean: [50, 0], intervals: [{ level: 0.8, lower: [40, 0], upper: [60, 0] }] });
    const shares = Array.from({ length: 24 }, (_, h) => (h === 8 ? 0.25 : h === 9 ? 0.75 : 0));
    const hourly = hourlyDemand(daily, () => shares);
    expect(hourly.mean).toHaveLength(48);
    expect(hourly.mean[8]).toBe(25);
    expect(hourly.mean[9]).toBe(75);
    expect(hourly.intervals[0]!.upper[9]).toBe(90);
    expect(hourly.mean.slice(24).every((v) => v === 0)).toBe(true);
  });
});
