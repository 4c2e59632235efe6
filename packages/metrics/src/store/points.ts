import type { FieldError } from '@dyocense/core';
import type { MetricDefinition } from '../catalog';
import { DIMENSION_NAME, dimensionsKey, MAX_DIMENSION_VALUE, MAX_DIMENSIONS } from '../dimensions';

export interface PointInput {
  metric: string;
  time: string;
  value: number;
  unit?: string;
  source?: string;
  dimensions?: Record<string, string>;
}

/** A point checked against the catalog, ready to write. */
export interface CleanPoint {
  metric: string;
  time: string;
  value: number;
  unit: string;
  source: string;
  dimensions: Record<string, string>;
  dims_key: string;
}

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST_AHEAD_MS = 366 * 86_400_000;

/**
 * Checks a batch point by point against the tenant's catalog. Every problem is reported
 * with its index, so a client fixes a batch in one round; a batch with any problem is
 * written not at all.
 */
export function checkPoints(
  points: PointInput[],
  catalog: ReadonlyMap<string, MetricDefinition>,
  defaultSource: string,
  now = Date.now(),
): { clean: CleanPoint[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const clean: CleanPoint[] = [];
  const seen = new Map<string, number>();
  points.forEach((p, i) => {
    const at = (field: string, message: string) => errors.push({ path: `points.${i}.${field}`, message });
    const def = catalog.get(p.metric);
    if (!def) return at('metric', `unknown metric "${p.metric}"; define it first (POST /api/metrics/catalog)`);
    if (p.unit !== undefined && p.unit !== def.unit) return at('unit', `${p.metric} is measured in ${def.unit}, not ${p.unit}`);
    const t = Date.parse(p.time);
    if (Number.isNaN(t)) return at('time', 'not an ISO 8601 date-time');
    if (t < EARLIEST || t > now + LATEST_AHEAD_MS) return at('time', 'outside 1970 to one year from now');
    if (!Number.isFinite(p.value)) return at('value', 'must be a finite number');
    const dims = p.dimensions ?? {};
    const names = Object.keys(dims);
    if (names.length > MAX_DIMENSIONS) return at('dimensions', `at most ${MAX_DIMENSIONS} dimensions`);
    for (const name of names) {
      if (!DIMENSION_NAME.test(name)) return at(`dimensions.${name}`, 'names are lower-case letters, digits and _');
      const v = dims[name];
      if (typeof v !== 'string' || v.length === 0 || v.length > MAX_DIMENSION_VALUE) {
        return at(`dimensions.${name}`, `values are non-empty text of at most ${MAX_DIMENSION_VALUE} characters`);
      }
    }
    const point: CleanPoint = {
      metric: p.metric,
      time: new Date(t).toISOString(),
      value: p.value,
      unit: def.unit,
      source: p.source ?? defaultSource,
      dimensions: dims,
      dims_key: dimensionsKey(dims),
    };
    const identity = `${point.metric}\u0000${point.time}\u0000${point.source}\u0000${point.dims_key}`;
    const first = seen.get(identity);
    if (first !== undefined) return at('time', `repeats point ${first} (same metric, time, source and dimensions)`);
    seen.set(identity, i);
    clean.push(point);
  });
  return { clean, errors };
}
