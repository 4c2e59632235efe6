import { describe, expect, it } from 'vitest';
import { hasBinary, solveWithGlpsol } from '../test/native';
import { pricingInstance } from '../test/instances';
import { OptimizerInputError } from './errors';
import { buildPricingModel, solvePricing } from './pricing';
import { solveModel } from './solve';

// Unit cost 2. A sells 100 / 80 / 50 at $4 / $5 / $6 → profit 200 / 240 / 200. B sells 100 / 60 / 40 → 200 / 180 / 160.
const A = { id: 'a', name: 'Regular', unitCost: 2, currentPrice: 4, demand: { candidates: [{ price: 4, demand: 100 }, { price: 5, demand: 80 }, { price: 6, demand: 50 }] } };
const B = { id: 'b', name: 'Large', unitCost: 2, demand: { candidates: [{ price: 4, demand: 100 }, { price: 5, demand: 60 }, { price: 6, demand: 40 }] } };

const rejects = (input: unknown): Promise<OptimizerInputError> =>
  solvePricing(input as never).then(
    () => {
      throw new Error('expected an OptimizerInputError');
    },
    (e: unknown) => e as OptimizerInputError,
  );

describe('solvePricing', () => {
  it('picks the most profitable candidate per product (by hand)', async () => {
    const r = await solvePricing({ products: [A, B] });
    expect(r.status).toBe('optimal');
    expect(r.prices.map((p) => p.price)).toEqual([5, 4]);
    expect(r.objective).toBeCloseTo(440, 9);
    expect(r.explanation[0]).toContain('Price Regular at $5.00 (up 25% from $4.00)');
  });

  it('keeps a price ladder', async () => {
    // Large ≥ Regular + 0.5: (5, 6) earns 240 + 160 = 400, better than (4, 5) 380 or (4, 6) 360.
    const r = await solvePricing({ products: [A, B], ladders: [{ lower: 'a', higher: 'b', minGap: 0.5 }] });
    expect(r.prices.map((p) => p.price)).toEqual([5, 6]);
    expect(r.objective).toBeCloseTo(400, 9);
    expect(r.prices[1]?.standalonePrice).toBe(4);
  });

  it('sells less than demand when capacity runs out, and moves the price up', async () => {
    // 60 units of capacity: $5 sells only 60 (180), $6 sells 50 (200).
    const r = await solvePricing({ products: [{ ...A, capacityUse: 1 }], capacity: { amount: 60, label: 'oven slots' } });
    expect(r.prices[0]?.price).toBe(6);
    expect(r.objective).toBeCloseTo(200, 9);
    // 75 units: $5 sells 75 (225) beats $6 (200); each extra slot is worth $3 at $5.
    const r2 = await solvePricing({ products: [{ ...A, capacityUse: 1 }], capacity: { amount: 75, label: 'oven slots' } });
    expect(r2.prices[0]?.price).toBe(5);
    expect(r2.prices[0]?.expectedSales).toBeCloseTo(75, 9);
    expect(r2.objective).toBeCloseTo(225, 9);
  });

  it('derives demand from elasticity and honours fairness and equal prices', async () => {
    // Elasticity −2 around $10 / 100 units, cost 4: profit (p − 4)·100·(p/10)^−2 peaks at p = 8 among 6..12.
    const e = { id: 'e', name: 'Soup', unitCost: 4, currentPrice: 10, demand: { elasticity: { basePrice: 10, baseDemand: 100, elasticity: -2, prices: [6, 7, 8, 9, 10, 11, 12] } } };
    expect((await solvePricing({ products: [e] })).prices[0]?.price).toBe(8);
    // Within ±10% of $10 only 9, 10, 11 are allowed: 9 is best.
    expect((await solvePricing({ products: [{ ...e, maxChange: 0.1 }] })).prices[0]?.price).toBe(9);
    const same = await solvePricing({ products: [A, B], samePrice: [['a', 'b']] });
    // Same price: 4 → 400, 5 → 420, 6 → 360.
    expect(same.prices.map((p) => p.price)).toEqual([5, 5]);
  });

  it('diagnoses a ladder the candidates cannot satisfy', async () => {
    const r = await solvePricing({ products: [A, B], ladders: [{ lower: 'a', higher: 'b', minGap: 3 }] });
    expect(r.status).toBe('infeasible');
    expect(r.diagnosis?.conflicts[0]?.label).toBe('Large priced at least $3.00 above Regular');
    expect(r.diagnosis?.conflicts[0]?.amount).toBeCloseTo(1, 9);
  });

  it('rejects bad input by field', async () => {
    expect((await rejects({ products: [] })).issues[0]?.path).toBe('products');
    expect((await rejects({ products: [{ ...A, demand: { candidates: [{ price: 4, demand: -1 }] } }] })).issues[0]?.path).toBe('products.0.demand.candidates.0.demand');
    expect((await rejects({ products: [A], ladders: [{ lower: 'a', higher: 'zz' }] })).issues[0]?.path).toBe('ladders.0.higher');
    expect((await rejects({ products: [{ ...A, maxChange: 0.01, currentPrice: 4.5 }] })).issues[0]?.path).toBe('products.0.maxChange');
  });
});

describe.runIf(hasBinary('glpsol'))('pricing cross-check with native glpsol', () => {
  for (const seed of [4, 5, 6]) {
    it(`matches glpsol on a 30-product menu (seed ${seed}) to 1e-6`, async () => {
      const model = buildPricingModel(pricingInstance(30, seed));
      const ours = await solveModel(model, { mipGap: 0 });
      const native = solveWithGlpsol(model, { mipGap: 0, timeLimit: 20 });
      expect(ours.proven).toBe(true);
      expect(native.status).toBe('optimal');
      expect(Math.abs(ours.objective! - native.objective!) / Math.abs(native.objective!)).toBeLessThan(1e-6);
    });
  }
});

if (!hasBinary('glpsol')) console.warn('glpsol not found: skipping native cross-checks (apt-get install glpk-utils)');
