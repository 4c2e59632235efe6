import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns';
import { tenants, users } from './identity';

export const aggregations = ['sum', 'avg', 'last'] as const;
export type Aggregation = (typeof aggregations)[number];
export const directions = ['up', 'down'] as const;
export type Direction = (typeof directions)[number];
export const businessAreas = ['sales', 'operations', 'marketing', 'inventory', 'customers', 'finance'] as const;
export type BusinessArea = (typeof businessAreas)[number];
/**
 * The buckets a query can ask for. metric_rollups stores day, week and month; hour buckets are
 * aggregated from the points at query time (for hourly data an hour rollup would be a copy
 * of the points, doubling what an import writes).
 */
export const rollupBuckets = ['hour', 'day', 'week', 'month'] as const;
export type RollupBucket = (typeof rollupBuckets)[number];

/** A tenant's own metric definitions; the built-in ones live in code and need no row. */
export const metricDefinitions = pgTable(
  'metric_definitions',
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    label: text('label').notNull(),
    unit: text('unit').notNull(),
    aggregation: text('aggregation', { enum: aggregations }).notNull(),
    direction: text('direction', { enum: directions }).notNull(),
    area: text('area', { enum: businessAreas }).notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);

/**
 * The time series. Range-partitioned by month on `time` (hand-edited in the migration; see
 * metrics_ensure_partitions()); queries go through the parent, where RLS applies.
 * `dims_key` is the canonical text of `dimensions`, so a point is identified by
 * tenant + metric + time + source + dimensions and re-ingesting it replaces its value.
 */
export const businessMetrics = pgTable(
  'business_metrics',
  {
    tenantId: tenantId(),
    metric: text('metric').notNull(),
    time: timestamp('time', { withTimezone: true }).notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit').notNull(),
    source: text('source').notNull(),
    dimensions: jsonb('dimensions').$type<Record<string, string>>().notNull().default({}),
    dimsKey: text('dims_key').notNull().default(''),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // dims_key before time: rollup refresh reads one series' time range at a time.
  (t) => [primaryKey({ columns: [t.tenantId, t.metric, t.dimsKey, t.time, t.source] })],
);

/** Pre-aggregated day, week and month buckets kept current on every ingest; queries read these, not the points. */
export const metricRollups = pgTable(
  'metric_rollups',
  {
    tenantId: tenantId(),
    metric: text('metric').notNull(),
    bucket: text('bucket', { enum: rollupBuckets }).notNull(),
    bucketStart: timestamp('bucket_start', { withTimezone: true }).notNull(),
    dimsKey: text('dims_key').notNull(),
    dimensions: jsonb('dimensions').$type<Record<string, string>>().notNull(),
    sum: doublePrecision('sum').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
    lastValue: doublePrecision('last_value').notNull(),
    lastTime: timestamp('last_time', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Refresh works one series at a time; queries read a time range across series.
    primaryKey({ columns: [t.tenantId, t.metric, t.bucket, t.dimsKey, t.bucketStart] }),
    index('metric_rollups_series_idx').on(t.tenantId, t.metric, t.bucket, t.bucketStart),
  ],
);

export const savedQueries = pgTable(
  'saved_queries',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The same parameters GET /api/metrics/query takes. */
    query: jsonb('query').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('saved_queries_tenant_idx').on(t.tenantId)],
);

export interface DashboardWidget {
  savedQueryId: string;
  title: string;
  visualization: 'line' | 'bar' | 'number' | 'table';
}

export const dashboards = pgTable(
  'dashboards',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    widgets: jsonb('widgets').$type<DashboardWidget[]>().notNull().default([]),
    isDefault: boolean('is_default').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('dashboards_tenant_idx').on(t.tenantId)],
);
