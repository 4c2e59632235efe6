import { describe, expect, it } from 'vitest';
import { learnCausalGraph, simulate } from './graph';
import { correlationMatrix, partialCorrelation } from './partial-correlation';
import { seededRandom, normalDraw } from './random';
import { EvidenceInputError } from './errors';

function shopData(n: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const marketing = 100 + 20 * normalDraw(random);
    const price = 10 + normalDraw(random);
    const traffic = 50 + 0.5 * marketing + 5 * normalDraw(random);
    const revenue = 200 + 2 * traffic - 3 * price + 5 * normalDraw(random);
    return { marketing, traffic, price, revenue };
  });
}

const edgeSet = (g: { edges: { from: string; to: string }[] }) => g.edges.map((e) => `${e.from}->${e.to}`).sort();

describe('learnCausalGraph', () => {
  it('recovers a chain and a collider, and no direct marketing → revenue link', () => {
    const g = learnCausalGraph(shopData(400, 1), { variables: ['marketing', 'traffic', 'price', 'revenue'] });
    expect(edgeSet(g)).toEqual(['marketing->traffic', 'price->revenue', 'traffic->revenue']);
    const origin = Object.fromEntries(g.edges.map((e) => [`${e.from}->${e.to}`, e.origin]));
    expect(origin['traffic->revenue']).toBe('data'); // collider traffic → revenue ← price
    expect(origin['price->revenue']).toBe('data');
    expect(origin['marketing->traffic']).toBe('assumed'); // one edge alone has no identifiable direction
    const tr = g.edges.find((e) => e.from === 'traffic');
    expect(Math.abs((tr?.coefficient ?? 0) - 2)).toBeLessThan(3 * (tr?.se ?? 0));
    expect(g.summary).toMatch(/not identifiable from the data/);
    for (const e of g.edges) expect(e.stability).toBeGreaterThanOrEqual(0.9);
    expect(g.summary).toMatch(/Every link reappeared/);
  });

  it('does not report a spurious correlation as causal', () => {
    const random = seededRandom(9);
    const rows = Array.from({ length: 300 }, () => {
      const temperature = 20 + 6 * normalDraw(random);
      return { temperature, iceCream: 3 * temperature + 8 * normalDraw(random), drownings: 0.5 * temperature + 2 * normalDraw(random) };
    });
    const corr = correlationMatrix([rows.map((r) => r.iceCream), rows.map((r) => r.drownings)]);
    expect(corr[0]?.[1]).toBeGreaterThan(0.5);
    const g = learnCausalGraph(rows, { variables: ['temperature', 'iceCream', 'drownings'] });
    expect(edgeSet(g).some((e) => e.includes('iceCream') && e.includes('drownings'))).toBe(false);
    expect(g.separations).toContainEqual(expect.objectContaining({ a: 'iceCream', b: 'drownings', given: ['temperature'] }));
    expect(g.summary).toMatch(/iceCream and drownings move together only through temperature/);
  });

  it('flags a weak link that comes and goes across data subsets', () => {
    const random = seededRandom(20);
    const rows = Array.from({ length: 120 }, () => {
      const a = normalDraw(random);
      return { a, b: 0.2 * a + normalDraw(random) };
    });
    const g = learnCausalGraph(rows, { variables: ['a', 'b'], alpha: 0.05, seed: 1 });
    expect(g.edges).toHaveLength(1);
    expect(g.edges[0]?.stability).toBeCloseTo(0.45, 12);
    expect(g.summary).toMatch(/Fragile: a → b reappeared in only 45% of data subsets/);
  });

  it('keeps owner-stated edges and honours forbidden ones', () => {
    const rows = shopData(400, 1);
    const g = learnCausalGraph(rows, {
      variables: ['marketing', 'traffic', 'price', 'revenue'],
      required: [['marketing', 'traffic'], ['marketing', 'revenue']],
      forbidden: [['price', 'revenue'], ['revenue', 'price']],
    });
    const edges = edgeSet(g);
    expect(edges).toContain('marketing->revenue');
    expect(edges).not.toContain('price->revenue');
    expect(g.edges.find((e) => e.from === 'marketing' && e.to === 'traffic')?.origin).toBe('owner');
    expect(() => learnCausalGraph(rows, { variables: ['marketing', 'traffic'], required: [['marketing', 'traffic'], ['traffic', 'marketing']] })).toThrow(EvidenceInputError);
  });

  it('partial correlation matches the regression-residual definition', () => {
    const rows = shopData(200, 4);
    const cols = ['marketing', 'traffic', 'price', 'revenue'].map((k) => rows.map((r) => r[k as keyof typeof r]));
    const corr = correlationMatrix(cols);
    // Residualise marketing and revenue on traffic, then correlate the residuals.
    const resid = (y: number[], x: number[]) => {
      const mx = x.reduce((s, v) => s + v, 0) / x.length;
      const my = y.reduce((s, v) => s + v, 0) / y.length;
      const b = x.reduce((s, v, i) => s + (v - mx) * ((y[i] as number) - my), 0) / x.reduce((s, v) => s + (v - mx) ** 2, 0);
      return y.map((v, i) => v - my - b * ((x[i] as number) - mx));
    };
    const direct = correlationMatrix([resid(cols[0] as number[], cols[1] as number[]), resid(cols[3] as number[], cols[1] as number[])])[0]?.[1];
    expect(partialCorrelation(corr, 0, 3, [1])).toBeCloseTo(direct as number, 12);
  });
});

describe('simulate', () => {
  it('marketing +20% moves revenue by the planted 0.5 × 2 per unit, inside its interval', () => {
    const rows = shopData(400, 1);
    const g = learnCausalGraph(rows, { variables: ['marketing', 'traffic', 'price', 'revenue'] });
    const meanMarketing = rows.reduce((s, r) => s + r.marketing, 0) / rows.length;
    const sim = simulate(g, 'marketing', { change: 0.2, seed: 1 });
    const revenue = sim.effects.find((e) => e.variable === 'revenue');
    const truth = 0.2 * meanMarketing * 0.5 * 2;
    expect(revenue?.ci[0]).toBeLessThan(truth);
    expect(revenue?.ci[1]).toBeGreaterThan(truth);
    expect(Math.abs((revenue?.effect ?? 0) - truth) / truth).toBeLessThan(0.1);
    expect(sim.effects.map((e) => e.variable)).toEqual(['traffic', 'revenue']);
    expect(sim.summary).toMatch(/^If marketing \+20% .*revenue \+\d+.*95% interval/);
    // Price has no downstream effect on marketing or traffic; intervening on revenue changes nothing.
    expect(simulate(g, 'revenue', { delta: 10 }).effects).toEqual([]);
    expect(() => simulate(g, 'nope', { change: 0.1 })).toThrow(EvidenceInputError);
  });

  it('is deterministic for a seed', () => {
    const g = learnCausalGraph(shopData(200, 2), { variables: ['marketing', 'traffic', 'price', 'revenue'] });
    expect(simulate(g, 'marketing', { change: 0.1, seed: 5 })).toEqual(simulate(g, 'marketing', { change: 0.1, seed: 5 }));
  });
});
