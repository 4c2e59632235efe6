import type { RollupBucket } from '@dyocense/db';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The start of the UTC bucket holding `t` (weeks start on Monday, as date_trunc('week') does). */
export function bucketStart(t: Date, bucket: RollupBucket): Date {
  const d = new Date(t.getTime());
  switch (bucket) {
    case 'hour':
      d.setUTCMinutes(0, 0, 0);
      return d;
    case 'day':
      d.setUTCHours(0, 0, 0, 0);
      return d;
    case 'week': {
      d.setUTCHours(0, 0, 0, 0);
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      return new Date(d.getTime() - sinceMonday * DAY);
    }
    case 'month':
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  }
}

export function nextBucket(start: Date, bucket: RollupBucket): Date {
  switch (bucket) {
    case 'hour':
      return new Date(start.getTime() + HOUR);
    case 'day':
      return new Date(start.getTime() + DAY);
    case 'week':
      return new Date(start.getTime() + 7 * DAY);
    case 'month':
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
}

/** Every bucket start from the one holding `from` up to (not including) `to`. */
export function bucketStarts(from: Date, to: Date, bucket: RollupBucket): Date[] {
  const out: Date[] = [];
  for (let b = bucketStart(from, bucket); b < to; b = nextBucket(b, bucket)) out.push(b);
  return out;
}

const BUCKET_MS = { hour: HOUR, day: DAY, week: 7 * DAY } as const;

/**
 * The range a query's range is compared with. Its buckets line up one to one with the range's:
 * - previous_period: the range moved back by whole buckets, the fewest that reach before its
 *   start (a 32-day range by weeks goes back 5 weeks, so Monday-weeks meet Monday-weeks and the
 *   partial weeks at both ends cover the same weekdays; by months, whole calendar months);
 * - previous_year: 52 weeks back (Saturdays meet Saturdays), or 12 months for monthly buckets.
 */
export function comparisonRange(from: Date, to: Date, bucket: RollupBucket, compare: 'previous_period' | 'previous_year'): { from: Date; to: Date } {
  if (bucket === 'month') {
    let months = 12;
    if (compare === 'previous_period') for (months = 1; stepTime(to, 'month', -months) > from; months++);
    return { from: stepTime(from, 'month', -months), to: stepTime(to, 'month', -months) };
  }
  const unit = BUCKET_MS[bucket];
  const back = compare === 'previous_year' ? 364 * DAY : Math.ceil((to.getTime() - from.getTime()) / unit) * unit;
  return { from: new Date(from.getTime() - back), to: new Date(to.getTime() - back) };
}

/** The time `steps` intervals of `interval` after `from`; months keep the day of month, clamped to the month's end. */
export function stepTime(from: Date, interval: 'day' | 'week' | 'month', steps: number): Date {
  if (interval === 'day') return new Date(from.getTime() + steps * DAY);
  if (interval === 'week') return new Date(from.getTime() + 7 * steps * DAY);
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + steps;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(from.getUTCDate(), lastDay), from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
}
