/**
 * Daily sales: orders, revenue by category, new customers and refunds. The deterministic part
 * (seasonality, holidays, planted effects) is separated from the noise so that switching an
 * effect off changes only that effect.
 */
import type { Holiday } from './calendar';
import { CAMPAIGN, PRICE_CHANGE, STOCKOUT, campaignStrength, inStockout, priceChanged, type Effects } from './effects';
import { CATEGORIES, MIX_SIGMA, baseSpendPerOrder, baselineOrders, summerness, type Category } from './model';
import type { DayNoise } from './noise';
import type { Plan } from './plan';
import { at, clamp, sum } from './util';

export interface DayExpectation {
  day: number;
  open: boolean;
  /** Expected orders without noise, campaign or stock-out (price change included). */
  baseline: number;
  /** Expected extra orders from the campaign. */
  uplift: number;
  /** Sets the Poisson-like spread; independent of the planted effects. */
  traffic: number;
  /** Expected spend per order by category (price change included). */
  spend: Record<Category, number>;
  newCustomerRate: number;
  stockout: boolean;
}

export interface DayDemand {
  day: number;
  open: boolean;
  /** What the manager plans for: baseline plus the planned campaign; stock-outs are a surprise. */
  expectedOrders: number;
  orders: number;
  categoryCents: Record<Category, number>;
  revenueCents: number;
  newCustomers: number;
  refundCents: number;
  stockout: boolean;
}

interface StockoutAdjustment {
  coffee: number;
  bakery: number;
  orders: number;
}

const NO_ADJUSTMENT: StockoutAdjustment = { coffee: 1, bakery: 1, orders: 1 };
const REFUND_RATE = 0.004;

export function expectDay(day: number, endDay: number, plan: Plan, effects: Effects, holidays: Map<number, Holiday>): DayExpectation {
  const holiday = holidays.get(day);
  const traffic = baselineOrders(day, endDay) * (holiday?.multiplier ?? 1);
  const priced = priceChanged(day, plan, effects);
  const baseline = traffic * (priced ? 1 + PRICE_CHANGE.ordersPct / 100 : 1);
  const strength = effects.campaign ? campaignStrength(day, plan) : 0;
  const spend = baseSpendPerOrder(day, endDay);
  if (priced) spend.coffee *= 1 + PRICE_CHANGE.coffeePricePct / 100;
  return {
    day,
    open: !(holiday?.closed ?? false),
    baseline,
    uplift: (CAMPAIGN.peakUpliftPct / 100) * strength * baseline,
    traffic,
    spend,
    newCustomerRate: 0.08 + 0.05 * Math.max(0, summerness(day)),
    stockout: inStockout(day, plan, effects),
  };
}

function closedDay(e: DayExpectation): DayDemand {
  const zero = { coffee: 0, tea: 0, food: 0, bakery: 0, retail: 0 };
  return { day: e.day, open: false, expectedOrders: 0, orders: 0, categoryCents: zero, revenueCents: 0, newCustomers: 0, refundCents: 0, stockout: e.stockout };
}

/** Spend per order today: expectation × stock-out losses × mean-one log-normal mix noise. */
function realisedSpend(e: DayExpectation, noise: DayNoise, adj: StockoutAdjustment): Record<Category, number> {
  const out = { ...e.spend };
  CATEGORIES.forEach((c, i) => {
    const sigma = MIX_SIGMA[c];
    out[c] *= Math.exp(sigma * at(noise.mix, i) - (sigma * sigma) / 2);
  });
  out.coffee *= adj.coffee;
  out.bakery *= adj.bakery;
  return out;
}

function realisedOrders(e: DayExpectation, noise: DayNoise, weather: number, adj: StockoutAdjustment): number {
  // Poisson-like spread with a fixed draw, so every scenario sees the same noise.
  const poisson = Math.max(0.1, 1 + noise.orders / Math.sqrt(Math.max(1, e.traffic)));
  return (e.baseline * weather * poisson + e.uplift) * adj.orders;
}

function realiseDay(e: DayExpectation, noise: DayNoise, weather: number, adj: StockoutAdjustment): DayDemand {
  if (!e.open) return closedDay(e);
  const ordersReal = realisedOrders(e, noise, weather, adj);
  const orders = Math.max(0, Math.round(ordersReal));
  const spend = realisedSpend(e, noise, adj);
  const categoryCents = { coffee: 0, tea: 0, food: 0, bakery: 0, retail: 0 };
  for (const c of CATEGORIES) categoryCents[c] = Math.round(orders * spend[c] * 100);
  const revenueCents = sum(Object.values(categoryCents));

  const organicNew = (ordersReal - e.uplift * adj.orders) * e.newCustomerRate * Math.exp(0.1 * noise.newCustomers - 0.005);
  const newCustomers = clamp(Math.round(organicNew + CAMPAIGN.newCustomerShare * e.uplift * adj.orders), 0, orders);

  const refundMean = orders * REFUND_RATE;
  const refunds = Math.max(0, Math.round(refundMean + noise.refundCount * Math.sqrt(refundMean)));
  const ticket = orders > 0 ? revenueCents / orders : 0;
  const refundCents = Math.round(refunds * ticket * (0.6 + 0.8 * noise.refundSize));

  return { day: e.day, open: true, expectedOrders: e.baseline + e.uplift, orders, categoryCents, revenueCents, newCustomers, refundCents, stockout: e.stockout };
}

/**
 * Solves the coffee loss so the stock-out week's revenue is exactly STOCKOUT.revenuePct below the
 * same week without it, given this seed's noise: the documented loss is then the true loss.
 */
function calibrateStockout(days: { e: DayExpectation; noise: DayNoise; weather: number }[]): StockoutAdjustment {
  const partial: StockoutAdjustment = { coffee: 1, bakery: 1 + STOCKOUT.bakerySpendPerOrderPct / 100, orders: 1 + STOCKOUT.ordersPct / 100 };
  let counterfactual = 0;
  let others = 0;
  let coffee = 0;
  for (const { e, noise, weather } of days) {
    counterfactual += realiseDay(e, noise, weather, NO_ADJUSTMENT).revenueCents;
    const hit = realiseDay(e, noise, weather, partial);
    others += hit.revenueCents - hit.categoryCents.coffee;
    coffee += hit.categoryCents.coffee;
  }
  const target = counterfactual * (1 + STOCKOUT.revenuePct / 100);
  const coffeeFactor = coffee > 0 ? clamp((target - others) / coffee, 0.5, 1) : 1;
  return { ...partial, coffee: coffeeFactor };
}

export interface DemandInput {
  expectations: DayExpectation[];
  noise: DayNoise[];
  weather: number[];
}

export function simulateDemand({ expectations, noise, weather }: DemandInput): DayDemand[] {
  const days = expectations.map((e, i) => ({ e, noise: at(noise, i), weather: at(weather, i) }));
  const hit = days.filter((d) => d.e.stockout && d.e.open);
  const adjustment = hit.length > 0 ? calibrateStockout(hit) : NO_ADJUSTMENT;
  return days.map(({ e, noise: n, weather: w }) => realiseDay(e, n, w, e.stockout ? adjustment : NO_ADJUSTMENT));
}
