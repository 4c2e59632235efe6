/**
 * The café's planning settings, as an owner would save them for the optimizer: the stock list with
 * case packs, costs, delivery rhythm, fridge space and how much of each item an order uses; the
 * staff roster with roles and availability; marketing channels with diminishing returns; and the
 * menu prices to review. Usage per order is measured on the café's own model, so demand derived
 * from its `orders` metric matches what the simulation consumes.
 */
import { holidayIndex } from './calendar';
import { parseDay } from './dates';
import { expectDay } from './demand';
import { ALL_EFFECTS, PRICE_CHANGE, priceChanged } from './effects';
import { drivers } from './inventory';
import { STOCK_ITEMS, type StockItem } from './items';
import { CATEGORIES } from './model';
import { planEvents } from './plan';

/** Days before the end date over which usage per order is measured (the current season). */
const USAGE_WINDOW_DAYS = 28;
/** Litres of fridge space per unit of the items kept cold. */
const FRIDGE_LITRES: Record<string, number> = {
  'MILK-WHOLE': 3.8,
  'MILK-OAT': 1,
  'MILK-ALMOND': 1,
  'CREAM-HALF': 0.95,
  'CREAM-CHEESE': 2.5,
  'SAND-TURKEY': 0.6,
  'SAND-CAPRESE': 0.6,
  'SALAD-BOX': 0.8,
};
export const CAFE_FRIDGE_LITRES = 260;
export const CAFE_ORDER_CASH = 2500;
/** Supplier minimum order values. */
const SUPPLIER_MINIMUMS: Record<string, number> = {
  'Harborline Roasters': 150,
  'Coastal Creamery': 60,
  'Bayside Foodservice': 200,
  'Pacific Leaf Tea Co.': 100,
  'Dockside Bakehouse': 30,
  'Galley Kitchen Co.': 40,
  'Harbor Goods': 150,
};
/** Lost margin per unit short, as a multiple of the unit's cost (a drink or pastry not sold). */
const STOCKOUT_COST_FACTOR = 4;
/** Cost of a unit left over that keeps: money and space tied up, per day of cover. */
const CARRYING_RATE_PER_DAY = 0.002;

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Units of each item used per order over the window ending at `endDay`, from the café's own model. */
export function usagePerOrder(endDay: number): Map<string, number> {
  const plan = planEvents(endDay);
  const first = endDay - USAGE_WINDOW_DAYS + 1;
  const holidays = holidayIndex(first, endDay);
  const used = new Map<string, number>(STOCK_ITEMS.map((i) => [i.sku, 0]));
  let orders = 0;
  for (let day = first; day <= endDay; day++) {
    const e = expectDay(day, endDay, plan, ALL_EFFECTS, holidays);
    if (!e.open) continue;
    const dayOrders = e.baseline + e.uplift;
    const categoryUsd = Object.fromEntries(CATEGORIES.map((c) => [c, e.spend[c] * dayOrders])) as Record<(typeof CATEGORIES)[number], number>;
    const coffeePriceFactor = priceChanged(day, plan, ALL_EFFECTS) ? 1 + PRICE_CHANGE.coffeePricePct / 100 : 1;
    const d = drivers({ day, categoryUsd, coffeePriceFactor, oatOut: false, croissantOut: false }, endDay);
    for (const item of STOCK_ITEMS) used.set(item.sku, (used.get(item.sku) ?? 0) + Math.max(0, item.use(d)));
    orders += dayOrders;
  }
  return new Map([...used].map(([sku, units]) => [sku, orders > 0 ? units / orders : 0]));
}

/** Days an order must last: until the delivery after the next one. */
const coverDays = (item: StockItem) => Math.ceil(7 / item.deliveryDays.length);

function inventorySettings(endDay: number) {
  const usage = usagePerOrder(endDay);
  return {
    periodLabel: 'day',
    stockMetric: 'inventory_level',
    capacity: { volume: CAFE_FRIDGE_LITRES, volumeUnit: 'litre', volumeLabel: 'walk-in fridge', cash: CAFE_ORDER_CASH },
    suppliers: Object.entries(SUPPLIER_MINIMUMS).map(([name, minOrderValue]) => ({ id: slug(name), name, minOrderValue })),
    skus: STOCK_ITEMS.map((item) => {
      const cover = coverDays(item);
      // Ordered today, delivered tomorrow; what is left when it spoils is lost whole.
      const spoils = item.shelfLifeDays <= cover + 1;
      return {
        id: item.sku,
        name: item.name,
        unitCost: item.unitCost,
        casePack: item.casePack,
        leadTimePeriods: 1,
        coverPeriods: cover,
        holdingCost: spoils ? item.unitCost : round(item.unitCost * CARRYING_RATE_PER_DAY * cover, 4),
        stockoutCost: round(Math.max(0.25, item.unitCost * STOCKOUT_COST_FACTOR), 2),
        volumePerUnit: FRIDGE_LITRES[item.sku] ?? 0,
        supplier: slug(item.supplier),
        usage: { metric: 'orders', perUnit: round(usage.get(item.sku) ?? 0, 6) },
      };
    }),
  };
}

type Day = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';
const ALL_DAYS: Day[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const days = (list: Day[], from = 7, to = 17) => list.map((day) => ({ day, from, to }));

function staffingSettings() {
  return {
    openHours: { from: 7, to: 17 },
    driver: { metric: 'orders' },
    // Morning rush, lunch, a quiet afternoon: share of the day's orders per opening hour.
    hourlyProfile: [0.08, 0.14, 0.13, 0.1, 0.09, 0.12, 0.11, 0.09, 0.08, 0.06],
    roles: [
      { id: 'barista', name: 'Barista', hourlyCost: 19.25, perStaffPerHour: 22 },
      { id: 'cashier', name: 'Cashier', hourlyCost: 18.5, perStaffPerHour: 45 },
      { id: 'kitchen', name: 'Kitchen', hourlyCost: 19, staffWhileOpen: 1 },
    ],
    shifts: { lengths: [4, 6, 8], startHours: [7, 9, 11, 13] },
    rules: { minRestHours: 10, maxConsecutiveDays: 6 },
    serviceLevel: 0.8,
    employees: [
      { id: 'ava', name: 'Ava Chen', roles: ['barista', 'cashier'], hourlyCost: 21, minHoursPerWeek: 24, maxHoursPerWeek: 40, availability: days(ALL_DAYS) },
      { id: 'ben', name: 'Ben Ortiz', roles: ['barista'], hourlyCost: 20, minHoursPerWeek: 24, maxHoursPerWeek: 40, availability: days(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) },
      { id: 'chloe', name: 'Chloe Park', roles: ['barista'], hourlyCost: 19.5, minHoursPerWeek: 16, maxHoursPerWeek: 36, availability: days(['Wed', 'Thu', 'Fri', 'Sat', 'Sun']) },
      { id: 'diego', name: 'Diego Alvarez', roles: ['barista', 'cashier'], hourlyCost: 19, maxHoursPerWeek: 32, availability: days(['Thu', 'Fri', 'Sat', 'Sun', 'Mon'], 7, 15) },
      { id: 'emma', name: 'Emma Wilson', roles: ['cashier'], hourlyCost: 17.5, maxHoursPerWeek: 28, availability: [...days(['Fri', 'Sat', 'Sun']), ...days(['Tue'], 12, 17)] },
      { id: 'farah', name: 'Farah Haddad', roles: ['cashier', 'kitchen'], hourlyCost: 18, minHoursPerWeek: 16, maxHoursPerWeek: 40, availability: days(ALL_DAYS) },
      { id: 'gus', name: 'Gus Nguyen', roles: ['kitchen'], hourlyCost: 19, minHoursPerWeek: 24, maxHoursPerWeek: 40, availability: days(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) },
      { id: 'hana', name: 'Hana Sato', roles: ['kitchen', 'cashier'], hourlyCost: 18.5, maxHoursPerWeek: 36, availability: days(['Tue', 'Wed', 'Thu', 'Fri', 'Sat']) },
      { id: 'ivan', name: 'Ivan Petrov', roles: ['kitchen'], hourlyCost: 18, maxHoursPerWeek: 30, availability: days(['Fri', 'Sat', 'Sun', 'Mon']) },
      { id: 'jules', name: 'Jules Martin', roles: ['barista', 'cashier'], hourlyCost: 17.5, maxHoursPerWeek: 24, availability: [...days(['Sat', 'Sun']), ...days(['Fri'], 12, 17)] },
      { id: 'kai', name: 'Kai Robinson', roles: ['barista', 'cashier'], hourlyCost: 18, maxHoursPerWeek: 32, availability: days(['Mon', 'Tue', 'Wed', 'Thu', 'Sun']) },
      { id: 'lena', name: 'Lena Fischer', roles: ['cashier', 'barista'], hourlyCost: 17.5, maxHoursPerWeek: 28, availability: days(['Mon', 'Tue', 'Wed', 'Sat']) },
    ],
  };
}

function budgetSettings() {
  // Monthly revenue at monthly spend levels; the Instagram curve is consistent with the planted
  // campaign (about $2 of revenue per extra dollar at $3,600 a month).
  return {
    spendMetric: 'marketing_spend',
    periodDays: 30,
    objective: 'profit',
    channels: [
      { id: 'instagram', name: 'Instagram', margin: 0.68, response: [{ spend: 0, revenue: 0 }, { spend: 300, revenue: 1500 }, { spend: 900, revenue: 3300 }, { spend: 2000, revenue: 5000 }, { spend: 3600, revenue: 6400 }] },
      { id: 'google_ads', name: 'Google Ads', margin: 0.68, response: [{ spend: 0, revenue: 0 }, { spend: 400, revenue: 1800 }, { spend: 1000, revenue: 3400 }, { spend: 2000, revenue: 4800 }] },
      { id: 'flyers', name: 'Flyers', margin: 0.68, maxSpend: 600, response: [{ spend: 0, revenue: 0 }, { spend: 120, revenue: 500 }, { spend: 300, revenue: 800 }, { spend: 600, revenue: 1000 }] },
      { id: 'email', name: 'Email newsletter', margin: 0.68, minSpend: 45, response: [{ spend: 0, revenue: 0 }, { spend: 45, revenue: 600 }, { spend: 150, revenue: 900 }] },
    ],
  };
}

function pricingSettings() {
  const prices = (from: number, to: number) => Array.from({ length: Math.round((to - from) / 0.25) + 1 }, (_, k) => round(from + k * 0.25, 2));
  const item = (id: string, name: string, unitCost: number, currentPrice: number, weekly: number, elasticity: number) => ({
    id,
    name,
    unitCost,
    currentPrice,
    maxChange: 0.15,
    demand: { elasticity: { basePrice: currentPrice, baseDemand: weekly, elasticity, prices: prices(round(currentPrice * 0.8, 1), round(currentPrice * 1.2, 1)) } },
  });
  return {
    products: [
      item('drip', 'Drip coffee', 0.45, 3, 520, -1.1),
      item('cappuccino', 'Cappuccino', 0.9, 4.75, 430, -1.5),
      item('latte', 'Latte', 1.05, 5.25, 610, -1.4),
      item('cold-brew', 'Cold brew', 0.8, 5, 260, -1.8),
      item('croissant', 'Butter croissant', 0.95, 3.75, 480, -1.2),
      item('muffin', 'Blueberry muffin', 1.2, 3.5, 240, -1.6),
    ],
    ladders: [
      { lower: 'drip', higher: 'cappuccino', minGap: 0.5 },
      { lower: 'cappuccino', higher: 'latte', minGap: 0.25 },
    ],
  };
}

export interface CafePlanningSettings {
  inventory: ReturnType<typeof inventorySettings>;
  staffing: ReturnType<typeof staffingSettings>;
  budget: ReturnType<typeof budgetSettings>;
  pricing: ReturnType<typeof pricingSettings>;
}

/** The café's saved optimizer settings as of `endDate` (usage per order measured over the 4 weeks before it). */
export function cafePlanningSettings(opts: { endDate: string }): CafePlanningSettings {
  const endDay = parseDay(opts.endDate);
  return { inventory: inventorySettings(endDay), staffing: staffingSettings(), budget: budgetSettings(), pricing: pricingSettings() };
}
