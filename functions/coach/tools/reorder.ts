import { z } from 'zod';
import type { Finding } from '@dyocense/llm';
import type { InventoryOrder, InventoryResult } from '@dyocense/optimizer';
import type { CoachTool } from './context';
import { runOptimization } from './engine-jobs';

const SHOWN = 6;

const args = z.object({});

/** A SKU as the engine solved it: stock on hand and its demand (point or forecast, per day). */
interface SolvedSku {
  id: string;
  onHand?: number;
  demand?: { point?: number; forecast?: { mean: number[] } };
}

export interface ReorderLine {
  skuId: string;
  name: string;
  cases: number;
  units: number;
  onHand: number;
  /** Average daily demand the plan used; null when the demand was given as scenarios. */
  daily: number | null;
  /** Days the stock on hand lasts at that rate (Infinity without use). */
  daysLeft: number;
}

/** The orders worth placing, most urgent first (fewest days of stock left), from the plan's own input. */
export function reorderLines(skus: readonly SolvedSku[], orders: readonly InventoryOrder[]): ReorderLine[] {
  const byId = new Map(skus.map((s) => [s.id, s]));
  return orders
    .filter((o) => o.units > 0)
    .map((o) => {
      const sku = byId.get(o.skuId);
      const onHand = sku?.onHand ?? 0;
      const mean = sku?.demand?.forecast?.mean;
      const daily = sku?.demand?.point ?? (mean?.length ? mean.reduce((s, v) => s + v, 0) / mean.length : null);
      return { skuId: o.skuId, name: o.name, cases: o.cases, units: o.units, onHand, daily, daysLeft: daily && daily > 0 ? onHand / daily : Infinity };
    })
    .sort((a, b) => a.daysLeft - b.daysLeft || a.skuId.localeCompare(b.skuId));
}

/**
 * What to order now, asked exactly as the Plans page asks it: an empty inventory request, filled
 * from the saved SKU catalog (case packs, costs, lead times, fridge space, cash), the latest stock
 * counts and the usage drivers' forecast or history; the optimizer chooses whole cases.
 */
export const reorderTool: CoachTool<z.infer<typeof args>> = {
  name: 'reorder',
  description: 'Which stock items to reorder now and how many cases, from the saved catalog, stock counts, forecast demand and the inventory optimizer.',
  args,
  parameters: { type: 'object', properties: {} },
  async run(ctx) {
    const { runId, solvedInput, result } = await runOptimization<InventoryResult>(ctx, 'inventory', {});
    const skus = (solvedInput.skus ?? []) as SolvedSku[];
    const lines = reorderLines(skus, result.orders);
    const findings: Finding[] = lines.length
      ? [
          { template: `Reorder {items} of {tracked} items now.`, values: { items: { value: lines.length, format: 'count' as const }, tracked: { value: skus.length, format: 'count' as const } } },
          ...lines.slice(0, SHOWN).map((l): Finding =>
            l.daily && l.daily > 0
              ? {
                  template: `${l.name}: order {cases} ${l.cases === 1 ? 'case' : 'cases'} ({units} units); the {onHand} on hand last about {days} days at {daily} a day.`,
                  values: {
                    cases: { value: l.cases, format: 'count' as const },
                    units: { value: l.units, format: 'count' as const },
                    onHand: { value: l.onHand, format: 'count' as const },
                    days: { value: l.daysLeft, format: 'decimal' as const, digits: 1 },
                    daily: { value: l.daily, format: 'decimal' as const, digits: 1 },
                  },
                }
              : {
                  template: `${l.name}: order {cases} ${l.cases === 1 ? 'case' : 'cases'} ({units} units).`,
                  values: { cases: { value: l.cases, format: 'count' as const }, units: { value: l.units, format: 'count' as const } },
                },
          ),
          ...(lines.length > SHOWN ? [{ template: 'The other {rest} items need smaller top-ups; the full list is in the plan.', values: { rest: { value: lines.length - SHOWN, format: 'count' as const } } }] : []),
        ]
      : [{ template: 'Nothing needs reordering now: all {tracked} items have enough stock for their cover window.', values: { tracked: { value: skus.length, format: 'count' as const } } }];
    return {
      cards: [{ tool: 'reorder', title: 'What to reorder', citation: { kind: 'optimization_run', id: runId, label: 'inventory plan (optimizer)' }, findings }],
      data: { runId, orders: lines.map((l) => ({ sku: l.skuId, cases: l.cases, units: l.units })) },
    };
  },
};
