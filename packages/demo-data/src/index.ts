/**
 * @dyocense/demo-data: a deterministic demo business (a harbour café) with planted, documented
 * effects, for demos and for judging the engines against a known truth.
 */
import { CAFE_METRICS } from './catalog';
import { parseDay } from './dates';
import { ALL_EFFECTS, type Effects } from './effects';
import { buildEvents } from './events';
import { inventoryItems } from './items';
import { planEvents } from './plan';
import { toPoints } from './points';
import { simulate, type Scenario } from './simulate';
import type { CafeOptions, DemoBusiness, RemovableEffect } from './types';

export type { CafeOptions, DemoBusiness, DemoPoint, EventKind, InventoryItem, MetricArea, MetricDefinition, PlantedEvent, RemovableEffect } from './types';
export { CAFE_METRICS } from './catalog';
export { cafePlanningSettings, type CafePlanningSettings } from './planning';

export const CAFE_NAME = 'Harbor Street Café';
/** Where the café is; points are whole local days stored as 00:00Z buckets. */
export const CAFE_TIMEZONE = 'America/New_York';

const DEFAULT_DAYS = 730;
const DEFAULT_SEED = 42;
const MAX_DAYS = 3660;

function readOptions(opts: CafeOptions): { endDay: number; days: number; seed: number } {
  const endDay = parseDay(opts.endDate);
  const days = opts.days ?? DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new RangeError(`days must be an integer from 1 to ${MAX_DAYS}, got ${days}`);
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return { endDay, days, seed: seed >>> 0 };
}

function build(opts: CafeOptions, effects: Effects): DemoBusiness {
  const { endDay, days, seed } = readOptions(opts);
  const plan = planEvents(endDay);
  const scenario = simulate({ endDay, days, seed, plan, effects });
  const counterfactual = (e: Effects): Scenario => simulate({ endDay, days, seed, plan, effects: e, withInventory: false });
  return {
    name: CAFE_NAME,
    timezone: CAFE_TIMEZONE,
    metrics: CAFE_METRICS.map((m) => ({ ...m })),
    points: toPoints(scenario),
    inventoryItems: inventoryItems(),
    events: buildEvents(scenario, effects, plan, counterfactual),
  };
}

/** The café over `days` days ending at `endDate`, with every planted effect. */
export function generateCafe(opts: CafeOptions): DemoBusiness {
  return build(opts, ALL_EFFECTS);
}

/**
 * The same café, same noise, with the named effects removed: the counterfactual against which
 * the documented effect sizes are exact.
 */
export function generateCafeCounterfactual(opts: CafeOptions, without: readonly RemovableEffect[]): DemoBusiness {
  return build(opts, {
    campaign: !without.includes('campaign'),
    stockout: !without.includes('stockout'),
    priceChange: !without.includes('price_change'),
  });
}
