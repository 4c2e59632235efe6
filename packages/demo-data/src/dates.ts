/**
 * Calendar arithmetic on UTC day numbers (days since 1970-01-01), in integer arithmetic. Whole
 * days keep the generator free of time zones and of the wall clock.
 */

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(text: string): number {
  const m = DAY_PATTERN.exec(text);
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${text}"`);
  const day = dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  // 2026-02-31 would roll over to March; reject instead of guessing.
  if (formatDay(day) !== text) throw new RangeError(`not a calendar date: "${text}"`);
  return day;
}

/** Days from civil date (proleptic Gregorian), integer arithmetic only. */
export function dayFromParts(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

interface Civil {
  year: number;
  month: number;
  day: number;
}

/** Civil date from days; the inverse of dayFromParts. */
function civil(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function formatDay(day: number): string {
  const c = civil(day);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

export function isoTime(day: number): string {
  return `${formatDay(day)}T00:00:00.000Z`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return civil(day).year;
}

export function monthOf(day: number): number {
  return civil(day).month;
}

export function dayOfMonth(day: number): number {
  return civil(day).day;
}

/** 1 for January 1st. */
export function dayOfYear(day: number): number {
  return day - dayFromParts(yearOf(day), 1, 1) + 1;
}

/** The n-th (1-based) given weekday of a month, e.g. the 4th Thursday of November. */
export function nthWeekdayOf(year: number, month: number, wd: number, n: number): number {
  const first = dayFromParts(year, month, 1);
  return first + ((wd - weekday(first) + 7) % 7) + 7 * (n - 1);
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(day: number): number {
  const thursday = day - ((weekday(day) + 6) % 7) + 3;
  const jan1 = dayFromParts(yearOf(thursday), 1, 1);
  return Math.floor((thursday - jan1) / 7) + 1;
}
