import { describe, expect, it } from 'vitest';
import { decomposeBySegment, decomposeProduct } from './drivers';
import { EvidenceInputError } from './errors';

const total = (cs: { contribution: number }[]) => cs.reduce((s, c) => s + c.contribution, 0);

describe('decomposeProduct', () => {
  it('revenue = orders × average ticket splits at the midpoint (two-factor Shapley)', () => {
    // 1000 orders × 20 → 1100 orders × 19: revenue 20000 → 20900.
    const d = decomposeProduct('revenue', [
      { name: 'orders', before: 1000, after: 1100 },
      { name: 'average ticket', before: 20, after: 19 },
    ]);
    expect(d.change).toBeCloseTo(900, 9);
    // orders: 100 × (20 + 19) / 2 = 1950; ticket: −1 × (1000 + 1100) / 2 = −1050
    expect(d.contributions[0]?.contribution).toBeCloseTo(1950, 9);
    expect(d.contributions[1]?.contribution).toBeCloseTo(-1050, 9);
    expect(d.drivers.map((c) => c.driver)).toEqual(['orders']);
    expect(d.detractors.map((c) => c.driver)).toEqual(['average ticket']);
    expect(d.summary).toMatch(/Revenue rose from 20,000 to 20,900, a change of \+900 \(\+4\.5%\)/);
  });

  it('three factors sum exactly and a factor that did not move gets nothing', () => {
    const d = decomposeProduct('revenue', [
      { name: 'visits', before: 5000, after: 6100 },
      { name: 'conversion', before: 0.02, after: 0.018 },
      { name: 'ticket', before: 30, after: 30 },
    ]);
    expect(total(d.contributions)).toBeCloseTo(d.change, 9);
    expect(d.contributions[2]?.contribution).toBeCloseTo(0, 12);
    expect(d.contributions.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
  });
});

describe('decomposeBySegment', () => {
  it('sum metric: segment changes ranked', () => {
    const d = decomposeBySegment('revenue', [
      { segment: 'online', valueBefore: 100, valueAfter: 160 },
      { segment: 'store', valueBefore: 300, valueAfter: 280 },
      { segment: 'wholesale', valueBefore: 50, valueAfter: 55 },
    ]);
    expect(d.change).toBe(45);
    expect(d.drivers.map((c) => c.driver)).toEqual(['online', 'wholesale']);
    expect(d.detractors.map((c) => c.driver)).toEqual(['store']);
  });

  it('ratio metric: average ticket falls purely from mix when every channel keeps its price', () => {
    // Store orders average 40, online 20; online's share of orders grows from 20% to 50%.
    const d = decomposeBySegment('average ticket', [
      { segment: 'store', valueBefore: 800 * 40, valueAfter: 500 * 40, volumeBefore: 800, volumeAfter: 500 },
      { segment: 'online', valueBefore: 200 * 20, valueAfter: 500 * 20, volumeBefore: 200, volumeAfter: 500 },
    ]);
    expect(d.before).toBeCloseTo(36, 12);
    expect(d.after).toBeCloseTo(30, 12);
    expect(total(d.contributions)).toBeCloseTo(-6, 12);
    for (const c of d.contributions.filter((k) => k.kind === 'rate')) expect(c.contribution).toBeCloseTo(0, 12);
    expect(d.detractors[0]?.kind).toBe('mix');
  });

  it('ratio metric with rate and mix changes and a new segment sums exactly', () => {
    const d = decomposeBySegment('conversion', [
      { segment: 'email', valueBefore: 50, valueAfter: 90, volumeBefore: 1000, volumeAfter: 1500 },
      { segment: 'ads', valueBefore: 40, valueAfter: 30, volumeBefore: 2000, volumeAfter: 2000 },
      { segment: 'social', valueBefore: 0, valueAfter: 12, volumeBefore: 0, volumeAfter: 400 },
    ]);
    expect(total(d.contributions)).toBeCloseTo(d.after - d.before, 14);
    expect(d.contributions.find((c) => c.driver === 'social rate')?.contribution).toBe(0);
    expect(d.drivers[0]?.driver).toBe('email rate');
  });

  it('rejects bad input', () => {
    expect(() => decomposeBySegment('x', [])).toThrow(EvidenceInputError);
    expect(() => decomposeBySegment('x', [{ segment: 'a', valueBefore: 1, valueAfter: Number.NaN }])).toThrow(EvidenceInputError);
    expect(() => decomposeBySegment('x', [{ segment: 'a', valueBefore: 1, valueAfter: 2, volumeBefore: 0, volumeAfter: 0 }])).toThrow(EvidenceInputError);
    expect(() => decomposeProduct('x', [])).toThrow(EvidenceInputError);
  });
});
