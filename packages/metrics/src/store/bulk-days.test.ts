import { describe, expect, it } from 'vitest';
import { DayTotals, withWeeksAndMonths } from './bulk-days';
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
      { metric: 'revenue', dims_key: 'store=north', start: '2026-01-30T00:00:00.000Z', sum: 14, count: 3, min: 2, max: 7, last_value: 7, last_time: '2026-01-30T23:00:00.000Z', last_source: 'csv' },
      { metric: 'revenue', dims_key: 'store=north', start: '2026-01-31T00:00:00.000Z', sum: 1, count: 1, min: 1, max: 1, last_value: 1, last_time: '2026-01-31T00:00:00.000Z', last_source: 'csv' },
      { metric: 'revenue', dims_key: 'store=south', start: '2026-01-30T00:00:00.000Z', sum: 4, count: 1, min: 4, max: 4, last_value: 4, last_time: '2026-01-30T09:00:00.000Z', last_source: 'csv' },
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

  it('composes weeks (from Monday, UTC) and months from the days, the latest last value winning', () => {
    const totals = new DayTotals();
    totals.add(point('2026-01-31T10:00:00.000Z', 3)); // Saturday, January
    totals.add(point('2026-02-01T09:00:00.000Z', 4)); // Sunday, February: same week
    totals.add(point('2026-02-02T08:00:00.000Z', 5)); // Monday: next week
    totals.add(point('2026-02-02T08:00:00.000Z', 6, 'api')); // same time, 'api' sorts first
    const rows = withWeeksAndMonths(totals.result()!).map(({ bucket, start, sum, count, min, max, last_value, last_time }) => ({ bucket, start, sum, count, min, max, last_value, last_time }));
    expect(rows.filter((r) => r.bucket === 'day')).toHaveLength(3);
    expect(rows.filter((r) => r.bucket !== 'day')).toEqual([
      { bucket: 'week', start: '2026-01-26T00:00:00.000Z', sum: 7, count: 2, min: 3, max: 4, last_value: 4, last_time: '2026-02-01T09:00:00.000Z' },
      { bucket: 'month', start: '2026-01-01T00:00:00.000Z', sum: 3, count: 1, min: 3, max: 3, last_value: 3, last_time: '2026-01-31T10:00:00.000Z' },
      { bucket: 'month', start: '2026-02-01T00:00:00.000Z', sum: 15, count: 3, min: 4, max: 6, last_value: 6, last_time: '2026-02-02T08:00:00.000Z' },
      { bucket: 'week', start: '2026-02-02T00:00:00.000Z', sum: 11, count: 2, min: 5, max: 6, last_value: 6, last_time: '2026-02-02T08:00:00.000Z' },
    ]);
  });
});
