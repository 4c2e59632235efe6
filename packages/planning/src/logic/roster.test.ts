import { describe, expect, it } from 'vitest';
import { dayNamesFrom } from './dates';
import { mergeById, overlay } from './merge';
import { availabilityWindows, dayShares, horizonHours, whileOpen } from './roster';

// 2026-11-06 is a Friday.
const friday = '2026-11-06';

describe('roster over the horizon', () => {
  it('turns weekly availability into hour windows of the horizon', () => {
    const windows = availabilityWindows(
      [
        { day: 'Fri', from: 7, to: 15 },
        { day: 'Sun', from: 12, to: 17 },
      ],
      friday,
      3,
    );
    expect(windows).toEqual([
      { from: 7, to: 15 },
      { from: 60, to: 65 },
    ]);
  });

  it('spreads a day over opening hours, normalising the profile, and closes closed days', () => {
    const shares = dayShares({ from: 8, to: 10 }, [1, 3], ['Sat'], friday);
    expect(shares(0)[8]).toBeCloseTo(0.25, 12);
    expect(shares(0)[9]).toBeCloseTo(0.75, 12);
    expect(shares(0).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(shares(1).every((v) => v === 0)).toBe(true);
    expect(whileOpen(2, { from: 8, to: 10 }, ['Sat'], friday, 2).filter((v) => v > 0)).toEqual([2, 2]);
  });

  it('applies weekly minimums only over whole weeks, maximums per started week', () => {
    expect(horizonHours(20, 40, 7)).toEqual({ minHours: 20, maxHours: 40 });
    expect(horizonHours(20, 40, 14)).toEqual({ minHours: 40, maxHours: 80 });
    expect(horizonHours(20, 40, 1)).toEqual({ minHours: 0, maxHours: 40 });
  });

  it('labels days from the plan’s first weekday', () => {
    expect(dayNamesFrom(friday)).toEqual(['Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed', 'Thu']);
  });
});

describe('merging saved settings with a request', () => {
  const saved = [
    { id: 'a', casePack: 6, onHand: 1 },
    { id: 'b', casePack: 12 },
  ];

  it('keeps every saved item when the request lists none, and exactly the requested ones otherwise', () => {
    expect(mergeById(saved, undefined)).toEqual(saved);
    expect(mergeById<{ id: string; casePack?: number; onHand?: number }>(saved, [{ id: 'b', onHand: 3 }, { id: 'new', casePack: 1 }])).toEqual([
      { id: 'b', casePack: 12, onHand: 3 },
      { id: 'new', casePack: 1 },
    ]);
  });

  it('does not let an explicit undefined erase a saved field', () => {
    expect(mergeById<{ id: string; casePack?: number }>(saved, [{ id: 'a', casePack: undefined }])[0]!.casePack).toBe(6);
    expect(overlay({ volume: 10, cash: 5 }, { cash: 7, volume: undefined })).toEqual({ volume: 10, cash: 7 });
  });
});
