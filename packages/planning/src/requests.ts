// Optimize requests and saved settings: what a caller may leave out and what the tenant saves to
// fill it. List lengths are checked against the engine's limits by validate.ts (413), not here
// (which would make them a 400). Saved settings and requests share item shapes: a request item with
// the id of a saved item is laid over it, field by field. Ranges are checked by the engine's own
// schemas once everything is filled in, so errors name the field the engine saw.
import { z } from '@hono/zod-openapi';
import { DAY_NAMES } from './logic/dates';

const num = z.number().finite();
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');
const Id = z.string().min(1).max(100);
const Filters = z.record(z.string(), z.string()).optional().openapi({ description: 'Dimension filter of the metric, e.g. { "channel": "instagram" }.' });

/** The engine's own demand shapes (point, scenarios, or a forecast); checked by the engine's schema. */
const EngineDemand = z.unknown().openapi({ description: "Demand in the engine's own shape: { point }, { scenarios, probabilities? } or { forecast: { mean, intervals } }." });

const SolverOptions = {
  timeLimit: num.optional().openapi({ description: 'Seconds the solver may spend (default 10, at most 300).' }),
  mipGap: num.optional().openapi({ description: 'Relative MIP gap within which a plan counts as optimal (default 1e-4).' }),
  engine: z.enum(['auto', 'glpk', 'highs']).optional().openapi({ description: "'auto' (default) applies the engine's measured rule: glpk.js for small models, HiGHS for large or hard ones." }),
};

export const DemandSource = z
  .enum(['auto', 'forecast', 'history'])
  .openapi({ description: "Where missing demand comes from: 'forecast' (the latest stored forecast of the metric), 'history' (the same weekday over the last 8 weeks), 'auto' (the forecast when it covers the days needed, else history)." });

const Usage = z
  .object({
    metric: z.string().min(1).max(60).openapi({ example: 'orders' }),
    filters: Filters,
    perUnit: num.positive().openapi({ description: 'Units of this SKU used per unit of the metric (e.g. kg of beans per order).' }),
  })
  .strict()
  .openapi('DemandDriver', { description: "What drives a SKU's use: demand = the metric's daily demand × perUnit." });

export const SkuItem = z
  .object({
    id: Id,
    name: z.string().min(1).max(200).optional(),
    unitCost: num.optional(),
    casePack: num.optional(),
    onHand: num.optional().openapi({ description: "Units in stock now; when absent, the latest value of the stock metric for this SKU (dimension 'sku')." }),
    onOrder: num.optional(),
    leadTimePeriods: num.optional(),
    coverPeriods: num.optional(),
    holdingCost: num.optional(),
    stockoutCost: num.optional(),
    volumePerUnit: num.optional(),
    supplier: z.string().min(1).max(100).optional(),
    minCases: num.optional(),
    maxCases: num.optional(),
    demand: EngineDemand.optional(),
    usage: Usage.optional(),
  })
  .strict()
  .openapi('InventorySku');

const Supplier = z.object({ id: Id, name: z.string().max(200).optional(), minOrderValue: num }).strict();
const InventoryCapacity = z
  .object({ volume: num.optional(), volumeUnit: z.string().max(30).optional(), volumeLabel: z.string().max(100).optional(), cash: num.optional() })
  .strict();

const inventoryCommon = {
  suppliers: z.array(Supplier).optional(),
  capacity: InventoryCapacity.optional(),
  scenarioCount: num.optional(),
  periodLabel: z.string().max(30).optional(),
  currency: z.string().max(5).optional(),
};

export const InventorySettings = z
  .object({
    skus: z.array(SkuItem).default([]),
    ...inventoryCommon,
    stockMetric: z.string().min(1).max(60).optional().openapi({ description: "Metric holding stock counts by 'sku' (default inventory_level)." }),
  })
  .strict()
  .openapi('InventorySettings');

export const InventoryRequest = z
  .object({
    skus: z.array(SkuItem).optional().openapi({ description: 'SKUs to plan (each laid over the saved SKU with its id); all saved SKUs when absent.' }),
    ...inventoryCommon,
    start: Day.optional().openapi({ description: 'First day of the plan (period 0); default tomorrow.' }),
    demandSource: DemandSource.optional(),
    ...SolverOptions,
  })
  .strict()
  .openapi('InventoryRequest');

const DayWindow = z.object({ day: z.enum(DAY_NAMES), from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) }).strict();

export const StaffRole = z
  .object({
    id: Id,
    name: z.string().min(1).max(200).optional(),
    hourlyCost: num.optional(),
    perStaffPerHour: num.positive().optional().openapi({ description: "Units of the driver metric one person handles per hour (e.g. orders); the role's need follows demand." }),
    staffWhileOpen: z.number().int().nonnegative().optional().openapi({ description: 'A fixed head-count whenever the business is open (e.g. one cook).' }),
    demand: EngineDemand.optional(),
  })
  .strict()
  .openapi('StaffRole');

export const Employee = z
  .object({
    id: Id,
    name: z.string().min(1).max(200).optional(),
    roles: z.array(z.string().min(1)).optional(),
    hourlyCost: num.optional(),
    minHoursPerWeek: num.optional(),
    maxHoursPerWeek: num.optional(),
    availability: z.array(DayWindow).max(50).optional().openapi({ description: 'Weekly windows the person can work, in local hours; always available when absent.' }),
  })
  .strict()
  .openapi('Employee');

const staffingCommon = {
  shifts: z.object({ lengths: z.array(num).min(1), startHours: z.array(num).optional() }).strict().optional(),
  rules: z.object({ minRestHours: num.optional(), maxConsecutiveDays: num.optional() }).strict().optional(),
  serviceLevel: num.optional().openapi({ description: 'Demand quantile each hour must be covered at (0.5–0.999); default 0.9.' }),
  unservedCost: num.optional(),
  scenarioCount: num.optional(),
  currency: z.string().max(5).optional(),
};

export const StaffingSettings = z
  .object({
    openHours: z.object({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) }).strict().optional().openapi({ description: 'Local opening hours, every open day (default 7–17).' }),
    closedDays: z.array(z.enum(DAY_NAMES)).optional(),
    driver: z.object({ metric: z.string().min(1).max(60), filters: Filters }).strict().optional().openapi({ description: 'Daily metric that drives staffing (default orders).' }),
    hourlyProfile: z.array(num.nonnegative()).max(24).optional().openapi({ description: "Share of a day's demand in each opening hour (one value per hour from openHours.from); flat when absent." }),
    roles: z.array(StaffRole).default([]),
    employees: z.array(Employee).optional(),
    ...staffingCommon,
  })
  .strict()
  .superRefine((s, ctx) => {
    const open = s.openHours ?? { from: 7, to: 17 };
    if (open.to <= open.from) ctx.addIssue({ code: 'custom', path: ['openHours', 'to'], message: 'must be after openHours.from' });
    if (s.hourlyProfile && s.hourlyProfile.length !== open.to - open.from) {
      ctx.addIssue({ code: 'custom', path: ['hourlyProfile'], message: `needs one value per opening hour (${open.to - open.from})` });
    }
  })
  .openapi('StaffingSettings');

export const StaffingRequest = z
  .object({
    start: Day.optional().openapi({ description: 'First day of the schedule; default tomorrow.' }),
    days: z.number().int().min(1).max(14).optional().openapi({ description: 'Days to schedule (default 7).' }),
    mode: z.enum(['roster', 'counts']).optional().openapi({ description: "'roster' assigns named employees (default when a roster is saved); 'counts' plans head-counts per shift." }),
    demandSource: DemandSource.optional(),
    roles: z.array(StaffRole).optional(),
    employees: z.array(Employee).optional(),
    ...staffingCommon,
    ...SolverOptions,
  })
  .strict()
  .openapi('StaffingRequest');

const ResponsePoint = z.object({ spend: num, revenue: num }).strict();
export const Channel = z
  .object({
    id: Id,
    name: z.string().min(1).max(200).optional(),
    minSpend: num.optional(),
    maxSpend: num.optional(),
    margin: num.optional(),
    response: z.array(ResponsePoint).optional().openapi({ description: 'Expected revenue at increasing spend levels from spend 0 (concave).' }),
  })
  .strict()
  .openapi('MarketingChannel');

const budgetCommon = {
  objective: z.enum(['revenue', 'profit']).optional(),
  spendAll: z.boolean().optional(),
  currency: z.string().max(5).optional(),
};

export const BudgetSettings = z
  .object({
    totalBudget: num.optional(),
    channels: z.array(Channel).default([]),
    spendMetric: z.string().min(1).max(60).optional().openapi({ description: 'Metric of past spend that sets the budget when none is given (default marketing_spend).' }),
    periodDays: z.number().int().min(1).max(366).optional().openapi({ description: 'Days of past spend that make one budget (default 30).' }),
    ...budgetCommon,
  })
  .strict()
  .openapi('BudgetSettings');

export const BudgetRequest = z
  .object({
    totalBudget: num.optional().openapi({ description: 'Default: the saved budget, else the spend metric over the last periodDays.' }),
    channels: z.array(Channel).optional(),
    ...budgetCommon,
    ...SolverOptions,
  })
  .strict()
  .openapi('BudgetRequest');

export const Product = z
  .object({
    id: Id,
    name: z.string().min(1).max(200).optional(),
    unitCost: num.optional(),
    currentPrice: num.optional(),
    inventory: num.optional(),
    capacityUse: num.optional(),
    maxChange: num.optional(),
    demand: EngineDemand.optional(),
  })
  .strict()
  .openapi('PricedProduct');

const pricingCommon = {
  capacity: z.object({ amount: num, label: z.string().max(100).optional() }).strict().optional(),
  ladders: z.array(z.object({ lower: Id, higher: Id, minGap: num.optional() }).strict()).optional(),
  samePrice: z.array(z.array(Id)).max(100).optional(),
  currency: z.string().max(5).optional(),
};

export const PricingSettings = z
  .object({ products: z.array(Product).default([]), ...pricingCommon })
  .strict()
  .openapi('PricingSettings');

export const PricingRequest = z
  .object({ products: z.array(Product).optional(), ...pricingCommon, ...SolverOptions })
  .strict()
  .openapi('PricingRequest');

export type InventorySettings = z.infer<typeof InventorySettings>;
export type InventoryRequest = z.infer<typeof InventoryRequest>;
export type StaffingSettings = z.infer<typeof StaffingSettings>;
export type StaffingRequest = z.infer<typeof StaffingRequest>;
export type BudgetSettings = z.infer<typeof BudgetSettings>;
export type BudgetRequest = z.infer<typeof BudgetRequest>;
export type PricingSettings = z.infer<typeof PricingSettings>;
export type PricingRequest = z.infer<typeof PricingRequest>;

export const settingsSchemas = { inventory: InventorySettings, staffing: StaffingSettings, budget: BudgetSettings, pricing: PricingSettings } as const;
