import type { z } from '@hono/zod-openapi';
import { badRequest, type FieldError } from '@dyocense/core';
import { MAX_BUCKETS, bucketStarts, type MetricDefinition, type MetricQuery } from '@dyocense/metrics';
import type { QueryParams } from './schema';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Turns the query string into a MetricQuery, with every problem named by its parameter. */
export function parseMetricQuery(params: z.infer<typeof QueryParams>, catalog: ReadonlyMap<string, MetricDefinition>): MetricQuery {
  const errors: FieldError[] = [];
  const metric = catalog.get(params.metric);
  if (!metric) errors.push({ path: 'metric', message: `unknown metric "${params.metric}"` });
  const from = new Date(params.from);
  let to = new Date(params.to);
  if (Number.isNaN(from.getTime())) errors.push({ path: 'from', message: 'not an ISO 8601 date or date-time' });
  if (Number.isNaN(to.getTime())) errors.push({ path: 'to', message: 'not an ISO 8601 date or date-time' });
  else if (DATE_ONLY.test(params.to)) to = new Date(to.getTime() + 86_400_000);
  if (!errors.length && to <= from) errors.push({ path: 'to', message: 'must be after from' });
  const filters: Record<string, string> = {};
  for (const f of [params.filter ?? []].flat()) {
    const at = f.indexOf(':');
    if (at < 1) errors.push({ path: 'filter', message: `"${f}" is not dimension:value` });
    else filters[f.slice(0, at)] = f.slice(at + 1);
  }
  if (!errors.length && bucketStarts(from, to, params.bucket).length > MAX_BUCKETS) {
    errors.push({ path: 'bucket', message: `more than ${MAX_BUCKETS} ${params.bucket} buckets; use a larger bucket or a shorter range` });
  }
  if (errors.length) throw badRequest(`The query is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
  return {
    metric: metric!,
    from,
    to,
    bucket: params.bucket,
    aggregation: params.aggregation,
    groupBy: params.groupBy,
    filters,
    compare: params.compare,
  };
}
