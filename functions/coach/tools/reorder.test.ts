import { describe, expect, it } from 'vitest';
import type { InventoryOrder } from '@dyocense/optimizer';
import { reorderLines } from './reorder';

const order = (skuId: string, cases: number, casePack = 6): InventoryOrder => ({
  skuId,
  name: skuId,
  cases,
  units: cases * casePack,
  purchaseCost: 0,
  volume: 0,
  expectedCost: 0,
  coverProbability: 0.9,
  unconstrainedCases: cases,
});

describe('reorderLines', () => {
  it('lists what to order, fewest days of stock first, with the daily use the plan assumed', () => {
    const skus = [
      { id: 'BEANS', onHand: 20, demand: { forecast: { mean: [4, 6] } } },
      { id: 'MILK', onHand: 6, demand: { point: 3 } },
      { id: 'CUPS', onHand: 500, demand: { point: 50 } },
    ];
    const lines = reorderLines(skus, [order('BEANS', 2), order('MILK', 1), order('CUPS', 0)]);
    expect(lines.map((l) => l.skuId)).toEqual(['MILK', 'BEANS']);
    expect(lines[0]).toMatchObject({ onHand: 6, daily: 3, daysLeft: 2, cases: 1, units: 6 });
    expect(lines[1]).toMatchObject({ onHand: 20, daily: 5, daysLeft: 4 });
  });

  it('keeps items whose demand came as scenarios, last, without a rate', () => {
    const lines = reorderLines([{ id: 'A', onHand: 1 }, { id: 'B', onHand: 2, demand: { point: 1 } }], [order('A', 1), order('B', 1)]);
    expect(lines.map((l) => [l.skuId, l.daily])).toEqual([['B', 1], ['A', null]]);
    expect(lines[1]!.daysLeft).toBe(Infinity);
  });
});
