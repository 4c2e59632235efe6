import { apiRequest, withQuery } from './api';

export interface MetricDefinition {
  name: string;
  label: string;
  unit: string;
  aggregation: string;
  direction: 'up' | 'down';
  area: string;
  description: string;
  builtin: boolean;
}

export interface SeriesPoint {
  bucket: string;
  value: number | null;
  /** The range cuts this bucket: the value is for the part inside it. */
  partial?: true;
}

export interface Series {
  group: string | null;
  points: SeriesPoint[];
  total: number | null;
}

export interface QueryResult {
  metric: string;
  unit: string;
  bucket: Bucket;
  aggregation: string;
  groupBy: string | null;
  from: string;
  to: string;
  series: Series[];
  total: number | null;
  comparison?: {
    kind: Compare;
    from: string;
    to: string;
    series: Series[];
    total: number | null;
    change: { absolute: number | null; percent: number | null };
  };
}

export type Bucket = 'hour' | 'day' | 'week' | 'month';
export type Compare = 'previous_period' | 'previous_year';

export interface QueryParams {
  metric: string;
  from: string;
  to: string;
  bucket?: Bucket;
  groupBy?: string;
  compare?: Compare;
}

export const fetchCatalog = () => apiRequest<{ metrics: MetricDefinition[] }>('GET', '/api/metrics/catalog').then((r) => r.metrics);

export const queryMetric = (params: QueryParams) =>
  apiRequest<QueryResult>('GET', withQuery('/api/metrics/query', { ...params }));

export const exportUrl = (params: QueryParams, format: 'csv' | 'xlsx' | 'json') => withQuery('/api/metrics/export', { ...params, format });

/** True when the query found at least one value. */
export const hasData = (result: QueryResult) => result.series.some((s) => s.points.some((p) => p.value !== null));
