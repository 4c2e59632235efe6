// What every filler shares: the tenant's transaction, the plan's first day, notes on where filled
// values came from, and daily demand of a metric from its latest forecast or its history.
import { HttpProblem, type FieldError, type Tx } from '@dyocense/core';
import type { ForecastQuantiles } from '@dyocense/optimizer';
import { addDays } from '../logic/dates';
import { demandFromHistory, demandFromStoredForecast, HISTORY_WEEKS } from '../logic/demand';
import { dailySeries, latestForecast } from '../reads';

export type DemandSourceChoice = 'auto' | 'forecast' | 'history';

export interface Driver {
  metric: string;
  filters?: Record<string, string>;
}

export interface FillContext {
  tx: Tx;
  /** First day of the plan (period 0), YYYY-MM-DD. */
  start: string;
  /** Today, YYYY-MM-DD: history is read up to the day before. */
  today: string;
  demandSource: DemandSourceChoice;
  notes: string[];
  /** Filled demand per driver and length, so SKUs sharing a driver read it once. */
  cache: Map<string, Promise<DriverDemand | null>>;
}

export interface DriverDemand {
  forecast: ForecastQuantiles;
  /** Where it came from, in words, for the run's notes. */
  source: string;
}

export function fillContext(tx: Tx, opts: { start: string; today: string; demandSource?: DemandSourceChoice }): FillContext {
  return { tx, start: opts.start, today: opts.today, demandSource: opts.demandSource ?? 'auto', notes: [], cache: new Map() };
}

const describe = (d: Driver) => (d.filters && Object.keys(d.filters).length ? `${d.metric} (${Object.entries(d.filters).map(([k, v]) => `${k}=${v}`).join(', ')})` : d.metric);

async function readDemand(ctx: FillContext, driver: Driver, days: number): Promise<DriverDemand | null> {
  const filters = driver.filters ?? {};
  let staleNote: string | null = null;
  if (ctx.demandSource !== 'history') {
    const stored = await latestForecast(ctx.tx, driver.metric, filters);
    const window = stored ? demandFromStoredForecast(stored.points, ctx.start, days) : null;
    if (stored && window) {
      return { forecast: window, source: `the forecast of ${describe(driver)} made ${stored.createdAt.toISOString().slice(0, 10)} (${stored.id})` };
    }
    if (ctx.demandSource === 'forecast') return null;
    staleNote = stored ? `the latest forecast of ${describe(driver)} does not cover ${ctx.start} + ${days} days, so ` : null;
  }
  // History: enough weeks before the plan for each of its days to see HISTORY_WEEKS same weekdays.
  const from = addDays(ctx.start, -7 * (HISTORY_WEEKS + Math.ceil(days / 7)));
  const history = await dailySeries(ctx.tx, driver.metric, driver.filters, from, ctx.today);
  const forecast = demandFromHistory(history, ctx.start, days);
  if (!forecast) return null;
  return { forecast, source: `${staleNote ?? ''}the history of ${describe(driver)} (same weekday, last ${HISTORY_WEEKS} weeks)` };
}

/** Daily demand for `days` days from ctx.start; null when neither a forecast nor history exists. */
export function driverDemand(ctx: FillContext, driver: Driver, days: number): Promise<DriverDemand | null> {
  const key = JSON.stringify([driver.metric, driver.filters ?? {}, days]);
  let pending = ctx.cache.get(key);
  if (!pending) {
    pending = readDemand(ctx, driver, days);
    ctx.cache.set(key, pending);
  }
  return pending;
}

/** The request cannot be completed from saved settings: a 400 naming what to give. */
export function missingInput(detail: string, errors: FieldError[]): HttpProblem {
  return new HttpProblem(400, 'validation', detail, errors);
}

/** Demand needed and the tenant's data cannot supply it (no forecast, no history). */
export function missingData(detail: string, errors: FieldError[]): HttpProblem {
  return new HttpProblem(422, 'missing-data', detail, errors);
}

/** One note per source, with how many items used it. */
export function noteSources(ctx: FillContext, what: string, sources: Map<string, string[]>): void {
  for (const [source, items] of sources) {
    const list = items.length <= 4 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
    ctx.notes.push(`${what} for ${list}: from ${source}.`);
  }
}

export function addTo(map: Map<string, string[]>, key: string, item: string): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
