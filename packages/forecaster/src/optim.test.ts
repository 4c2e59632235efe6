import { describe, expect, it } from 'vitest';
import { nelderMead } from './optim';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const r = nelderMead((x) => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2, [-1.2, 1], { maxIter: 5000, tol: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });

  it('minimises a shifted quadratic in 4 dimensions', () => {
    const c = [3, -2, 0.5, 10];
    const r = nelderMead((x) => x.reduce((a, v, i) => a + (v - (c[i] as number)) ** 2, 0), [0, 0, 0, 0], { maxIter: 4000, tol: 1e-14 });
    r.x.forEach((v, i) => expect(v).toBeCloseTo(c[i] as number, 4));
  });
});
