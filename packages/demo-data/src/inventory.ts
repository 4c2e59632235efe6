/**
 * End-of-day stock per item. Each supplier delivers on its weekdays; the café orders up to what
 * it expects to use until the next delivery plus a safety margin, in whole cases. During the
 * planted stock-out the supplier delivers nothing and the two items sit at zero; an emergency
 * delivery restocks them the morning after.
 */
import { weekday } from './dates';
import type { DayDemand, DayExpectation } from './demand';
import { STOCKOUT } from './effects';
import { CROISSANT_SHARE, STOCK_ITEMS, type StockItem, type UsageDrivers } from './items';
import { icedShare, priceLevel, summerness, type Category } from './model';
import type { Plan } from './plan';
import { at } from './util';

/** Average menu prices at the end date's price level, to turn sales into units. */
const UNIT_PRICE: Record<Category, number> = { coffee: 4.9, tea: 3.8, food: 8.5, bakery: 3.4, retail: 16 };
const MILK_SHARE = 0.72;
/** Order-up-to margin over expected use: generous for fresh items, which come daily in small numbers. */
const SAFETY = 1.35;
const FRESH_SAFETY = 1.6;
const OAT = 0.2;
const ALMOND = 0.06;

export interface InventoryResult {
  /** levels[item][dayIndex], end of day, in the item's unit. */
  levels: number[][];
  /** Items at zero at the end of each day. */
  stockouts: number[];
}

export interface SalesForUsage {
  day: number;
  categoryUsd: Record<Category, number>;
  coffeePriceFactor: number;
  oatOut: boolean;
  croissantOut: boolean;
}

export function drivers(s: SalesForUsage, endDay: number): UsageDrivers {
  const p = priceLevel(s.day, endDay);
  const coffeeDrinks = s.categoryUsd.coffee / (UNIT_PRICE.coffee * p * s.coffeePriceFactor);
  const teaDrinks = s.categoryUsd.tea / (UNIT_PRICE.tea * p);
  const milkDrinks = coffeeDrinks * MILK_SHARE;
  // Without oat milk, those who stay switch to whole or almond milk.
  const oat = s.oatOut ? 0 : OAT;
  const almond = s.oatOut ? ALMOND + OAT * 0.4 : ALMOND;
  const iced = icedShare(s.day);
  const takeaway = 0.8;
  return {
    coffeeDrinks,
    teaDrinks,
    wholeMilkDrinks: milkDrinks * (1 - oat - almond),
    oatMilkDrinks: milkDrinks * oat,
    almondMilkDrinks: milkDrinks * almond,
    hotCups: (coffeeDrinks + teaDrinks) * (1 - iced) * takeaway,
    coldCups: (coffeeDrinks + teaDrinks) * iced * takeaway,
    bakeryUnits: s.categoryUsd.bakery / (UNIT_PRICE.bakery * p),
    croissantShare: s.croissantOut ? 0 : CROISSANT_SHARE,
    foodUnits: s.categoryUsd.food / (UNIT_PRICE.food * p),
    retailUnits: s.categoryUsd.retail / (UNIT_PRICE.retail * p),
    winter: Math.max(0, -summerness(s.day)) * 0.8 + 0.2,
  };
}

function usage(item: StockItem, d: UsageDrivers): number {
  const raw = Math.max(0, item.use(d));
  return item.whole ? Math.round(raw) : raw;
}

export interface InventoryInput {
  endDay: number;
  plan: Plan;
  stockoutOn: boolean;
  demand: DayDemand[];
  /** Expectations for the series plus a fortnight beyond it, for ordering ahead. */
  expect: (day: number) => DayExpectation;
  coffeePriceFactor: (day: number) => number;
}

export function simulateInventory(input: InventoryInput): InventoryResult {
  const { endDay, plan, stockoutOn, demand, expect } = input;
  const outSkus: readonly string[] = stockoutOn ? STOCKOUT.skus : [];
  const inWindow = (day: number) => stockoutOn && day >= plan.stockoutStart && day <= plan.stockoutEnd;

  const forecastCache = new Map<number, UsageDrivers | null>();
  const forecast = (day: number): UsageDrivers | null => {
    if (!forecastCache.has(day)) {
      const e = expect(day);
      const orders = e.baseline + e.uplift;
      const categoryUsd = { ...e.spend };
      for (const c of Object.keys(categoryUsd) as Category[]) categoryUsd[c] *= orders;
      const sales = { day, categoryUsd, coffeePriceFactor: input.coffeePriceFactor(day), oatOut: false, croissantOut: false };
      forecastCache.set(day, e.open ? drivers(sales, endDay) : null);
    }
    return forecastCache.get(day) ?? null;
  };

  const actual = demand.map((d) => {
    const categoryUsd = { ...d.categoryCents };
    for (const c of Object.keys(categoryUsd) as Category[]) categoryUsd[c] /= 100;
    const out = inWindow(d.day);
    return d.open ? drivers({ day: d.day, categoryUsd, coffeePriceFactor: input.coffeePriceFactor(d.day), oatOut: out, croissantOut: out }, endDay) : null;
  });

  const levels = STOCK_ITEMS.map((item) => {
    const delivers = (day: number) => item.deliveryDays.includes(weekday(day)) && forecast(day) !== null;
    const orderUpTo = (day: number) => {
      let next = day + 1;
      while (!delivers(next) && next < day + 14) next++;
      let need = 0;
      for (let k = day; k < next; k++) {
        const f = forecast(k);
        need += f ? item.use(f) : 0;
      }
      return need * (item.deliveryDays.length === 7 ? FRESH_SAFETY : SAFETY);
    };
    const isOut = outSkus.includes(item.sku);
    // Opening stock as if the last delivery had just arrived.
    const opening = orderUpTo(at(demand, 0).day);
    let onHand = item.whole ? Math.ceil(opening) : opening;
    return demand.map((d, i) => {
      const blocked = isOut && inWindow(d.day);
      const emergency = isOut && d.day === plan.stockoutEnd + 1;
      if (!blocked && d.open && (delivers(d.day) || emergency)) {
        const short = orderUpTo(d.day) - onHand;
        if (short > 0) onHand += Math.ceil(short / item.casePack) * item.casePack;
      }
      const drv = at(actual, i);
      onHand = blocked ? 0 : Math.max(0, onHand - (drv ? usage(item, drv) : 0));
      return item.whole ? onHand : Math.round(onHand * 100) / 100;
    });
  });

  const stockouts = demand.map((_, i) => levels.filter((series) => at(series, i) <= 0).length);
  return { levels, stockouts };
}
