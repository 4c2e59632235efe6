import { describe, expect, it } from 'vitest';
import { diagnoseInfeasibility } from './diagnose';
import { ModelBuilder } from './model';
import { linearModelSchema } from './model-schema';
import { solveModel } from './solve';

describe('diagnoseInfeasibility', () => {
  it('finds the smallest relative relaxation and says it in words', async () => {
    // Need 10 hours of work, but two people can give at most 4 + 3: the cheapest fix (relative) is the demand, short by 3.
    const b = new ModelBuilder('hours', 'min');
    const ana = b.addVar('ana', { cost: 1 });
    const ben = b.addVar('ben', { cost: 1 });
    b.addConstraint('need', [[ana, 1], [ben, 1]], '>=', 10, 'hours to cover');
    b.addConstraint('ana_max', [[ana, 1]], '<=', 40 / 10, "Ana's availability");
    b.addConstraint('ben_max', [[ben, 1]], '<=', 3, "Ben's availability");
    const model = b.build();
    expect((await solveModel(model)).status).toBe('infeasible');
    const d = await diagnoseInfeasibility(model);
    // Relative cost of relaxing: need by 3 → 3/10 = 0.3; Ana by 3 → 3/4 = 0.75; Ben by 3 → 1.
    expect(d.conflicts).toHaveLength(1);
    expect(d.conflicts[0]).toMatchObject({ constraint: 'need', direction: 'lower' });
    expect(d.conflicts[0]?.amount).toBeCloseTo(3, 9);
    expect(d.summary).toContain('hours to cover: the requirement of 10 would have to drop by 3');
  });

  it('keeps unlabelled rows hard', async () => {
    const b = new ModelBuilder('hard', 'min');
    const x = b.addVar('x', { kind: 'integer', ub: 5 });
    b.addConstraint('identity', [[x, 1]], '==', 2);
    b.addConstraint('floor', [[x, 1]], '>=', 4, 'at least four');
    const d = await diagnoseInfeasibility(b.build());
    expect(d.conflicts.map((c) => [c.constraint, c.amount])).toEqual([['floor', 2]]);
  });
});

describe('linearModelSchema', () => {
  it('reads JSON models with null or huge bounds as unbounded', () => {
    const parsed = linearModelSchema.parse({
      name: 'm',
      sense: 'max',
      variables: [{ name: 'x', lb: 0, ub: null, kind: 'continuous' }],
      constraints: [{ name: 'c', terms: [{ v: 0, c: 1 }], lb: -1e30, ub: 5 }],
      objective: { terms: [{ v: 0, c: 1 }], constant: 0 },
    });
    expect(parsed.variables[0]?.ub).toBe(Infinity);
    expect(parsed.constraints[0]?.lb).toBe(-Infinity);
    expect(linearModelSchema.safeParse({ name: 'm', sense: 'up', variables: [], constraints: [], objective: { terms: [], constant: 0 } }).success).toBe(false);
  });
});
