// Whole business days as 'YYYY-MM-DD', computed in UTC (points are stored as 00:00Z buckets).
const DAY = 86_400_000;

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type DayName = (typeof DAY_NAMES)[number];

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The seven day names starting at `start`'s weekday (the staffing engine labels hours with them). */
export function dayNamesFrom(start: string): DayName[] {
  const first = weekdayOf(start);
  return Array.from({ length: 7 }, (_, k) => DAY_NAMES[(first + k) % 7]!);
}
