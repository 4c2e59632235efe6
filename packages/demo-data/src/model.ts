/**
 * The café's deterministic shape: traffic level, growth, weekly and yearly seasonality, and what
 * an order spends per category. Levels are anchored at the end date ("today the café does about
 * this much") and scaled back in time, so a shorter history is a suffix of a longer one.
 */
import { dayOfYear, monthOf, dayOfMonth, weekday } from './dates';

export const CATEGORIES = ['coffee', 'tea', 'food', 'bakery', 'retail'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Orders on an average-season weekday at the end date. */
const ORDERS_LEVEL_AT_END = 220;
const ANNUAL_GROWTH = 0.08;
const ANNUAL_INFLATION = 0.03;

/** Sunday … Saturday. Harbour walkers make weekends busy; Monday is the quiet day. */
const WEEKLY = [1.32, 0.85, 0.94, 0.98, 1.02, 1.12, 1.38] as const;

/** Spend per order at the end date's price level, before the coffee price change. */
const BASE_SPEND: Record<Category, number> = { coffee: 5.95, tea: 0.55, food: 1.6, bakery: 1.2, retail: 0.3 };

/** Day-to-day spread of each category's spend per order (log scale). */
export const MIX_SIGMA: Record<Category, number> = { coffee: 0.03, tea: 0.08, food: 0.06, bakery: 0.06, retail: 0.2 };

function yearsFromEnd(day: number, endDay: number): number {
  return (day - endDay) / 365.25;
}

/** +1 at the height of summer (mid-July), −1 in mid-January. */
export function summerness(day: number): number {
  return Math.cos((2 * Math.PI * (dayOfYear(day) - 196)) / 365.25);
}

export function weeklyFactor(day: number): number {
  return WEEKLY[weekday(day)] ?? 1;
}

export function yearlyFactor(day: number): number {
  const doy = dayOfYear(day);
  const tourists = 1 + 0.1 * Math.exp(-(((doy - 205) / 28) ** 2));
  const januaryLull = 1 - 0.06 * Math.exp(-(((doy - 20) / 12) ** 2));
  return Math.exp(0.22 * summerness(day)) * tourists * januaryLull;
}

/** Expected orders before holidays and planted effects. */
export function baselineOrders(day: number, endDay: number): number {
  const growth = (1 + ANNUAL_GROWTH) ** yearsFromEnd(day, endDay);
  return ORDERS_LEVEL_AT_END * growth * weeklyFactor(day) * yearlyFactor(day);
}

export function priceLevel(day: number, endDay: number): number {
  return (1 + ANNUAL_INFLATION) ** yearsFromEnd(day, endDay);
}

/** Expected spend per order by category (before price change and stock-outs). */
export function baseSpendPerOrder(day: number, endDay: number): Record<Category, number> {
  const s = summerness(day);
  const weekend = weekday(day) === 0 || weekday(day) === 6 ? 1 : 0;
  const giftSeason = monthOf(day) === 12 && dayOfMonth(day) <= 24 ? 1 : 0;
  const p = priceLevel(day, endDay);
  return {
    // Iced drinks cost more, so summer coffee spend is a little higher.
    coffee: BASE_SPEND.coffee * (1 + 0.04 * s) * p,
    tea: BASE_SPEND.tea * (1 - 0.25 * s) * p,
    // Weekend brunch.
    food: BASE_SPEND.food * (1 + 0.1 * weekend) * p,
    bakery: BASE_SPEND.bakery * (1 - 0.08 * s) * (1 + 0.1 * weekend) * p,
    // Tourists buy beans and mugs in summer; gifts in December.
    retail: BASE_SPEND.retail * (1 + 0.6 * Math.max(0, s) + 0.8 * giftSeason) * p,
  };
}

/** Share of coffee and tea drinks served iced. */
export function icedShare(day: number): number {
  return 0.25 + 0.2 * summerness(day);
}
