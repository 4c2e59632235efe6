import { describe, expect, it } from 'vitest';
import { hasBinary, solveWithGlpsol } from '../test/native';
import { inventoryInstance } from '../test/instances';
import { OptimizerInputError } from './errors';
import { buildInventoryModel, solveInventory } from './inventory';
import { solveModel } from './solve';

const base = { unitCost: 1, holdingCost: 1, stockoutCost: 4 };

describe('solveInventory', () => {
  it('stocks to the critical fractile of the scenarios (newsvendor by hand)', async () => {
    // Cu/(Cu+Co) = 4/5 = 0.8 → stock 40 of {10,20,30,40}; expected cost ¼(30+20+10+0) = 15 (stock 30 would cost 17.5).
    const r = await solveInventory({ skus: [{ id: 'a', name: 'Apples', ...base, demand: { scenarios: [10, 20, 30, 40] } }] });
    expect(r.status).toBe('optimal');
    expect(r.orders[0]?.units).toBe(40);
    expect(r.objective).toBeCloseTo(15, 9);
    expect(r.orders[0]?.coverProbability).toBeCloseTo(1, 9);
  });

  it('orders whole cases net of stock on hand and lead-time demand', async () => {
    // Lead time 1 week at 10/week eats 10 of the 15 on hand → 5 available; cover 50 with cases of 12:
    // 4 cases → 53 units, 3 left over (cost 3); 3 cases → 41 units, 9 short (cost 36).
    const r = await solveInventory({
      skus: [{ id: 'b', name: 'Beans', ...base, casePack: 12, onHand: 15, leadTimePeriods: 1, coverPeriods: 5, demand: { point: 10 } }],
    });
    expect(r.orders[0]?.cases).toBe(4);
    expect(r.objective).toBeCloseTo(3, 9);
  });

  it('shares scarce space by marginal value and prices the space', async () => {
    // Both SKUs want 10 units (point demand); space for 12. Shortage costs 5 for A, 2 for B (holding 0):
    // fill A (10), B gets 2. One more unit of space saves 2 (B's shortage cost).
    const r = await solveInventory({
      skus: [
        { id: 'A', name: 'Oat milk', unitCost: 1, holdingCost: 0, stockoutCost: 5, volumePerUnit: 1, demand: { point: 10 } },
        { id: 'B', name: 'Soy milk', unitCost: 1, holdingCost: 0, stockoutCost: 2, volumePerUnit: 1, demand: { point: 10 } },
      ],
      capacity: { volume: 12, volumeUnit: 'litre', volumeLabel: 'walk-in fridge' },
    });
    expect(r.orders.map((o) => o.units)).toEqual([10, 2]);
    expect(r.objective).toBeCloseTo(16, 9);
    expect(r.shadowPrices.volume).toBeCloseTo(2, 9);
    expect(r.binding.map((b) => b.name)).toEqual(['volume']);
    expect(r.explanation.join(' ')).toContain('one more litre of walk-in fridge would save about $2.00/week');
  });

  it('skips a supplier whose minimum order is not worth it', async () => {
    // Ordering 10 units at $1 saves 10 × $0.5 shortage but the supplier minimum is $50: buying 50 leaves 40 over (cost 40) > 5.
    const r = await solveInventory({
      skus: [{ id: 'c', name: 'Cups', unitCost: 1, holdingCost: 1, stockoutCost: 0.5, supplier: 's', demand: { point: 10 } }],
      suppliers: [{ id: 's', name: 'Paper Co', minOrderValue: 50 }],
    });
    expect(r.orders[0]?.cases).toBe(0);
    expect(r.objective).toBeCloseTo(5, 9);
    expect(r.suppliers[0]?.used).toBe(false);
  });

  it('compares the plan for the range with the plan for the average', async () => {
    // Skewed demand: 80% chance of 10, 20% of 60 (mean 20). Shortage 9, holding 1 → fractile 0.9 → stock 60,
    // expected cost 0.8·50 = 40. The plan for the mean (20) expects 0.8·10 + 0.2·40·9 = 80.
    const r = await solveInventory({
      skus: [{ id: 'd', name: 'Dough', unitCost: 1, holdingCost: 1, stockoutCost: 9, demand: { scenarios: [10, 60], probabilities: [0.8, 0.2] } }],
    });
    expect(r.orders[0]?.units).toBe(60);
    expect(r.uncertainty?.stochastic.expectedCost).toBeCloseTo(40, 9);
    expect(r.uncertainty?.deterministic.orders[0]?.cases).toBe(20);
    expect(r.uncertainty?.deterministic.expectedCost).toBeCloseTo(80, 9);
    expect(r.uncertainty?.valueOfStochasticSolution).toBeCloseTo(40, 9);
  });

  it('diagnoses conflicting minimum orders and cash in words', async () => {
    const r = await solveInventory({
      skus: [
        { id: 'e', name: 'Espresso beans', unitCost: 10, casePack: 1, holdingCost: 1, stockoutCost: 5, minCases: 8, demand: { point: 5 } },
        { id: 'f', name: 'Filters', unitCost: 5, casePack: 1, holdingCost: 1, stockoutCost: 5, minCases: 6, demand: { point: 5 } },
      ],
      capacity: { cash: 100 },
    });
    expect(r.status).toBe('infeasible');
    expect(r.diagnosis?.conflicts.length).toBeGreaterThan(0);
    // Needs 80 + 30 = 110 of 100 cash: relax the budget by 10 (the cheapest relative change).
    const c = r.diagnosis?.conflicts[0];
    expect(c?.label).toBe('cash budget');
    expect(c?.amount).toBeCloseTo(10, 6);
    expect(r.explanation[0]).toContain('cash budget');
  });

  it('says so when the time limit stops the solver before a proof', async () => {
    // 10 ms is too little for HiGHS to even solve the 300-SKU relaxation, let alone prove a plan.
    const r = await solveInventory({ ...inventoryInstance(300, 7), engine: 'highs', timeLimit: 0.01 });
    expect(r.status === 'feasible' || r.status === 'no_solution').toBe(true);
    expect(r.solver.proven).toBe(false);
    expect(r.explanation[0]).toContain('ran out of time');
  });

  it('rejects bad input with field paths before solving', async () => {
    const bad = (input: unknown): Promise<OptimizerInputError> =>
      solveInventory(input as never).then(
        () => {
          throw new Error('expected an OptimizerInputError');
        },
        (e: unknown) => e as OptimizerInputError,
      );
    expect((await bad({ skus: [] })).issues[0]?.path).toBe('skus');
    const neg = await bad({ skus: [{ id: 'a', name: 'A', ...base, demand: { point: -3 } }] });
    expect(neg).toBeInstanceOf(OptimizerInputError);
    expect(neg.issues.some((i) => i.path.startsWith('skus.0.demand'))).toBe(true);
    const bounds = await bad({ skus: [{ id: 'a', name: 'A', ...base, minCases: 5, maxCases: 2, demand: { point: 3 } }] });
    expect(bounds.issues[0]?.path).toBe('skus.0.maxCases');
    const horizon = await bad({ skus: [{ id: 'a', name: 'A', ...base, leadTimePeriods: 2, demand: { forecast: { mean: [1, 2], intervals: [] } } }] });
    expect(horizon.issues[0]?.path).toBe('skus.0.demand.forecast.mean');
    const tooMany = await bad({ skus: Array.from({ length: 2001 }, (_, i) => ({ id: `s${i}`, name: 'x', ...base, demand: { point: 1 } })) });
    expect(tooMany.issues[0]?.path).toBe('skus');
    const forecast = { forecast: { mean: [5], intervals: [{ level: 0.8, lower: [3], upper: [7] }] } };
    const heavy = await bad({ scenarioCount: 100, skus: Array.from({ length: 1001 }, (_, i) => ({ id: `s${i}`, name: 'x', ...base, demand: forecast })) });
    expect(heavy.issues[0]?.path).toBe('scenarioCount');
  });
});

describe.runIf(hasBinary('glpsol'))('inventory cross-check with native glpsol', () => {
  it('certifies the rounded plan within the default gap of the proven optimum', async () => {
    const input = inventoryInstance(20, 3);
    const r = await solveInventory(input);
    const native = solveWithGlpsol(buildInventoryModel(input).model, { mipGap: 0, timeLimit: 20 });
    expect(r.solver.proven).toBe(true);
    expect(native.status).toBe('optimal');
    expect(r.objective!).toBeGreaterThanOrEqual(native.objective! - 1e-6);
    expect((r.objective! - native.objective!) / native.objective!).toBeLessThanOrEqual(1e-4);
  });

  it('matches glpsol on a 20-SKU instance to 1e-6', async () => {
    const { model } = buildInventoryModel(inventoryInstance(20, 3));
    const ours = await solveModel(model, { mipGap: 0, engine: 'glpk' });
    const native = solveWithGlpsol(model, { mipGap: 0, timeLimit: 20 });
    expect(ours.proven).toBe(true);
    expect(native.status).toBe('optimal');
    expect(Math.abs((ours.objective ?? 0) - (native.objective ?? 0)) / Math.abs(native.objective ?? 1)).toBeLessThan(1e-6);
  });
});

if (!hasBinary('glpsol')) console.warn('glpsol not found: skipping native cross-checks (apt-get install glpk-utils)');
