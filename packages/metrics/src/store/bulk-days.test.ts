import { describe, expect, it } from 'vitest';
import { DayTotals } from './bulk-days';
import type { CleanPoint } from './points';

const point = (time: string, value: number, source = 'csv', dims_key = 'store=north'): CleanPoint => ({
  metric: 'revenue',
  time,
  value,
  unit: 'USD',
  source,
  dimensions: { store: dims_key.slice(6) },
  dims_key,
});

describe('DayTotals', () => {
  it('adds up each series per UTC day, the last value by time and then by source', () => {
    const totals = new DayTotals();
    totals.add(point('2026-01-30T23:00:00.000Z', 5, 'pos'));
    totals.add(point('2026-01-30T08:00:00.000Z', 2));
    totals.add(point('2026-01-30T23:00:00.000Z', 7, 'csv')); // same time: 'csv' sorts before 'pos'
    totals.add(point('2026-01-31T00:00:00.000Z', 1));
    totals.add(point('2026-01-30T09:00:00.000Z', 4, 'csv', 'store=south'));
    expect(totals.result()).toEqual([
      { metric: 'revenue', dims_key: 'store=north', day: '2026-01-30T00:00:00.000Z', sum: 14, count: 3, min: 2, max: 7, last_value: 7, last_time: '2026-01-30T23:00:00.000Z', last_source: 'csv' },
      { metric: 'revenue', dims_key: 'store=north', day: '2026-01-31T00:00:00.000Z', sum: 1, count: 1, min: 1, max: 1, last_value: 1, last_time: '2026-01-31T00:00:00.000Z', last_source: 'csv' },
      { metric: 'revenue', dims_key: 'store=south', day: '2026-01-30T00:00:00.000Z', sum: 4, count: 1, min: 4, max: 4, last_value: 4, last_time: '2026-01-30T09:00:00.000Z', last_source: 'csv' },
    ]);
  });

  it('gives up past its limit, so memory stays bounded', () => {
    const totals = new DayTotals(2);
    totals.add(point('2026-01-01T00:00:00.000Z', 1));
    totals.add(point('2026-01-02T00:00:00.000Z', 1));
    expect(totals.result()).toHaveLength(2);
    totals.add(point('2026-01-03T00:00:00.000Z', 1));
    totals.add(point('2026-01-01T01:00:00.000Z', 1));
    expect(totals.result()).toBeNull();
  });
});
