import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from './columns';
import { tenants, users } from './identity';
import { jobs } from './platform';

export const forecastStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ForecastStatus = (typeof forecastStatuses)[number];
/** metric: the tenant's own history of a metric; series: values sent inline by the caller. */
export const forecastSources = ['metric', 'series'] as const;
export type ForecastSource = (typeof forecastSources)[number];
export const forecastBuckets = ['day', 'week', 'month'] as const;
export type ForecastBucket = (typeof forecastBuckets)[number];

/** One forecast step: its time (null for an inline series without a start), the mean and bounds by level ("80", "95"). */
export interface ForecastPoint {
  step: number;
  time: string | null;
  mean: number;
  lower: Record<string, number>;
  upper: Record<string, number>;
}

/** The whole procedure's rolling-origin backtest (what the user is told about accuracy). */
export interface ForecastBacktest {
  mase: number | null;
  smape: number | null;
  mape: number | null;
  coverage: Record<string, number | null>;
  winkler: Record<string, number | null>;
  origins: number;
  horizon: number;
}

/**
 * One forecast run. The points live in a jsonb array on the row: they are always written and read
 * whole (a run's horizon is bounded), so the common read — the latest forecast of a metric — is one
 * index probe and one row, and a finished run flips status and points in one update.
 */
export const forecasts = pgTable(
  'forecasts',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    source: text('source', { enum: forecastSources }).notNull(),
    /** Null for inline series. */
    metric: text('metric'),
    /** The dimension filter the history was read with ({} = all dimensions combined). */
    filters: jsonb('filters').$type<Record<string, string>>().notNull().default({}),
    bucket: text('bucket', { enum: forecastBuckets }),
    period: integer('period').notNull(),
    horizon: integer('horizon').notNull(),
    levels: doublePrecision('levels').array().notNull(),
    methodRequested: text('method_requested').notNull(),
    /** What the engine ended up using ('auto', 'ets', 'naive', 'constant', ...). */
    methodUsed: text('method_used'),
    status: text('status', { enum: forecastStatuses }).notNull().default('queued'),
    error: text('error'),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    historyFrom: timestamp('history_from', { withTimezone: true }),
    historyTo: timestamp('history_to', { withTimezone: true }),
    historyPoints: integer('history_points').notNull(),
    points: jsonb('points').$type<ForecastPoint[]>(),
    backtest: jsonb('backtest').$type<ForecastBacktest>(),
    /** Plain-language notes from the engine: short history, filled gaps, seasonality handling. */
    notes: jsonb('notes').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    // "The latest forecast of a metric": newest succeeded run first, straight off the index.
    index('forecasts_latest_idx').on(t.tenantId, t.metric, t.createdAt.desc()).where(sql`${t.status} = 'succeeded'`),
    // Listing, newest first, with keyset pagination on (created_at, id).
    index('forecasts_tenant_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
    index('forecasts_metric_created_idx').on(t.tenantId, t.metric, t.createdAt.desc(), t.id.desc()),
  ],
);

/** Each candidate model of a run: its fitted specification, weight in the combination and own backtest. */
export const forecastModels = pgTable(
  'forecast_models',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    forecastId: uuid('forecast_id')
      .notNull()
      .references(() => forecasts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** The fitted specification, e.g. 'ETS(M,Ad,M)' or 'ARIMA(0,1,1)(0,1,1)[7]'. */
    spec: text('spec').notNull(),
    weight: doublePrecision('weight').notNull(),
    /** Null when the series was too short for a backtest. */
    mase: doublePrecision('mase'),
    smape: doublePrecision('smape'),
    /** Undefined when a backtest actual was zero. */
    mape: doublePrecision('mape'),
    coverage: jsonb('coverage').$type<Record<string, number>>(),
    winkler: jsonb('winkler').$type<Record<string, number>>(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('forecast_models_forecast_idx').on(t.forecastId, t.position)],
);
