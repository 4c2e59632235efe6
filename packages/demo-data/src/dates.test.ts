import { describe, expect, it } from 'vitest';
import { dayOfYear, formatDay, isoWeek, nthWeekdayOf, parseDay, weekday } from './dates';

describe('dates', () => {
  it('round-trips and agrees with the platform calendar', () => {
    for (let d = -50_000; d < 80_000; d += 37) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      expect(formatDay(d)).toBe(iso);
      expect(parseDay(iso)).toBe(d);
      expect(weekday(d)).toBe(new Date(d * 86_400_000).getUTCDay());
    }
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => parseDay('2026-02-30')).toThrow(RangeError);
    expect(() => parseDay('2026-1-5')).toThrow(RangeError);
    expect(() => parseDay('yesterday')).toThrow(RangeError);
  });

  it('knows Thanksgiving, leap days and ISO weeks', () => {
    expect(formatDay(nthWeekdayOf(2026, 11, 4, 4))).toBe('2026-11-26');
    expect(formatDay(nthWeekdayOf(2025, 11, 4, 4))).toBe('2025-11-27');
    expect(dayOfYear(parseDay('2024-12-31'))).toBe(366);
    expect(isoWeek(parseDay('2026-09-07'))).toBe(37);
    expect(isoWeek(parseDay('2021-01-03'))).toBe(53);
  });
});
