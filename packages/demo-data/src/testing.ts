/** Test helpers: read a generated business back as plain series. */
import type { DemoBusiness } from './types';

const keyOf = (metric: string, dimensions: Record<string, string>) => `${metric}|${JSON.stringify(Object.entries(dimensions).sort())}`;
const indexes = new WeakMap<DemoBusiness, Map<string, Map<string, number>>>();

/** Values of one series by 'YYYY-MM-DD' (empty when there is no such series). */
export function seriesOf(b: DemoBusiness, metric: string, dimensions: Record<string, string> = {}): Map<string, number> {
  let index = indexes.get(b);
  if (!index) {
    index = new Map();
    for (const p of b.points) {
      const key = keyOf(p.metric, p.dimensions);
      let series = index.get(key);
      if (!series) index.set(key, (series = new Map()));
      series.set(p.time.slice(0, 10), p.value);
    }
    indexes.set(b, index);
  }
  return index.get(keyOf(metric, dimensions)) ?? new Map();
}

export function valueOn(series: Map<string, number>, date: string): number {
  const v = series.get(date);
  if (v === undefined) throw new Error(`no value on ${date}`);
  return v;
}

/** Inclusive list of 'YYYY-MM-DD' dates. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export function eventOf(b: DemoBusiness, kind: string) {
  const e = b.events.find((x) => x.kind === kind);
  if (!e) throw new Error(`no ${kind} event`);
  return e;
}

export function effectOf(b: DemoBusiness, kind: string, key: string): number {
  const v = eventOf(b, kind).effect[key];
  if (v === undefined) throw new Error(`${kind} has no effect ${key}`);
  return v;
}
