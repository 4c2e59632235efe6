/** US holidays that move a harbour café's traffic, and the one day it closes. */
import { dayFromParts, nthWeekdayOf, yearOf } from './dates';

export interface Holiday {
  day: number;
  name: string;
  /** Traffic relative to the same day without the holiday; 0 when closed. */
  multiplier: number;
  closed: boolean;
}

function holidaysOfYear(year: number): Holiday[] {
  return [
    { day: dayFromParts(year, 1, 1), name: "New Year's Day", multiplier: 0.7, closed: false },
    { day: dayFromParts(year, 7, 4), name: 'Independence Day', multiplier: 1.35, closed: false },
    { day: nthWeekdayOf(year, 11, 4, 4), name: 'Thanksgiving', multiplier: 0.45, closed: false },
    { day: dayFromParts(year, 12, 24), name: 'Christmas Eve', multiplier: 0.75, closed: false },
    { day: dayFromParts(year, 12, 25), name: 'Christmas Day', multiplier: 0, closed: true },
  ];
}

/** Holidays between two day numbers, inclusive. */
export function holidaysBetween(first: number, last: number): Holiday[] {
  const out: Holiday[] = [];
  for (let y = yearOf(first); y <= yearOf(last); y++) {
    for (const h of holidaysOfYear(y)) if (h.day >= first && h.day <= last) out.push(h);
  }
  return out;
}

export function holidayIndex(first: number, last: number): Map<number, Holiday> {
  return new Map(holidaysBetween(first, last).map((h) => [h.day, h]));
}
