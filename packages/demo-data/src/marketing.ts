/**
 * Marketing spend by channel and the website sessions it drives. Only Instagram changes during
 * the campaign; the other channels keep their usual policy so the campaign can be identified.
 */
import { dayOfMonth, weekday } from './dates';
import { CAMPAIGN, campaignSpending, type Effects } from './effects';
import { baselineOrders } from './model';
import type { DayNoise } from './noise';
import type { Plan } from './plan';
import { at } from './util';

export const CHANNELS = ['instagram', 'google_ads', 'flyers', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Sessions per dollar of steady daily spend. */
const SESSIONS_PER_DOLLAR: Record<Channel, number> = { instagram: 1.0, google_ads: 2.0, flyers: 0.1, email: 0 };
/** Share of an ad's pull that carries over to the next day. */
const ADSTOCK_CARRYOVER = 0.5;
const ORGANIC_SESSIONS_PER_ORDER = 0.4;
/** The Thursday newsletter brings readers to the site (its cost is the flat email fee). */
const NEWSLETTER_SESSIONS = 25;

export interface DayMarketing {
  spendCents: Record<Channel, number>;
  sessions: number;
}

function spendForDay(day: number, noise: DayNoise, plan: Plan, effects: Effects): Record<Channel, number> {
  const z = (i: number) => at(noise.spend, i);
  const instagram = campaignSpending(day, plan, effects)
    ? CAMPAIGN.instagramSpendDuring * (1 + 0.06 * z(0))
    : CAMPAIGN.instagramSpendBefore * (1 + 0.12 * z(0));
  // Google spends around its daily budget; flyers are a monthly print run; email is a flat fee.
  const google = 25 * (1 + 0.15 * z(1));
  const flyers = dayOfMonth(day) === 1 ? 120 * (1 + 0.1 * z(2)) : 0;
  const email = 1.5;
  const cents = (usd: number) => Math.max(0, Math.round(usd * 100));
  return { instagram: cents(instagram), google_ads: cents(google), flyers: cents(flyers), email: cents(email) };
}

export function simulateMarketing(days: number[], noise: DayNoise[], endDay: number, plan: Plan, effects: Effects): DayMarketing[] {
  const spends = days.map((day, i) => spendForDay(day, at(noise, i), plan, effects));
  const first = at(spends, 0);
  // Start the ad stock at its steady state so the first weeks are not artificially low.
  const stock: Record<Channel, number> = { instagram: 0, google_ads: 0, flyers: 0, email: 0 };
  for (const c of CHANNELS) stock[c] = first[c] / 100 / (1 - ADSTOCK_CARRYOVER);
  return days.map((day, i) => {
    const spendCents = at(spends, i);
    let paid = 0;
    for (const c of CHANNELS) {
      stock[c] = spendCents[c] / 100 + ADSTOCK_CARRYOVER * stock[c];
      paid += SESSIONS_PER_DOLLAR[c] * (1 - ADSTOCK_CARRYOVER) * stock[c];
    }
    // People look up opening hours the day before they visit: organic interest follows traffic.
    const organic = ORGANIC_SESSIONS_PER_ORDER * baselineOrders(day, endDay) * Math.exp(0.12 * at(noise, i).sessions - 0.0072);
    const newsletter = weekday(day) === 4 ? NEWSLETTER_SESSIONS : 0;
    return { spendCents, sessions: Math.max(0, Math.round(organic + paid + newsletter)) };
  });
}
