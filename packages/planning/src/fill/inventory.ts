// Inventory input from the request, the saved SKU catalog, the latest stock counts and the
// demand drivers' forecast or history.
import type { FieldError } from '@dyocense/core';
import { addDays } from '../logic/dates';
import { scaleDemand } from '../logic/demand';
import { mergeById, overlay, strip } from '../logic/merge';
import type { InventoryRequest, InventorySettings } from '../requests';
import { latestByDimension } from '../reads';
import { addTo, driverDemand, missingData, missingInput, noteSources, type FillContext } from './context';

/** Days of stock counts searched for each SKU's latest level. */
const STOCK_LOOKBACK_DAYS = 14;

const periodsOf = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 104 ? v : fallback);

export async function fillInventory(ctx: FillContext, req: InventoryRequest, saved: InventorySettings | null): Promise<Record<string, unknown>> {
  const skus = mergeById(saved?.skus ?? [], req.skus);
  if (skus.length === 0) {
    throw missingInput('No SKUs were given and none are saved: send skus, or save a catalog with PUT /api/optimize/constraints/inventory.', [
      { path: 'skus', message: 'required (nothing saved)' },
    ]);
  }

  const stockMetric = saved?.stockMetric ?? 'inventory_level';
  const levels = skus.some((s) => s.onHand === undefined)
    ? await latestByDimension(ctx.tx, stockMetric, 'sku', addDays(ctx.today, -STOCK_LOOKBACK_DAYS), addDays(ctx.today, 1))
    : new Map<string, { value: number; date: string }>();

  const missing: FieldError[] = [];
  const noData: FieldError[] = [];
  const demandSources = new Map<string, string[]>();
  const stockSources = new Map<string, string[]>();
  const filled = await Promise.all(
    skus.map(async (sku, i) => {
      const { usage, ...out } = sku;
      const item: Record<string, unknown> = { ...out, name: sku.name ?? sku.id };
      if (sku.onHand === undefined) {
        const level = levels.get(sku.id);
        if (level) {
          item.onHand = level.value;
          addTo(stockSources, `the latest ${stockMetric} (as of ${level.date})`, sku.id);
        } else addTo(stockSources, `nothing (no ${stockMetric} in the last ${STOCK_LOOKBACK_DAYS} days; 0 assumed)`, sku.id);
      }
      if (sku.demand === undefined) {
        if (!usage) {
          missing.push({ path: `skus.${i}.demand`, message: 'required: give demand, or a usage driver (usage.metric, usage.perUnit)' });
          return item;
        }
        // The order must cover the lead time and the cover window: that many days of demand.
        const days = periodsOf(sku.leadTimePeriods, 0) + Math.max(1, periodsOf(sku.coverPeriods, 1));
        const daily = await driverDemand(ctx, usage, days);
        if (!daily) {
          noData.push({ path: `skus.${i}.demand`, message: `no ${ctx.demandSource === 'forecast' ? 'forecast' : 'forecast or history'} of ${usage.metric} to derive it from` });
          return item;
        }
        item.demand = { forecast: scaleDemand(daily.forecast, usage.perUnit) };
        addTo(demandSources, `${daily.source}, times the SKU's usage per unit of ${usage.metric}`, sku.id);
      }
      return item;
    }),
  );
  if (missing.length) throw missingInput(`Some SKUs have no demand: ${missing.map((e) => e.path).join(', ')}.`, missing);
  if (noData.length) throw missingData(`Demand could not be derived from your data for ${noData.length} SKU(s); send demand, or ingest or forecast the driver metric.`, noData);
  noteSources(ctx, 'Stock on hand', stockSources);
  noteSources(ctx, 'Daily demand', demandSources);

  const anyFilled = demandSources.size > 0;
  const periodLabel = req.periodLabel ?? saved?.periodLabel ?? (anyFilled ? 'day' : undefined);
  if (anyFilled && periodLabel !== 'day') ctx.notes.push('Demand filled from daily data counts periods in days (lead times and cover windows too).');
  return strip({
    skus: filled,
    suppliers: req.suppliers ?? saved?.suppliers,
    capacity: overlay(saved?.capacity, req.capacity),
    scenarioCount: req.scenarioCount ?? saved?.scenarioCount,
    periodLabel,
    currency: req.currency ?? saved?.currency,
    timeLimit: req.timeLimit,
    mipGap: req.mipGap,
    engine: req.engine,
  });
}
