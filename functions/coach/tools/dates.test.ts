import { describe, expect, it } from 'vitest';
import { isoDay, isoWeekMonday, isoWeekOf, lastCompleteWeek, resolveDay } from './dates';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('ISO weeks', () => {
  it('finds Mondays and week numbers across year ends', () => {
    expect(isoDay(isoWeekMonday(2026, 37))).toBe('2026-09-07');
    expect(isoDay(isoWeekMonday(2026, 1))).toBe('2025-12-29');
    expect(isoWeekOf(d('2026-09-13'))).toEqual({ year: 2026, week: 37 });
    expect(isoWeekOf(d('2027-01-01'))).toEqual({ year: 2026, week: 53 });
  });

  it('takes the most recent finished week with that number', () => {
    const today = d('2026-11-22');
    expect(lastCompleteWeek(37, today)).toMatchObject({ year: 2026 });
    expect(isoDay(lastCompleteWeek(37, today)!.from)).toBe('2026-09-07');
    // Week 48 of 2026 has not ended: last year's.
    expect(lastCompleteWeek(48, today)).toMatchObject({ year: 2025 });
    expect(lastCompleteWeek(60, today)).toBeNull();
  });
});

describe('resolveDay', () => {
  it('reads weekdays as the next such day, today included', () => {
    const sunday = d('2026-11-22');
    expect(isoDay(resolveDay('friday', sunday)!)).toBe('2026-11-27');
    expect(isoDay(resolveDay('Sunday', sunday)!)).toBe('2026-11-22');
    expect(isoDay(resolveDay('tomorrow', sunday)!)).toBe('2026-11-23');
    expect(resolveDay('someday', sunday)).toBeNull();
  });
});
