/**
 * When the planted events happen. Dates are fixed relative to the end date (never the seed), on
 * Mondays, and moved until no holiday falls in or near their effect window, so each effect can be
 * identified on its own.
 */
import { dayFromParts, weekday, yearOf } from './dates';
import { holidaysBetween } from './calendar';

export const CAMPAIGN_WEEKS = 8;
export const CAMPAIGN_RAMP_DAYS = 14;
export const CAMPAIGN_DECAY_DAYS = 14;
export const STOCKOUT_DAYS = 7;

export interface Plan {
  priceChange: number;
  campaignStart: number;
  /** Last day of campaign spend; the effect decays for CAMPAIGN_DECAY_DAYS after it. */
  campaignEnd: number;
  stockoutStart: number;
  stockoutEnd: number;
  wageChange: number;
}

/**
 * Monday nearest to `preferred` (alternating earlier/later) whose padded window is holiday-free
 * and, when given, starts no earlier than `earliest` and ends no later than `latest`.
 */
function freeMonday(preferred: number, length: number, margin: number, earliest = -Infinity, latest = Infinity): number {
  const monday = preferred - ((weekday(preferred) + 6) % 7);
  const holidays = holidaysBetween(monday - 200, monday + 200).map((h) => h.day);
  for (let step = 0; step < 26; step++) {
    const offset = step % 2 === 0 ? -7 * (step / 2) : 7 * ((step + 1) / 2);
    const start = monday + offset;
    const end = start + length - 1;
    const clash = holidays.some((d) => d >= start - margin && d <= end + margin);
    if (!clash && start >= earliest && end <= latest) return start;
  }
  throw new Error('no holiday-free window found');
}

export function planEvents(endDay: number): Plan {
  const stockoutStart = freeMonday(endDay - 70, STOCKOUT_DAYS, 7, -Infinity, endDay - 14);
  const priceChange = freeMonday(endDay - 425, 1, 7);
  // The campaign and its decay sit between the two, a clear month or two from each.
  const campaignLength = CAMPAIGN_WEEKS * 7 + CAMPAIGN_DECAY_DAYS;
  const campaignStart = freeMonday(endDay - 213, campaignLength, 14, priceChange + 61, stockoutStart - 31);
  // Wages rise each new year; the latest raise at least 60 days before the end is the one kept.
  const thisJan1 = dayFromParts(yearOf(endDay), 1, 1);
  const wageChange = endDay - thisJan1 >= 60 ? thisJan1 : dayFromParts(yearOf(endDay) - 1, 1, 1);
  return {
    priceChange,
    campaignStart,
    campaignEnd: campaignStart + CAMPAIGN_WEEKS * 7 - 1,
    stockoutStart,
    stockoutEnd: stockoutStart + STOCKOUT_DAYS - 1,
    wageChange,
  };
}
