import { describe, expect, it } from 'vitest';
import { holidaysBetween } from './calendar';
import { formatDay, parseDay, weekday } from './dates';
import { CAMPAIGN_DECAY_DAYS, planEvents } from './plan';

describe('planEvents', () => {
  const ends = ['2026-11-21', '2026-03-05', '2025-07-20', '2027-01-02', '2026-12-31', '2026-08-10'];

  it.each(ends)('keeps planted windows on Mondays, apart, and clear of holidays (end %s)', (end) => {
    const endDay = parseDay(end);
    const p = planEvents(endDay);
    for (const start of [p.priceChange, p.campaignStart, p.stockoutStart]) expect(weekday(start)).toBe(1);
    const near = (from: number, to: number, margin: number) => holidaysBetween(from - margin, to + margin).map((h) => formatDay(h.day));
    expect(near(p.campaignStart, p.campaignEnd + CAMPAIGN_DECAY_DAYS, 14)).toEqual([]);
    expect(near(p.stockoutStart, p.stockoutEnd, 7)).toEqual([]);
    expect(near(p.priceChange, p.priceChange, 7)).toEqual([]);
    expect(p.priceChange).toBeLessThan(p.campaignStart - 60);
    expect(p.campaignEnd + CAMPAIGN_DECAY_DAYS).toBeLessThan(p.stockoutStart - 30);
    expect(p.stockoutEnd).toBeLessThan(endDay);
    // Roughly where the story puts them: 14, 7 and 2½ months before the end. Around New Year
    // the campaign has to dodge July 4th by up to eight weeks.
    expect(Math.abs(endDay - p.priceChange - 425)).toBeLessThanOrEqual(42);
    expect(Math.abs(endDay - p.campaignStart - 213)).toBeLessThanOrEqual(63);
    expect(Math.abs(endDay - p.stockoutStart - 70)).toBeLessThanOrEqual(28);
  });
});
