// Calendar helpers for questions: ISO weeks, "Friday", "tomorrow". Days are UTC dates (the
// metrics store whole local business days at 00:00Z).

const DAY = 86_400_000;
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const dayStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
export const daysBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / DAY);

/** Monday of ISO week `week` of ISO year `year`. */
export function isoWeekMonday(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = addDays(jan4, -((jan4.getUTCDay() + 6) % 7));
  return addDays(mondayOfWeek1, 7 * (week - 1));
}

export function isoWeekOf(d: Date): { year: number; week: number } {
  const thursday = addDays(dayStart(d), 3 - ((d.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  return { year, week: 1 + Math.floor(daysBetween(isoWeekMonday(year, 1), thursday) / 7) };
}

/** The most recent complete ISO week numbered `week` (this year's if it is over, else last year's). */
export function lastCompleteWeek(week: number, today: Date): { year: number; week: number; from: Date; to: Date } | null {
  if (!Number.isInteger(week) || week < 1 || week > 53) return null;
  const { year } = isoWeekOf(today);
  for (const y of [year, year - 1]) {
    const from = isoWeekMonday(y, week);
    const to = addDays(from, 6);
    if (isoWeekOf(from).week !== week) continue; // week 53 does not exist every year
    if (to < dayStart(today)) return { year: y, week, from, to };
  }
  return null;
}

/** The next date that is `weekday` (today counts), or today/tomorrow by name. */
export function resolveDay(word: string, today: Date): Date | null {
  const w = word.toLowerCase();
  if (w === 'today') return dayStart(today);
  if (w === 'tomorrow') return addDays(dayStart(today), 1);
  const index = WEEKDAYS.indexOf(w as (typeof WEEKDAYS)[number]);
  if (index < 0) return null;
  return addDays(dayStart(today), (index - today.getUTCDay() + 7) % 7);
}

export const weekdayName = (d: Date) => {
  const name = WEEKDAYS[d.getUTCDay()]!;
  return name[0]!.toUpperCase() + name.slice(1);
};

/** "Friday 27 November" */
export const longDay = (d: Date) => `${weekdayName(d)} ${d.getUTCDate()} ${d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })}`;
