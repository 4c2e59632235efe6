import { z } from 'zod';

export const PRICING_LIMITS = { products: 500, candidates: 50, ladders: 1_000 } as const;

const nonneg = z.number().finite().nonnegative();
const price = z.number().finite().positive();

/** Expected demand at each candidate price: listed (from history), or from a constant-elasticity curve. */
export const priceDemandSchema = z.union([
  z.object({ candidates: z.array(z.object({ price, demand: nonneg })).min(1).max(PRICING_LIMITS.candidates) }).strict(),
  z
    .object({
      elasticity: z.object({
        basePrice: price,
        baseDemand: nonneg,
        /** % change in demand per % change in price; negative for ordinary goods. */
        elasticity: z.number().finite().min(-20).max(0),
        prices: z.array(price).min(1).max(PRICING_LIMITS.candidates),
      }),
    })
    .strict(),
]);

export const pricingInputSchema = z
  .object({
    products: z
      .array(
        z.object({
          id: z.string().min(1).max(100),
          name: z.string().min(1).max(200),
          unitCost: nonneg,
          currentPrice: price.optional(),
          /** Units in stock: sales cannot exceed it. */
          inventory: nonneg.optional(),
          /** Shared capacity one unit sold uses (kitchen minutes, oven slots). */
          capacityUse: nonneg.default(0),
          /** Fairness: the new price stays within this fraction of the current price (0.1 = ±10%). */
          maxChange: z.number().min(0).max(10).optional(),
          demand: priceDemandSchema,
        }),
      )
      .min(1, 'at least one product is needed')
      .max(PRICING_LIMITS.products),
    capacity: z.object({ amount: nonneg, label: z.string().max(100).default('capacity') }).optional(),
    /** Price ladder: `higher` must cost at least `minGap` more than `lower` (sizes, tiers). */
    ladders: z
      .array(z.object({ lower: z.string().min(1), higher: z.string().min(1), minGap: nonneg.default(0) }))
      .max(PRICING_LIMITS.ladders)
      .default([]),
    /** Products that must carry the same price (flavours of one item). */
    samePrice: z.array(z.array(z.string().min(1)).min(2)).max(100).default([]),
    currency: z.string().max(5).default('$'),
    timeLimit: z.number().positive().max(300).default(10),
    /** Relative MIP gap at which the plan counts as optimal (default 1e-4, HiGHS's own default). */
    mipGap: z.number().min(0).max(0.1).optional(),
    engine: z.enum(['auto', 'glpk', 'highs']).default('auto'),
  })
  .superRefine((input, ctx) => {
    const ids = new Set<string>();
    input.products.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['products', i, 'id'], message: `duplicate product id ${p.id}` });
      ids.add(p.id);
      if (p.maxChange !== undefined && p.currentPrice === undefined) ctx.addIssue({ code: 'custom', path: ['products', i, 'maxChange'], message: 'needs currentPrice' });
    });
    input.ladders.forEach((l, i) => {
      if (!ids.has(l.lower)) ctx.addIssue({ code: 'custom', path: ['ladders', i, 'lower'], message: `unknown product ${l.lower}` });
      if (!ids.has(l.higher)) ctx.addIssue({ code: 'custom', path: ['ladders', i, 'higher'], message: `unknown product ${l.higher}` });
      if (l.lower === l.higher) ctx.addIssue({ code: 'custom', path: ['ladders', i, 'higher'], message: 'a product cannot sit above itself' });
    });
    input.samePrice.forEach((g, i) =>
      g.forEach((id, k) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['samePrice', i, k], message: `unknown product ${id}` });
      }),
    );
    if (input.products.some((p) => p.capacityUse > 0) && !input.capacity) {
      ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'products use capacity but no capacity is given' });
    }
  });

export type PricingInput = z.input<typeof pricingInputSchema>;
export type PricingParsed = z.output<typeof pricingInputSchema>;
