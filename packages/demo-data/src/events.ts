/**
 * The ground truth: each planted event with its true size. Parameters (coffeePricePct,
 * peakUpliftPct, …) are the inputs; `expected…` numbers are seed-independent expectations;
 * the other numbers are the exact difference between this series and the same series, with the
 * same noise, without that one event.
 */
import { holidaysBetween } from './calendar';
import { formatDay, isoWeek, weekday } from './dates';
import { CAMPAIGN, PRICE_CHANGE, STOCKOUT, type Effects } from './effects';
import { CAMPAIGN_DECAY_DAYS, CAMPAIGN_RAMP_DAYS, CAMPAIGN_WEEKS, STOCKOUT_DAYS, type Plan } from './plan';
import type { Scenario } from './simulate';
import type { PlantedEvent } from './types';
import { at, mean, round, sum } from './util';

/** Days after the price change over which its ticket and order effects are measured. */
export const PRICE_MEASURE_DAYS = 28;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export type RunScenario = (effects: Effects) => Scenario;

interface Window {
  from: number;
  to: number;
}

function indices(s: Scenario, w: Window): number[] {
  const out: number[] = [];
  s.days.forEach((day, i) => {
    if (day >= w.from && day <= w.to) out.push(i);
  });
  return out;
}

const orders = (s: Scenario, i: number) => at(s.demand, i).orders;
const revenue = (s: Scenario, i: number) => at(s.demand, i).revenueCents / 100;
const diffMean = (a: Scenario, b: Scenario, idx: number[], f: (s: Scenario, i: number) => number) => mean(idx.map((i) => f(a, i) - f(b, i)));
const total = (s: Scenario, idx: number[], f: (s: Scenario, i: number) => number) => sum(idx.map((i) => f(s, i)));

function campaignEvent(s: Scenario, without: Scenario, plan: Plan): PlantedEvent {
  const spend = indices(s, { from: plan.campaignStart, to: plan.campaignEnd });
  const decay = indices(s, { from: plan.campaignEnd + 1, to: plan.campaignEnd + CAMPAIGN_DECAY_DAYS });
  const whole = [...spend, ...decay];
  const expectedRevenue = (i: number) => {
    const e = at(s.expectations, i);
    return e.uplift * sum(Object.values(e.spend));
  };
  const ordersPerDay = round(diffMean(s, without, spend, orders), 2);
  return {
    kind: 'campaign',
    start: formatDay(plan.campaignStart),
    end: formatDay(plan.campaignEnd),
    description:
      `Instagram campaign for ${CAMPAIGN_WEEKS} weeks: spend rises from about $${CAMPAIGN.instagramSpendBefore}/day to $${CAMPAIGN.instagramSpendDuring}/day; ` +
      `other channels unchanged. Extra orders ramp up over ${CAMPAIGN_RAMP_DAYS} days to +${CAMPAIGN.peakUpliftPct}% of expected orders and decay linearly over ` +
      `${CAMPAIGN_DECAY_DAYS} days after the spend stops (to ${formatDay(plan.campaignEnd + CAMPAIGN_DECAY_DAYS)}). ` +
      `True effect during the campaign: +${ordersPerDay} orders/day, +$${round(diffMean(s, without, spend, revenue), 2)}/day revenue.`,
    effect: {
      instagramSpendBeforePerDay: CAMPAIGN.instagramSpendBefore,
      instagramSpendDuringPerDay: CAMPAIGN.instagramSpendDuring,
      peakUpliftPct: CAMPAIGN.peakUpliftPct,
      rampUpDays: CAMPAIGN_RAMP_DAYS,
      decayDays: CAMPAIGN_DECAY_DAYS,
      ordersPerDay,
      revenuePerDay: round(diffMean(s, without, spend, revenue), 2),
      newCustomersPerDay: round(diffMean(s, without, spend, (x, i) => at(x.demand, i).newCustomers), 2),
      websiteSessionsPerDay: round(diffMean(s, without, spend, (x, i) => at(x.marketing, i).sessions), 2),
      ordersPerDayDuringDecay: round(diffMean(s, without, decay, orders), 2),
      totalIncrementalOrders: total(s, whole, orders) - total(without, whole, orders),
      totalIncrementalRevenue: round(total(s, whole, revenue) - total(without, whole, revenue), 2),
      expectedOrdersPerDay: round(mean(spend.map((i) => at(s.expectations, i).uplift)), 2),
      expectedRevenuePerDay: round(mean(spend.map(expectedRevenue)), 2),
    },
  };
}

function stockoutEvent(s: Scenario, without: Scenario, plan: Plan): PlantedEvent {
  const week = indices(s, { from: plan.stockoutStart, to: plan.stockoutEnd });
  const cat = (c: 'bakery' | 'coffee') => (x: Scenario, i: number) => at(x.demand, i).categoryCents[c] / 100;
  const counterfactual = total(without, week, revenue);
  const actual = total(s, week, revenue);
  const loss = round(counterfactual - actual, 2);
  return {
    kind: 'stockout',
    start: formatDay(plan.stockoutStart),
    end: formatDay(plan.stockoutEnd),
    description:
      `Bayside Foodservice cannot deliver for ${STOCKOUT_DAYS} days: oat milk (MILK-OAT) and croissants (CROISSANT) are at zero stock. ` +
      `Week revenue is ${STOCKOUT.revenuePct}% against the same week without the stock-out ($${round(counterfactual, 2)} → $${round(actual, 2)}, ` +
      `loss $${loss}), through bakery (no croissants), coffee (oat-milk drinks) and ${STOCKOUT.ordersPct}% orders. ISO week ${isoWeek(plan.stockoutStart)}.`,
    effect: {
      skuCount: STOCKOUT.skus.length,
      days: STOCKOUT_DAYS,
      isoWeek: isoWeek(plan.stockoutStart),
      bakerySpendPerOrderPct: STOCKOUT.bakerySpendPerOrderPct,
      expectedOrdersPct: STOCKOUT.ordersPct,
      revenuePct: round((actual / counterfactual - 1) * 100, 2),
      counterfactualRevenue: round(counterfactual, 2),
      revenue: round(actual, 2),
      revenueLoss: loss,
      ordersLost: total(without, week, orders) - total(s, week, orders),
      ordersPct: round((total(s, week, orders) / total(without, week, orders) - 1) * 100, 2),
      bakeryRevenueLoss: round(total(without, week, cat('bakery')) - total(s, week, cat('bakery')), 2),
      coffeeRevenueLoss: round(total(without, week, cat('coffee')) - total(s, week, cat('coffee')), 2),
    },
  };
}

function priceChangeEvent(s: Scenario, without: Scenario, plan: Plan): PlantedEvent {
  const after = indices(s, { from: plan.priceChange, to: plan.priceChange + PRICE_MEASURE_DAYS - 1 });
  const ticket = (x: Scenario) => total(x, after, revenue) / total(x, after, orders);
  const expectedTicket = (x: Scenario) => {
    const rev = sum(after.map((i) => at(x.expectations, i).baseline * sum(Object.values(at(x.expectations, i).spend))));
    return rev / sum(after.map((i) => at(x.expectations, i).baseline));
  };
  const averageTicketPct = round((ticket(s) / ticket(without) - 1) * 100, 2);
  return {
    kind: 'price_change',
    start: formatDay(plan.priceChange),
    end: formatDay(plan.priceChange),
    description:
      `Coffee prices +${PRICE_CHANGE.coffeePricePct}%, permanent from this day. Orders fall ${-PRICE_CHANGE.ordersPct}% (price elasticity); ` +
      `the average ticket rises ${averageTicketPct}% over the next ${PRICE_MEASURE_DAYS} days.`,
    effect: {
      coffeePricePct: PRICE_CHANGE.coffeePricePct,
      expectedOrdersPct: PRICE_CHANGE.ordersPct,
      expectedAverageTicketPct: round((expectedTicket(s) / expectedTicket(without) - 1) * 100, 2),
      measuredOverDays: PRICE_MEASURE_DAYS,
      averageTicketPct,
      ordersPct: round((total(s, after, orders) / total(without, after, orders) - 1) * 100, 2),
      revenuePct: round((total(s, after, revenue) / total(without, after, revenue) - 1) * 100, 2),
    },
  };
}

function holidayEvents(s: Scenario): PlantedEvent[] {
  const first = at(s.days, 0);
  const last = at(s.days, s.days.length - 1);
  return holidaysBetween(first, last).map((h): PlantedEvent =>
    h.closed
      ? { kind: 'closure', start: formatDay(h.day), end: formatDay(h.day), description: `${h.name}: closed; no sales, no staff.`, effect: { revenue: 0, orders: 0, labourHours: 0 } }
      : { kind: 'holiday', start: formatDay(h.day), end: formatDay(h.day), description: `${h.name}: traffic ${h.multiplier > 1 ? 'up' : 'down'} against a normal ${WEEKDAY_NAMES[weekday(h.day)] ?? 'day'}.`, effect: { trafficPct: round((h.multiplier - 1) * 100, 2) } },
  );
}

/** Events of a scenario; a planted event is listed when its start lies inside the series. */
export function buildEvents(s: Scenario, effects: Effects, plan: Plan, run: RunScenario): PlantedEvent[] {
  const first = at(s.days, 0);
  const last = at(s.days, s.days.length - 1);
  const inside = (day: number) => day >= first && day <= last;
  const events = holidayEvents(s);
  if (effects.priceChange && inside(plan.priceChange)) events.push(priceChangeEvent(s, run({ ...effects, priceChange: false }), plan));
  if (effects.campaign && inside(plan.campaignStart)) events.push(campaignEvent(s, run({ ...effects, campaign: false }), plan));
  if (effects.stockout && inside(plan.stockoutStart)) events.push(stockoutEvent(s, run({ ...effects, stockout: false }), plan));
  return events.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
