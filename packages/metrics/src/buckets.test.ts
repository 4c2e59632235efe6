import { describe, expect, it } from 'vitest';
import { bucketStart, bucketStarts, comparisonShift } from './buckets';

const d = (s: string) => new Date(s);

describe('buckets', () => {
  it('truncates to hour, day, Monday-week and month in UTC', () => {
    const t = d('2026-11-19T15:42:10.500Z'); // a Thursday
    expect(bucketStart(t, 'hour').toISOString()).toBe('2026-11-19T15:00:00.000Z');
    expect(bucketStart(t, 'day').toISOString()).toBe('2026-11-19T00:00:00.000Z');
    expect(bucketStart(t, 'week').toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(bucketStart(d('2026-11-16T00:00:00Z'), 'week').toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(bucketStart(d('2026-11-22T23:59:59Z'), 'week').toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(bucketStart(t, 'month').toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('lists bucket starts across a month boundary, end excluded', () => {
    const starts = bucketStarts(d('2026-01-30T00:00:00Z'), d('2026-02-02T00:00:00Z'), 'day').map((x) => x.toISOString().slice(0, 10));
    expect(starts).toEqual(['2026-01-30', '2026-01-31', '2026-02-01']);
    expect(bucketStarts(d('2026-01-15T00:00:00Z'), d('2026-04-01T00:00:00Z'), 'month')).toHaveLength(3);
  });

  it('shifts comparisons by the period length, or by 52 weeks / 12 months', () => {
    const from = d('2026-11-01T00:00:00Z');
    const to = d('2026-11-08T00:00:00Z');
    expect(comparisonShift(from, to, 'day', 'previous_period')(from).toISOString()).toBe('2026-10-25T00:00:00.000Z');
    const lastYear = comparisonShift(from, to, 'day', 'previous_year')(d('2026-11-07T00:00:00Z'));
    expect(lastYear.toISOString()).toBe('2025-11-08T00:00:00.000Z');
    expect(lastYear.getUTCDay()).toBe(d('2026-11-07T00:00:00Z').getUTCDay());
    expect(comparisonShift(from, to, 'month', 'previous_year')(from).toISOString()).toBe('2025-11-01T00:00:00.000Z');
  });
});
