import { describe, expect, it } from 'vitest';
import { OptimizerInputError } from './errors';
import { ModelBuilder } from './model';
import { inventoryInstance } from '../test/instances';
import { buildInventoryModel } from './inventory';
import { SELECTION, solveModel } from './solve';

// A small production LP solved by hand: max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → x=2, y=6, z=36,
// duals (0, 1.5, 1), reduced costs 0 for the basic x, y.
function wyndor() {
  const b = new ModelBuilder('wyndor', 'max');
  const x = b.addVar('x');
  const y = b.addVar('y');
  b.addObjective(3, x);
  b.addObjective(5, y);
  b.addConstraint('plant1', [[x, 1]], '<=', 4);
  b.addConstraint('plant2', [[y, 2]], '<=', 12);
  b.addConstraint('plant3', [[x, 3], [y, 2]], '<=', 18);
  return b.build();
}

describe('solveModel', () => {
  for (const engine of ['glpk', 'highs'] as const) {
    it(`solves an LP with duals and reduced costs on ${engine}`, async () => {
      const s = await solveModel(wyndor(), { engine });
      expect(s.status).toBe('optimal');
      expect(s.objective).toBeCloseTo(36, 9);
      expect(s.values?.[0]).toBeCloseTo(2, 9);
      expect(s.values?.[1]).toBeCloseTo(6, 9);
      expect(s.duals?.map((d) => Math.round(d * 1e9) / 1e9)).toEqual([0, 1.5, 1]);
      expect(s.reducedCosts?.map((d) => Math.abs(Math.round(d * 1e9) / 1e9))).toEqual([0, 0]);
      expect(s.binding).toEqual([1, 2]);
    });

    it(`solves a knapsack MIP to proven optimality on ${engine}`, async () => {
      // Values 10, 13, 7, 8; weights 5, 7, 4, 3; capacity 10: items 2 and 4 (weight 10, value 21) beat 1+3 (17), 1+4 (18), 3+4 (15).
      const b = new ModelBuilder('knapsack', 'max');
      const items = [[10, 5], [13, 7], [7, 4], [8, 3]] as const;
      const vars = items.map(([v], i) => b.addVar(`take${i}`, { kind: 'binary', cost: v }));
      b.addConstraint('weight', items.map(([, w], i) => [vars[i]!, w] as const), '<=', 10);
      const s = await solveModel(b.build(), { engine, mipGap: 0 });
      expect(s.status).toBe('optimal');
      expect(s.objective).toBe(21);
      expect(s.values).toEqual([0, 1, 0, 1]);
    });

    it(`reports infeasible and unbounded models on ${engine}`, async () => {
      const inf = new ModelBuilder('inf', 'min');
      const x = inf.addVar('x', { kind: 'integer', ub: 10 });
      inf.addConstraint('a', [[x, 1]], '>=', 5);
      inf.addConstraint('b', [[x, 1]], '<=', 3);
      expect((await solveModel(inf.build(), { engine })).status).toBe('infeasible');
      const unb = new ModelBuilder('unb', 'max');
      const y = unb.addVar('y');
      unb.addObjective(1, y);
      unb.addConstraint('c', [[y, 1]], '>=', 1);
      expect((await solveModel(unb.build(), { engine })).status).toBe('unbounded');
    });
  }

  it('auto hands a MIP glpk.js cannot prove to HiGHS and keeps the objective constant', async () => {
    const b = new ModelBuilder('const', 'min');
    const x = b.addVar('x', { kind: 'integer', lb: 1, ub: 5, cost: 2 });
    b.addObjectiveConstant(7);
    b.addConstraint('c', [[x, 1]], '>=', 2.5);
    const s = await solveModel(b.build());
    expect(s.engine).toBe('glpk');
    expect(s.objective).toBe(13);
  });

  it('auto: glpk.js for small models, HiGHS for large ones and for MIPs glpk.js cannot prove within its budget', async () => {
    const small = buildInventoryModel(inventoryInstance(20, 3)).model;
    const quick = await solveModel(small, { mipGap: 0, glpkBudget: 10 });
    expect(quick.attempts.map((a) => a.engine)).toEqual(['glpk']);
    expect(quick.proven).toBe(true);
    const handedOver = await solveModel(small, { mipGap: 0, glpkBudget: 0.002 });
    expect(handedOver.attempts.map((a) => [a.engine, a.status === 'optimal'])).toEqual([['glpk', false], ['highs', true]]);
    expect(handedOver.engine).toBe('highs');
    expect(handedOver.objective).toBeCloseTo(quick.objective!, 6);
    const large = buildInventoryModel(inventoryInstance(300, 7)).model;
    expect(large.variables.length + large.constraints.length).toBeGreaterThan(SELECTION.glpkMaxSize);
    const big = await solveModel(large);
    expect(big.attempts.map((a) => a.engine)).toEqual(['highs']);
    expect(big.proven).toBe(true);
  });

  it('auto: an infeasible or unbounded MIP is confirmed by HiGHS', async () => {
    const inf = new ModelBuilder('inf', 'min');
    const x = inf.addVar('x', { kind: 'integer', ub: 10, cost: 1 });
    const y = inf.addVar('y', { kind: 'integer', ub: 10, cost: 1 });
    inf.addConstraint('a', [[x, 2], [y, 2]], '==', 3);
    const s = await solveModel(inf.build());
    expect(s.status).toBe('infeasible');
    const unb = new ModelBuilder('unb', 'max');
    const z = unb.addVar('z', { kind: 'integer', cost: 1 });
    unb.addConstraint('c', [[z, 1]], '>=', 1);
    const u = await solveModel(unb.build());
    expect(u.status).toBe('unbounded');
    expect(u.attempts.map((a) => a.engine)).toEqual(['glpk', 'highs']);
  });

  it('certifies a heuristic incumbent against the LP bound, and otherwise searches', async () => {
    // min x + y s.t. x + y ≥ 3.5, integers: LP bound 3.5, optimum 4 (gap 12.5%).
    const b = new ModelBuilder('cert', 'min');
    const x = b.addVar('x', { kind: 'integer', ub: 10, cost: 1 });
    const y = b.addVar('y', { kind: 'integer', ub: 10, cost: 1 });
    b.addConstraint('c', [[x, 1], [y, 1]], '>=', 3.5);
    const model = b.build();
    const certified = await solveModel(model, { incumbent: [4, 0], mipGap: 0.2 });
    expect(certified.status).toBe('optimal');
    expect(certified.objective).toBe(4);
    expect(certified.bound).toBeCloseTo(3.5, 9);
    expect(certified.attempts).toHaveLength(1);
    // A tighter gap cannot be certified by the bound: branch and bound runs and proves 4.
    const searched = await solveModel(model, { incumbent: [4, 0], mipGap: 0 });
    expect(searched.attempts.length).toBeGreaterThan(1);
    expect(searched.objective).toBe(4);
    // An infeasible candidate is ignored.
    const ignored = await solveModel(model, { incumbent: [1, 1], mipGap: 0.5 });
    expect(ignored.objective).toBe(4);
    expect(ignored.bound).toBeUndefined();
  });

  it('rejects a malformed model with field paths before solving', async () => {
    const model = { ...wyndor(), variables: [{ name: 'x', lb: 5, ub: 1, kind: 'continuous' as const }, { name: 'y', lb: 0, ub: 1, kind: 'continuous' as const }] };
    const err = await solveModel(model).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OptimizerInputError);
    expect((err as OptimizerInputError).issues[0]?.path).toBe('variables.0');
  });
});
