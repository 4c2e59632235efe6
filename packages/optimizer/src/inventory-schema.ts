import { z } from 'zod';
import { forecastSchema } from './scenarios';

export const INVENTORY_LIMITS = { skus: 2_000, suppliers: 200, scenarios: 200, totalScenarios: 100_000 } as const;

const money = z.number().finite().nonnegative();

/** Demand per period: a point value, explicit scenarios, or the forecasting engine's output (one value per period). */
export const demandSchema = z.union([
  z.object({ point: z.number().finite().nonnegative() }).strict(),
  z
    .object({
      scenarios: z.array(z.number().finite().nonnegative()).min(1).max(INVENTORY_LIMITS.scenarios),
      probabilities: z.array(z.number().finite().nonnegative()).optional(),
    })
    .strict()
    .refine((d) => !d.probabilities || d.probabilities.length === d.scenarios.length, { message: 'needs one probability per scenario', path: ['probabilities'] })
    .refine((d) => !d.probabilities || Math.abs(d.probabilities.reduce((s, p) => s + p, 0) - 1) < 1e-6, { message: 'probabilities must sum to 1', path: ['probabilities'] }),
  z.object({ forecast: forecastSchema }).strict(),
]);

export const inventorySkuSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  /** Purchase cost per unit (counts against the cash budget and the supplier minimum). */
  unitCost: money,
  /** Units per case; orders are whole cases. */
  casePack: z.number().int().positive().default(1),
  onHand: z.number().finite().nonnegative().default(0),
  onOrder: z.number().finite().nonnegative().default(0),
  /** Periods before an order placed now arrives; demand in those periods is served from stock. */
  leadTimePeriods: z.number().int().nonnegative().max(104).default(0),
  /** Periods the order must cover after it arrives. */
  coverPeriods: z.number().int().positive().max(104).default(1),
  /** Cost per unit left over at the end of the cover window (holding, spoilage: unit cost − salvage for perishables). */
  holdingCost: money,
  /** Cost per unit of demand not met (lost margin plus goodwill). */
  stockoutCost: money,
  /** Storage space one unit takes (litres, m³, shelf slots: the same unit as capacity.volume). */
  volumePerUnit: money.default(0),
  supplier: z.string().min(1).max(100).optional(),
  minCases: z.number().int().nonnegative().default(0),
  maxCases: z.number().int().nonnegative().optional(),
  demand: demandSchema,
});

export const inventoryInputSchema = z
  .object({
    skus: z.array(inventorySkuSchema).min(1, 'at least one SKU is needed').max(INVENTORY_LIMITS.skus),
    suppliers: z
      .array(z.object({ id: z.string().min(1).max(100), name: z.string().max(200).optional(), minOrderValue: money }))
      .max(INVENTORY_LIMITS.suppliers)
      .default([]),
    capacity: z
      .object({
        volume: money.optional(),
        volumeUnit: z.string().max(30).default('unit of space'),
        /** What the space is called ("walk-in fridge"). */
        volumeLabel: z.string().max(100).default('storage space'),
        cash: money.optional(),
      })
      .default({ volumeUnit: 'unit of space', volumeLabel: 'storage space' }),
    /** Scenarios drawn from each forecast (more: finer, slower). */
    scenarioCount: z.number().int().min(3).max(100).default(20),
    periodLabel: z.string().max(30).default('week'),
    currency: z.string().max(5).default('$'),
    timeLimit: z.number().positive().max(300).default(10),
    /** Relative MIP gap at which the plan counts as optimal (default 1e-4, HiGHS's own default). */
    mipGap: z.number().min(0).max(0.1).optional(),
    engine: z.enum(['auto', 'glpk', 'highs']).default('auto'),
  })
  .superRefine((input, ctx) => {
    // Each scenario adds up to two rows to its SKU's cost: bound the model before building it.
    const total = input.skus.reduce((s, k) => s + ('scenarios' in k.demand ? k.demand.scenarios.length : 'forecast' in k.demand ? input.scenarioCount : 1), 0);
    if (total > INVENTORY_LIMITS.totalScenarios) {
      ctx.addIssue({ code: 'custom', path: ['scenarioCount'], message: `${total} scenarios over all SKUs exceed ${INVENTORY_LIMITS.totalScenarios}; use fewer scenarios per SKU` });
    }
    const ids = new Set<string>();
    const suppliers = new Set(input.suppliers.map((s) => s.id));
    input.skus.forEach((sku, i) => {
      if (ids.has(sku.id)) ctx.addIssue({ code: 'custom', path: ['skus', i, 'id'], message: `duplicate SKU id ${sku.id}` });
      ids.add(sku.id);
      if (sku.maxCases !== undefined && sku.maxCases < sku.minCases) {
        ctx.addIssue({ code: 'custom', path: ['skus', i, 'maxCases'], message: `maxCases ${sku.maxCases} is below minCases ${sku.minCases}` });
      }
      if (sku.supplier !== undefined && !suppliers.has(sku.supplier)) {
        ctx.addIssue({ code: 'custom', path: ['skus', i, 'supplier'], message: `unknown supplier ${sku.supplier}` });
      }
      if ('forecast' in sku.demand) {
        const horizon = sku.demand.forecast.mean.length;
        if (sku.leadTimePeriods + sku.coverPeriods > horizon) {
          ctx.addIssue({
            code: 'custom',
            path: ['skus', i, 'demand', 'forecast', 'mean'],
            message: `the forecast covers ${horizon} periods but lead time + cover need ${sku.leadTimePeriods + sku.coverPeriods}`,
          });
        }
      }
    });
  });

export type InventoryInput = z.input<typeof inventoryInputSchema>;
export type InventoryParsed = z.output<typeof inventoryInputSchema>;
export type InventorySku = InventoryParsed['skus'][number];
