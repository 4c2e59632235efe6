// Weekly staffing settings (opening hours, hourly profile, weekly availability and hours) turned
// into the hour-by-hour horizon the staffing engine works on (hour 0 = 00:00 of the first day).
import { addDays, DAY_NAMES, weekdayOf, type DayName } from './dates';

export interface OpenHours {
  from: number;
  to: number;
}

/**
 * The share of a day's demand in each of its 24 hours: the profile over opening hours (normalised
 * to sum 1; flat when absent), zero outside them and on closed days.
 */
export function dayShares(open: OpenHours, profile: readonly number[] | undefined, closed: readonly DayName[], start: string): (day: number) => number[] {
  const hours = open.to - open.from;
  const raw = profile && profile.length === hours ? profile : Array.from({ length: hours }, () => 1);
  const total = raw.reduce((s, v) => s + v, 0);
  const shares = Array.from({ length: 24 }, (_, h) => (h >= open.from && h < open.to && total > 0 ? (raw[h - open.from] ?? 0) / total : 0));
  const none = Array.from({ length: 24 }, () => 0);
  return (day) => (closed.includes(DAY_NAMES[weekdayOf(addDays(start, day))]!) ? none : shares);
}

/** Staff needed at every hour the business is open (and none otherwise). */
export function whileOpen(count: number, open: OpenHours, closed: readonly DayName[], start: string, days: number): number[] {
  const isOpen = dayShares(open, undefined, closed, start);
  return Array.from({ length: days * 24 }, (_, t) => ((isOpen(Math.floor(t / 24))[t % 24] ?? 0) > 0 ? count : 0));
}

/** Weekly availability windows as hour ranges [from, to) of the horizon. */
export function availabilityWindows(windows: readonly { day: DayName; from: number; to: number }[], start: string, days: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let d = 0; d < days; d++) {
    const name = DAY_NAMES[weekdayOf(addDays(start, d))];
    for (const w of windows) if (w.day === name && w.to > w.from) out.push({ from: d * 24 + w.from, to: d * 24 + w.to });
  }
  return out;
}

/**
 * Weekly hour limits over a horizon of `days`: the maximum for each started week; the minimum only
 * over whole weeks (a minimum for part of a week would force shifts nobody needs).
 */
export function horizonHours(minPerWeek: number | undefined, maxPerWeek: number | undefined, days: number): { minHours: number; maxHours: number } {
  const weeks = days / 7;
  return {
    minHours: Number.isInteger(weeks) ? (minPerWeek ?? 0) * weeks : 0,
    maxHours: (maxPerWeek ?? 40) * Math.ceil(weeks),
  };
}
