/**
 * The café's stock list: what it buys, from whom, when it is delivered, and how much each sale
 * uses. Usage is derived from the day's sales so inventory moves with the business.
 */
import type { InventoryItem } from './types';

export interface UsageDrivers {
  coffeeDrinks: number;
  teaDrinks: number;
  /** Coffee drinks made with milk, split by milk. */
  wholeMilkDrinks: number;
  oatMilkDrinks: number;
  almondMilkDrinks: number;
  hotCups: number;
  coldCups: number;
  bakeryUnits: number;
  /** Croissant share of bakery units (0 while croissants are out). */
  croissantShare: number;
  foodUnits: number;
  retailUnits: number;
  /** 1 in deep winter, 0 in summer: hot chocolate season. */
  winter: number;
}

export interface StockItem extends InventoryItem {
  /** Weekdays (0 = Sunday) the supplier delivers. */
  deliveryDays: readonly number[];
  /** Counted in whole units (pieces, bags) rather than measured (kg, gallons). */
  whole: boolean;
  use: (d: UsageDrivers) => number;
}

const DAILY = [0, 1, 2, 3, 4, 5, 6] as const;
/** Croissants' usual share of bakery units. */
export const CROISSANT_SHARE = 0.45;
const ROASTER = 'Harborline Roasters';
const DAIRY = 'Coastal Creamery';
const FOODSERVICE = 'Bayside Foodservice';
const TEA = 'Pacific Leaf Tea Co.';
const BAKERY = 'Dockside Bakehouse';
const KITCHEN = 'Galley Kitchen Co.';
const GOODS = 'Harbor Goods';

/** Non-croissant bakery items share what croissants leave, so they keep selling during the stock-out. */
const otherBakery = (share: number) => (d: UsageDrivers) => (d.bakeryUnits * (1 - d.croissantShare) * share) / (1 - CROISSANT_SHARE);

export const STOCK_ITEMS: readonly StockItem[] = [
  { sku: 'BEAN-HOUSE', name: 'House espresso beans', unit: 'kg', casePack: 5, unitCost: 15.5, shelfLifeDays: 60, supplier: ROASTER, deliveryDays: [2], whole: false, use: (d) => d.coffeeDrinks * 0.85 * 0.028 },
  { sku: 'BEAN-DECAF', name: 'Decaf espresso beans', unit: 'kg', casePack: 1, unitCost: 17, shelfLifeDays: 60, supplier: ROASTER, deliveryDays: [2], whole: false, use: (d) => d.coffeeDrinks * 0.07 * 0.028 },
  { sku: 'BEAN-SINGLE', name: 'Single-origin pour-over beans', unit: 'kg', casePack: 1, unitCost: 24, shelfLifeDays: 45, supplier: ROASTER, deliveryDays: [2], whole: false, use: (d) => d.coffeeDrinks * 0.08 * 0.022 },
  { sku: 'MILK-WHOLE', name: 'Whole milk', unit: 'gal', casePack: 4, unitCost: 4.1, shelfLifeDays: 12, supplier: DAIRY, deliveryDays: [1, 3, 5], whole: false, use: (d) => d.wholeMilkDrinks * (8 / 128) },
  { sku: 'MILK-OAT', name: 'Oat milk (barista, 32 oz)', unit: 'carton', casePack: 12, unitCost: 3.4, shelfLifeDays: 45, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: false, use: (d) => d.oatMilkDrinks * (8 / 32) },
  { sku: 'MILK-ALMOND', name: 'Almond milk (barista, 32 oz)', unit: 'carton', casePack: 12, unitCost: 3.1, shelfLifeDays: 45, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: false, use: (d) => d.almondMilkDrinks * (8 / 32) },
  { sku: 'CREAM-HALF', name: 'Half & half (quart)', unit: 'qt', casePack: 12, unitCost: 2.6, shelfLifeDays: 21, supplier: DAIRY, deliveryDays: [1, 3, 5], whole: false, use: (d) => d.coffeeDrinks * 0.15 * (1 / 32) },
  { sku: 'SYR-VANILLA', name: 'Vanilla syrup (750 ml)', unit: 'bottle', casePack: 6, unitCost: 9.5, shelfLifeDays: 365, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: false, use: (d) => d.coffeeDrinks * 0.3 * 0.5 * (15 / 750) },
  { sku: 'SYR-CARAMEL', name: 'Caramel syrup (750 ml)', unit: 'bottle', casePack: 6, unitCost: 9.5, shelfLifeDays: 365, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: false, use: (d) => d.coffeeDrinks * 0.3 * 0.3 * (15 / 750) },
  { sku: 'SYR-HAZELNUT', name: 'Hazelnut syrup (750 ml)', unit: 'bottle', casePack: 6, unitCost: 9.5, shelfLifeDays: 365, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: false, use: (d) => d.coffeeDrinks * 0.3 * 0.2 * (15 / 750) },
  { sku: 'TEA-BLACK', name: 'English breakfast tea (100 bags)', unit: 'box', casePack: 6, unitCost: 18, shelfLifeDays: 540, supplier: TEA, deliveryDays: [3], whole: false, use: (d) => (d.teaDrinks * 0.4) / 100 },
  { sku: 'TEA-GREEN', name: 'Sencha green tea (100 bags)', unit: 'box', casePack: 6, unitCost: 21, shelfLifeDays: 540, supplier: TEA, deliveryDays: [3], whole: false, use: (d) => (d.teaDrinks * 0.25) / 100 },
  { sku: 'TEA-CHAI', name: 'Chai concentrate (32 oz)', unit: 'carton', casePack: 12, unitCost: 6.5, shelfLifeDays: 180, supplier: TEA, deliveryDays: [3], whole: false, use: (d) => d.teaDrinks * 0.35 * (4 / 32) },
  { sku: 'COCOA', name: 'Hot chocolate mix (2 lb)', unit: 'can', casePack: 6, unitCost: 14, shelfLifeDays: 365, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: false, use: (d) => (d.coffeeDrinks * 0.05 * d.winter) / 40 },
  { sku: 'CROISSANT', name: 'Butter croissant (frozen, bake-off)', unit: 'each', casePack: 60, unitCost: 0.95, shelfLifeDays: 90, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: true, use: (d) => d.bakeryUnits * d.croissantShare },
  { sku: 'MUFFIN', name: 'Blueberry muffin', unit: 'each', casePack: 12, unitCost: 1.2, shelfLifeDays: 2, supplier: BAKERY, deliveryDays: DAILY, whole: true, use: otherBakery(0.25) },
  { sku: 'COOKIE', name: 'Chocolate chip cookie', unit: 'each', casePack: 12, unitCost: 0.7, shelfLifeDays: 3, supplier: BAKERY, deliveryDays: DAILY, whole: true, use: otherBakery(0.15) },
  { sku: 'SCONE', name: 'Cranberry scone', unit: 'each', casePack: 12, unitCost: 1.1, shelfLifeDays: 2, supplier: BAKERY, deliveryDays: DAILY, whole: true, use: otherBakery(0.15) },
  { sku: 'BAGEL', name: 'Plain bagel', unit: 'each', casePack: 12, unitCost: 0.55, shelfLifeDays: 2, supplier: BAKERY, deliveryDays: DAILY, whole: true, use: (d) => d.foodUnits * 0.25 },
  { sku: 'CREAM-CHEESE', name: 'Cream cheese (5 lb tub)', unit: 'tub', casePack: 2, unitCost: 17, shelfLifeDays: 30, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: false, use: (d) => (d.foodUnits * 0.25 * 0.6) / 80 },
  { sku: 'SAND-TURKEY', name: 'Turkey & swiss sandwich', unit: 'each', casePack: 6, unitCost: 4.2, shelfLifeDays: 3, supplier: KITCHEN, deliveryDays: DAILY, whole: true, use: (d) => d.foodUnits * 0.3 },
  { sku: 'SAND-CAPRESE', name: 'Caprese sandwich', unit: 'each', casePack: 6, unitCost: 4.0, shelfLifeDays: 3, supplier: KITCHEN, deliveryDays: DAILY, whole: true, use: (d) => d.foodUnits * 0.25 },
  { sku: 'SALAD-BOX', name: 'Grain salad box', unit: 'each', casePack: 6, unitCost: 4.5, shelfLifeDays: 3, supplier: KITCHEN, deliveryDays: DAILY, whole: true, use: (d) => d.foodUnits * 0.2 },
  { sku: 'CUP-HOT-12', name: 'Hot cup 12 oz', unit: 'each', casePack: 1000, unitCost: 0.09, shelfLifeDays: 3650, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: true, use: (d) => d.hotCups * 0.6 },
  { sku: 'CUP-HOT-16', name: 'Hot cup 16 oz', unit: 'each', casePack: 1000, unitCost: 0.11, shelfLifeDays: 3650, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: true, use: (d) => d.hotCups * 0.4 },
  { sku: 'CUP-COLD-16', name: 'Cold cup 16 oz', unit: 'each', casePack: 1000, unitCost: 0.1, shelfLifeDays: 3650, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: true, use: (d) => d.coldCups },
  { sku: 'LID-HOT', name: 'Hot cup lid', unit: 'each', casePack: 1000, unitCost: 0.04, shelfLifeDays: 3650, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: true, use: (d) => d.hotCups },
  { sku: 'LID-COLD', name: 'Cold cup lid', unit: 'each', casePack: 1000, unitCost: 0.04, shelfLifeDays: 3650, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: true, use: (d) => d.coldCups },
  { sku: 'STRAW', name: 'Paper straw', unit: 'each', casePack: 2000, unitCost: 0.02, shelfLifeDays: 3650, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: true, use: (d) => d.coldCups * 0.5 },
  { sku: 'SLEEVE', name: 'Cup sleeve', unit: 'each', casePack: 1000, unitCost: 0.05, shelfLifeDays: 3650, supplier: FOODSERVICE, deliveryDays: [1, 4], whole: true, use: (d) => d.hotCups * 0.5 },
  { sku: 'RET-BEANS', name: 'House blend beans, 12 oz retail bag', unit: 'bag', casePack: 12, unitCost: 8.5, shelfLifeDays: 90, supplier: ROASTER, deliveryDays: [2], whole: true, use: (d) => d.retailUnits * 0.8 },
  { sku: 'RET-TUMBLER', name: 'Harbor Street tumbler', unit: 'each', casePack: 24, unitCost: 9, shelfLifeDays: 3650, supplier: GOODS, deliveryDays: [1], whole: true, use: (d) => d.retailUnits * 0.2 },
];

export function inventoryItems(): InventoryItem[] {
  return STOCK_ITEMS.map(({ sku, name, unit, casePack, unitCost, shelfLifeDays, supplier }) => ({ sku, name, unit, casePack, unitCost, shelfLifeDays, supplier }));
}
