import { describe, expect, it } from 'vitest';
import { goalBaseline } from './achievable';
import { parseDay } from './dates';
import { formatAmount, inSentence } from './format';
import { bestSustainedGrowth, dailyVariability, toDays, windowMean } from './stats';
import { daily, flat, line, revenue } from './test-helpers';

describe('dates and formats', () => {
  it('accepts only real calendar days', () => {
    expect(parseDay('1970-01-02')).toBe(1);
    expect(parseDay('2026-02-29')).toBeNull(); // 2026 is not a leap year
    expect(parseDay('2026-2-01')).toBeNull();
  });
  it('writes amounts the way an owner reads them', () => {
    expect(formatAmount(-1234.5, '$')).toBe('-$1,235');
    expect(formatAmount(12.345, 'EUR')).toBe('€12.35');
    expect(formatAmount(125, 'covers')).toBe('125 covers');
    expect(inSentence('Labour cost')).toBe('labour cost');
    expect(inSentence('AOV')).toBe('AOV');
  });
});

describe('windowMean', () => {
  const gappy = toDays([{ date: '2026-03-01', value: 100 }, { date: '2026-03-03', value: 300 }, { date: '2026-03-04', value: 200 }]);
  const end = parseDay('2026-03-04') ?? 0;
  it('counts a missing day as zero for a summed metric', () => {
    expect(windowMean(gappy, end, 4, 'sum')).toBe(150); // 600 / 4 days
  });
  it('skips a missing day for an average or a level', () => {
    expect(windowMean(gappy, end, 4, 'avg')).toBe(200); // 600 / 3 readings
  });
  it('clips the window to where history starts', () => {
    expect(windowMean(gappy, end, 28, 'sum')).toBe(150);
  });
});

describe('bestSustainedGrowth', () => {
  it('uses 28-day windows with 56 to 179 days of history and keeps the best', () => {
    // 100, 101, … for 60 days: the first pair of windows grows most,
    // days 29–56 average 141.5 against 113.5 for days 1–28.
    const points = toDays(daily('2026-01-01', line(60, 100, 1)));
    const best = bestSustainedGrowth(points, 'sum', 'up');
    expect(best?.windowDays).toBe(28);
    expect(best?.monthly).toBeCloseTo((141.5 / 113.5) ** (30 / 28) - 1, 12);
  });
  it('is null with under 56 days', () => {
    expect(bestSustainedGrowth(toDays(daily('2026-01-01', flat(55, 1))), 'sum', 'up')).toBeNull();
  });
  it('measures swing as standard deviation over mean', () => {
    // 90 and 110 alternating: mean 100, sample sd √(90·10²/89) ≈ 10.056.
    const values = Array.from({ length: 90 }, (_, i) => (i % 2 ? 110 : 90));
    expect(dailyVariability(toDays(daily('2026-01-01', values)))).toBeCloseTo(Math.sqrt(9000 / 89) / 100, 12);
  });
});

describe('goalBaseline', () => {
  const history = daily('2026-01-01', line(180, 100, 1)); // 279 on 29 Jun
  it('reads history before the start the way the target is read', () => {
    const goal = { startDate: '2026-06-30', deadline: '2026-07-29' };
    expect(goalBaseline({ ...goal, measure: 'level' }, revenue, history)).toBe(279);
    expect(goalBaseline({ ...goal, measure: 'daily_average' }, revenue, history)).toBe(265.5);
    // 30-day goal: last 28 days' mean 265.5 × 30 days.
    expect(goalBaseline({ ...goal, measure: 'total' }, revenue, history)).toBe(7965);
    expect(goalBaseline({ ...goal, measure: 'total' }, revenue, [])).toBeNull();
  });
});
