import { describe, expect, it } from 'vitest';
import { refute, rowPerturbations, adjustmentSet, RANDOM_COMMON_CAUSE } from './refute';
import { EvidenceInputError } from './errors';

const rows = Array.from({ length: 40 }, (_, i) => ({ treat: i % 2, y: (i % 2) * 5 + Math.sin(i) }));
const diffInMeans = (data: Record<string, number>[]) => {
  const t = data.filter((r) => r.treat === 1);
  const c = data.filter((r) => r.treat === 0);
  if (t.length === 0 || c.length === 0) throw new EvidenceInputError('treat', 'empty group');
  return t.reduce((s, r) => s + (r.y as number), 0) / t.length - c.reduce((s, r) => s + (r.y as number), 0) / c.length;
};

describe('refute', () => {
  it('a real difference passes all three checks and is reproducible', () => {
    const effect = diffInMeans(rows);
    const a = refute(rows, diffInMeans, { effect, se: 0.25 }, rowPerturbations('treat'), { seed: 1 });
    expect(a.checks.map((c) => c.check)).toEqual(['placebo treatment', 'random common cause', 'data subset']);
    expect(a.passed).toBe(true);
    expect(a.checks[0]?.pValue).toBeCloseTo(1 / 50, 12);
    expect(refute(rows, diffInMeans, { effect, se: 0.25 }, rowPerturbations('treat'), { seed: 1 })).toEqual(a);
  });

  it('reports a check it could not run instead of dropping it', () => {
    const r = refute(rows, () => { throw new EvidenceInputError('x', 'degenerate'); }, { effect: 1, se: 1 }, { subset: (d) => d });
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]?.passed).toBe(false);
    expect(r.summary).toMatch(/could not be run/);
  });

  it('lets programming errors through', () => {
    expect(() => refute(rows, () => { throw new TypeError('bug'); }, { effect: 1, se: 1 }, { subset: (d) => d })).toThrow(TypeError);
  });

  it('adds the noise confounder to the adjustment set only when present', () => {
    expect(adjustmentSet(['a'], rows)).toEqual(['a']);
    expect(adjustmentSet(['a'], [{ a: 1, [RANDOM_COMMON_CAUSE]: 0.3 }])).toEqual(['a', RANDOM_COMMON_CAUSE]);
  });
});
