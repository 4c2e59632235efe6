import { describe, expect, it } from 'vitest';
import { hasBinary, solveWithGlpsol } from '../test/native';
import { budgetInstance } from '../test/instances';
import { buildBudgetModel, solveBudget } from './budget';
import { OptimizerInputError } from './errors';
import { solveModel } from './solve';

// Search: $3 per $ for the first $1,000, then $1.50 up to $2,000. Social: $2 then $1 up to $3,000.
const search = { id: 'search', name: 'Search ads', response: [{ spend: 0, revenue: 0 }, { spend: 1000, revenue: 3000 }, { spend: 2000, revenue: 4500 }] };
const social = { id: 'social', name: 'Social ads', response: [{ spend: 0, revenue: 0 }, { spend: 1000, revenue: 2000 }, { spend: 3000, revenue: 4000 }] };

describe('solveBudget', () => {
  it('fills the steepest returns first (by hand)', async () => {
    // $2,500: search 1,000 @3, social 1,000 @2, search 500 @1.5 → revenue 5,750; the last dollar earns 1.5.
    const r = await solveBudget({ totalBudget: 2500, objective: 'revenue', channels: [search, social] });
    expect(r.status).toBe('optimal');
    expect(r.allocations.map((a) => a.spend)).toEqual([1500, 1000]);
    expect(r.objective).toBeCloseTo(5750, 9);
    expect(r.shadowPrices.budget).toBeCloseTo(1.5, 9);
    expect(r.explanation.join(' ')).toContain('each extra $1.00 would add about $1.50 of revenue');
  });

  it('leaves money unspent when it does not pay (profit)', async () => {
    // Margin 60%: net per dollar 0.8, −0.1 (search), 0.2, −0.4 (social) → spend 1,000 each; profit 0.6·5,000 − 2,000 = 1,000.
    const r = await solveBudget({ totalBudget: 5000, channels: [{ ...search, margin: 0.6 }, { ...social, margin: 0.6 }] });
    expect(r.allocations.map((a) => a.spend)).toEqual([1000, 1000]);
    expect(r.objective).toBeCloseTo(1000, 9);
    expect(r.shadowPrices.budget).toBeCloseTo(0, 9);
    expect(r.explanation.join(' ')).toContain('Leave $3,000 unspent');
  });

  it('prices a forced minimum and a cap', async () => {
    // Social forced to 2,000 with $2,500: search gets 500 @3; revenue 1,500 + 3,000. Budget dual 3; min dual 3 − 1 = −2 per dollar.
    const r = await solveBudget({ totalBudget: 2500, objective: 'revenue', channels: [search, { ...social, minSpend: 2000 }] });
    expect(r.allocations.map((a) => a.spend)).toEqual([500, 2000]);
    expect(r.objective).toBeCloseTo(4500, 9);
    expect(r.shadowPrices.minSpend.social).toBeCloseTo(-2, 9);
    const capped = await solveBudget({ totalBudget: 2500, objective: 'revenue', channels: [{ ...search, maxSpend: 800 }, social] });
    expect(capped.allocations.map((a) => a.spend)).toEqual([800, 1700]);
    expect(capped.shadowPrices.maxSpend.search).toBeCloseTo(2, 9);
  });

  it('diagnoses minimums that exceed the budget', async () => {
    const r = await solveBudget({ totalBudget: 2500, channels: [{ ...search, minSpend: 2000 }, { ...social, minSpend: 1000 }] });
    expect(r.status).toBe('infeasible');
    expect(r.diagnosis?.conflicts.map((c) => [c.label, c.amount])).toEqual([['total budget', 500]]);
    expect(r.explanation[0]).toContain('total budget: the limit of 2,500 would have to rise by 500');
  });

  it('rejects curves with rising returns and impossible bounds', async () => {
    const err = (input: unknown) =>
      solveBudget(input as never).then(
        () => {
          throw new Error('expected an OptimizerInputError');
        },
        (e: unknown) => e as OptimizerInputError,
      );
    const rising = await err({ totalBudget: 100, channels: [{ ...search, response: [{ spend: 0, revenue: 0 }, { spend: 10, revenue: 10 }, { spend: 20, revenue: 40 }] }] });
    expect(rising).toBeInstanceOf(OptimizerInputError);
    expect(rising.issues[0]?.path).toBe('channels.0.response.2.revenue');
    expect((await err({ totalBudget: -1, channels: [search] })).issues[0]?.path).toBe('totalBudget');
    expect((await err({ totalBudget: 1, channels: [{ ...search, minSpend: 5, maxSpend: 1 }] })).issues[0]?.path).toBe('channels.0.maxSpend');
    expect((await err({ totalBudget: 1, channels: [] })).issues[0]?.path).toBe('channels');
  });
});

describe.runIf(hasBinary('glpsol'))('budget cross-check with native glpsol', () => {
  for (const seed of [5, 6, 7]) {
    it(`matches glpsol on a 40-channel instance (seed ${seed}) to 1e-6`, async () => {
      const model = buildBudgetModel(budgetInstance(40, seed));
      const ours = await solveModel(model);
      const native = solveWithGlpsol(model);
      expect(ours.status).toBe('optimal');
      expect(native.status).toBe('optimal');
      expect(Math.abs(ours.objective! - native.objective!) / Math.abs(native.objective!)).toBeLessThan(1e-6);
    });
  }
});

if (!hasBinary('glpsol')) console.warn('glpsol not found: skipping native cross-checks (apt-get install glpk-utils)');
