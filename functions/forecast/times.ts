import type { ForecastBucket } from '@dyocense/db';

const DAY_MS = 86_400_000;

/**
 * The time `steps` intervals after `from`; months keep the day of month, clamped to the month's end.
 * (The forecast.run job steps its future points the same way; kept here so this function does not
 * load the job registry and every engine with it.)
 */
export function stepFrom(from: Date, interval: ForecastBucket, steps: number): Date {
  if (interval === 'day') return new Date(from.getTime() + steps * DAY_MS);
  if (interval === 'week') return new Date(from.getTime() + 7 * steps * DAY_MS);
  const y = from.getUTCFullYear();
  const m = from.getUTCMonth() + steps;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(from.getUTCDate(), lastDay), from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
}
