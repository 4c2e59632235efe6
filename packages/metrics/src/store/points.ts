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
/** Same rule as the ingest route's schema: a short lower-case label. */
export const SOURCE = /^[a-z0-9_.:-]{1,40}$/;

/** A problem with one point: the field and a sentence. */
export interface PointProblem {
  field: string;
  message: string;
}

/** The identity of a point: re-ingesting the same identity replaces its value. */
export const pointIdentity = (p: CleanPoint) => `${p.metric}\u0000${p.time}\u0000${p.source}\u0000${p.dims_key}`;

const problem = (field: string, message: string): PointProblem => ({ field, message });

/** Checks one point against the tenant's catalog; the clean point, or what is wrong with it. */
export function checkPoint(
  p: PointInput,
  catalog: ReadonlyMap<string, MetricDefinition>,
  defaultSource: string,
  now: number,
): CleanPoint | PointProblem {
  const def = catalog.get(p.metric);
  if (!def) return problem('metric', `unknown metric "${p.metric}"; define it first (POST /api/metrics/catalog)`);
  if (p.unit !== undefined && p.unit !== def.unit) return problem('unit', `${p.metric} is measured in ${def.unit}, not ${p.unit}`);
  const t = typeof p.time === 'string' ? Date.parse(p.time) : Number.NaN;
  if (Number.isNaN(t)) return problem('time', 'not an ISO 8601 date-time');
  if (t < EARLIEST || t > now + LATEST_AHEAD_MS) return problem('time', 'outside 1970 to one year from now');
  if (typeof p.value !== 'number' || !Number.isFinite(p.value)) return problem('value', 'must be a finite number');
  if (p.source !== undefined && (typeof p.source !== 'string' || !SOURCE.test(p.source))) {
    return problem('source', '1 to 40 of a-z, 0-9, _ . : -');
  }
  const dims = p.dimensions ?? {};
  const names = Object.keys(dims);
  if (names.length > MAX_DIMENSIONS) return problem('dimensions', `at most ${MAX_DIMENSIONS} dimensions`);
  for (const name of names) {
    if (!DIMENSION_NAME.test(name)) return problem(`dimensions.${name}`, 'names are lower-case letters, digits and _');
    const v = dims[name];
    if (typeof v !== 'string' || v.length === 0 || v.length > MAX_DIMENSION_VALUE) {
      return problem(`dimensions.${name}`, `values are non-empty text of at most ${MAX_DIMENSION_VALUE} characters`);
    }
  }
  return {
    metric: p.metric,
    time: new Date(t).toISOString(),
    value: p.value,
    unit: def.unit,
    source: p.source ?? defaultSource,
    dimensions: dims,
    dims_key: dimensionsKey(dims),
  };
}

export const isProblem = (checked: CleanPoint | PointProblem): checked is PointProblem => 'field' in checked;

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
    const checked = checkPoint(p, catalog, defaultSource, now);
    if (isProblem(checked)) return errors.push({ path: `points.${i}.${checked.field}`, message: checked.message });
    const identity = pointIdentity(checked);
    const first = seen.get(identity);
    if (first !== undefined) return errors.push({ path: `points.${i}.time`, message: `repeats point ${first} (same metric, time, source and dimensions)` });
    seen.set(identity, i);
    clean.push(checked);
  });
  return { clean, errors };
}
