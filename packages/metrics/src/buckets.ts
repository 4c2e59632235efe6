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

/** How far back the comparison period lies: same length before, or a year before. */
export function comparisonShift(from: Date, to: Date, bucket: RollupBucket, compare: 'previous_period' | 'previous_year'): (d: Date) => Date {
  if (compare === 'previous_period') {
    const span = to.getTime() - from.getTime();
    return (d) => new Date(d.getTime() - span);
  }
  // Days and weeks compare to 52 weeks before, so Saturdays meet Saturdays; months to the
  // same calendar month a year before.
  if (bucket === 'month') return (d) => new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()));
  return (d) => new Date(d.getTime() - 364 * DAY);
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
