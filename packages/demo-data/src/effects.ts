/**
 * The planted effects: their structural sizes (the same for every seed) and when each one is
 * active on a given day.
 */
import { CAMPAIGN_DECAY_DAYS, CAMPAIGN_RAMP_DAYS, type Plan } from './plan';

export interface Effects {
  campaign: boolean;
  stockout: boolean;
  priceChange: boolean;
}

export const ALL_EFFECTS: Effects = { campaign: true, stockout: true, priceChange: true };

export const PRICE_CHANGE = {
  /** Coffee menu prices, permanent from the change date. */
  coffeePricePct: 8,
  /** Traffic response to the higher prices. */
  ordersPct: -2,
};

export const CAMPAIGN = {
  instagramSpendBefore: 15,
  instagramSpendDuring: 120,
  /** Extra orders at full strength, as a share of the day's expected orders. */
  peakUpliftPct: 9,
  /** Share of the extra orders that come from first-time customers. */
  newCustomerShare: 0.45,
};

export const STOCKOUT = {
  /** Week revenue against the same week without the stock-out (exact, see demand.ts). */
  revenuePct: -12,
  /** Customers who came for an oat-milk drink or a croissant and went elsewhere. */
  ordersPct: -4,
  /** Croissants are 45% of bakery sales; nothing replaces them. */
  bakerySpendPerOrderPct: -45,
  skus: ['MILK-OAT', 'CROISSANT'] as const,
};

/** Campaign strength on a day: linear ramp-up, full, then linear decay after the spend stops. */
export function campaignStrength(day: number, plan: Plan): number {
  if (day < plan.campaignStart) return 0;
  if (day <= plan.campaignEnd) return Math.min(1, (day - plan.campaignStart + 1) / CAMPAIGN_RAMP_DAYS);
  const after = day - plan.campaignEnd;
  return after <= CAMPAIGN_DECAY_DAYS ? (CAMPAIGN_DECAY_DAYS + 1 - after) / (CAMPAIGN_DECAY_DAYS + 1) : 0;
}

export function campaignSpending(day: number, plan: Plan, effects: Effects): boolean {
  return effects.campaign && day >= plan.campaignStart && day <= plan.campaignEnd;
}

export function priceChanged(day: number, plan: Plan, effects: Effects): boolean {
  return effects.priceChange && day >= plan.priceChange;
}

export function inStockout(day: number, plan: Plan, effects: Effects): boolean {
  return effects.stockout && day >= plan.stockoutStart && day <= plan.stockoutEnd;
}
