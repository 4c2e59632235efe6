// What filling a plan reads from the tenant's data: its saved settings, its latest stored forecast
// of a metric, a metric's daily history and the latest stock counts. Every function takes a
// transaction opened by withTenant, so RLS scopes each read to the caller's tenant.
import { and, desc, eq, sql } from 'drizzle-orm';
import { forecasts, optimizationConstraints, type OptimizationKind } from '@dyocense/db';
import type { Tx } from '@dyocense/core';
import { loadCatalog, queryMetric } from '@dyocense/metrics';
import type { DailyValue, StoredForecastPoint } from './logic/demand';

export type ConstraintsRow = typeof optimizationConstraints.$inferSelect;

export async function findConstraints(tx: Tx, kind: OptimizationKind): Promise<ConstraintsRow | null> {
  const [row] = await tx.select().from(optimizationConstraints).where(eq(optimizationConstraints.kind, kind));
  return row ?? null;
}

export interface LatestForecast {
  id: string;
  createdAt: Date;
  points: StoredForecastPoint[];
}

/** The newest succeeded daily forecast of a metric with exactly these dimension filters. */
export async function latestForecast(tx: Tx, metric: string, filters: Record<string, string>): Promise<LatestForecast | null> {
  const [row] = await tx
    .select({ id: forecasts.id, createdAt: forecasts.createdAt, points: forecasts.points })
    .from(forecasts)
    .where(and(eq(forecasts.metric, metric), eq(forecasts.status, 'succeeded'), eq(forecasts.bucket, 'day'), sql`${forecasts.filters} = ${JSON.stringify(filters)}::jsonb`))
    .orderBy(desc(forecasts.createdAt))
    .limit(1);
  return row?.points ? { id: row.id, createdAt: row.createdAt, points: row.points } : null;
}

/** Daily values of a metric in [from, to) (dates as YYYY-MM-DD); empty when the metric is unknown. */
export async function dailySeries(tx: Tx, metric: string, filters: Record<string, string> | undefined, from: string, to: string): Promise<DailyValue[]> {
  const def = (await loadCatalog(tx)).get(metric);
  if (!def) return [];
  const result = await queryMetric(tx, { metric: def, from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`), bucket: 'day', filters });
  return (result.series[0]?.points ?? []).filter((p) => p.value !== null).map((p) => ({ date: p.bucket.slice(0, 10), value: p.value! }));
}

/** The last recorded value of a metric per value of `dimension`, within the days before `to`. */
export async function latestByDimension(tx: Tx, metric: string, dimension: string, from: string, to: string): Promise<Map<string, { value: number; date: string }>> {
  const def = (await loadCatalog(tx)).get(metric);
  const out = new Map<string, { value: number; date: string }>();
  if (!def) return out;
  const result = await queryMetric(tx, {
    metric: def,
    from: new Date(`${from}T00:00:00Z`),
    to: new Date(`${to}T00:00:00Z`),
    bucket: 'day',
    groupBy: dimension,
    aggregation: 'last',
  });
  for (const s of result.series) {
    const last = [...s.points].reverse().find((p) => p.value !== null);
    if (s.group !== null && last) out.set(s.group, { value: last.value!, date: last.bucket.slice(0, 10) });
  }
  return out;
}

