import { describe, expect, it } from 'vitest';
import { bucketStart, bucketStarts, comparisonRange } from './buckets';

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

  it('compares with the period just before, moved back by whole buckets, or with 52 weeks / 12 months before', () => {
    const iso = (r: { from: Date; to: Date }) => [r.from.toISOString().slice(0, 10), r.to.toISOString().slice(0, 10)];
    const from = d('2026-11-01T00:00:00Z');
    const to = d('2026-11-08T00:00:00Z');
    expect(iso(comparisonRange(from, to, 'day', 'previous_period'))).toEqual(['2026-10-25', '2026-11-01']);
    // 52 weeks back: the same weekday.
    const lastYear = comparisonRange(from, to, 'day', 'previous_year');
    expect(iso(lastYear)).toEqual(['2025-11-02', '2025-11-09']);
    expect(lastYear.from.getUTCDay()).toBe(from.getUTCDay());
    // 32 days by weeks: 5 weeks back, so its weeks start on Mondays too and it ends before the range starts.
    const weeks = comparisonRange(d('2026-10-01T00:00:00Z'), d('2026-11-02T00:00:00Z'), 'week', 'previous_period');
    expect(iso(weeks)).toEqual(['2026-08-27', '2026-09-28']);
    expect(bucketStarts(weeks.from, weeks.to, 'week')).toHaveLength(bucketStarts(d('2026-10-01T00:00:00Z'), d('2026-11-02T00:00:00Z'), 'week').length);
    // By months: whole calendar months, as few as reach before the start.
    expect(iso(comparisonRange(d('2026-10-01T00:00:00Z'), d('2026-11-02T00:00:00Z'), 'month', 'previous_period'))).toEqual(['2026-08-01', '2026-09-02']);
    expect(iso(comparisonRange(d('2026-10-03T00:00:00Z'), d('2026-10-10T00:00:00Z'), 'month', 'previous_period'))).toEqual(['2026-09-03', '2026-09-10']);
    expect(iso(comparisonRange(d('2028-02-29T00:00:00Z'), d('2028-03-01T00:00:00Z'), 'month', 'previous_year'))).toEqual(['2027-02-28', '2027-03-01']);
  });
});
