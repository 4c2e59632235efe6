import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { badRequest, type Tx } from '@dyocense/core';
import { forecastModels, forecasts, jobs, type ForecastStatus } from '@dyocense/db';
import type { z } from '@hono/zod-openapi';
import type { ForecastSummaryView, ForecastView } from './schema';

// This capability's queries; every one runs inside withTenant, so RLS scopes it to the caller's tenant.

export type NewForecast = typeof forecasts.$inferInsert;
type Row = typeof forecasts.$inferSelect & { jobStatus: string | null; jobError: string | null };
type ModelRow = typeof forecastModels.$inferSelect;

export async function insertForecast(tx: Tx, values: NewForecast): Promise<string> {
  const [row] = await tx.insert(forecasts).values(values).returning({ id: forecasts.id });
  return row!.id;
}

export async function attachJob(tx: Tx, id: string, jobId: string): Promise<void> {
  await tx.update(forecasts).set({ jobId }).where(eq(forecasts.id, id));
}

/** A run whose job could not even be recorded is failed at once, not left queued. */
export async function markFailed(tx: Tx, id: string, error: string): Promise<void> {
  await tx.update(forecasts).set({ status: 'failed', error, completedAt: sql`now()` }).where(and(eq(forecasts.id, id), eq(forecasts.status, 'queued')));
}

/** Forecast rows with their job's state: until apply completes a run, the job says whether it runs or failed. */
const selectWithJob = (tx: Tx) =>
  tx
    .select({ ...getTableColumns(forecasts), jobStatus: jobs.status, jobError: jobs.error })
    .from(forecasts)
    .leftJoin(jobs, eq(jobs.id, forecasts.jobId));

function statusOf(row: Row): ForecastStatus {
  if (row.status === 'succeeded' || row.status === 'failed') return row.status;
  if (row.jobStatus === 'failed') return 'failed';
  if (row.jobStatus === 'running') return 'running';
  return row.status;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function summaryView(row: Row): z.infer<typeof ForecastSummaryView> {
  const status = statusOf(row);
  return {
    id: row.id,
    status,
    source: row.source,
    metric: row.metric,
    filters: row.filters,
    bucket: row.bucket,
    period: row.period,
    horizon: row.horizon,
    levels: row.levels,
    method: { requested: row.methodRequested, used: row.methodUsed },
    history: { from: iso(row.historyFrom), to: iso(row.historyTo), points: row.historyPoints },
    backtest: row.backtest,
    notes: row.notes,
    error: status === 'failed' ? (row.error ?? row.jobError ?? 'the forecast failed') : null,
    jobId: row.jobId,
    createdAt: row.createdAt.toISOString(),
    completedAt: iso(row.completedAt),
  };
}

function modelView(m: ModelRow) {
  return {
    name: m.name,
    spec: m.spec,
    weight: m.weight,
    backtest: { mase: m.mase, smape: m.smape, mape: m.mape, coverage: m.coverage, winkler: m.winkler },
    note: m.note,
  };
}

export async function findForecast(tx: Tx, id: string): Promise<z.infer<typeof ForecastView> | null> {
  const [row] = await selectWithJob(tx).where(eq(forecasts.id, id));
  if (!row) return null;
  const models = row.status === 'succeeded' ? await tx.select().from(forecastModels).where(eq(forecastModels.forecastId, id)).orderBy(asc(forecastModels.position)) : [];
  return { ...summaryView(row), points: row.points ?? [], models: models.map(modelView) };
}

/** The newest succeeded forecast of a metric made with exactly this filter (served by forecasts_latest_idx). */
export async function findLatest(tx: Tx, metric: string, filters: Record<string, string>): Promise<z.infer<typeof ForecastView> | null> {
  const [row] = await tx
    .select({ id: forecasts.id })
    .from(forecasts)
    .where(and(eq(forecasts.metric, metric), eq(forecasts.status, 'succeeded'), sql`${forecasts.filters} = ${JSON.stringify(filters)}::jsonb`))
    .orderBy(sql`${forecasts.createdAt} desc nulls last`)
    .limit(1);
  return row ? findForecast(tx, row.id) : null;
}

/** Keyset cursor: the last row's creation time in microseconds (exact, unlike a JS Date) and its id. */
const encodeCursor = (us: string, id: string) => Buffer.from(`${us}.${id}`).toString('base64url');

function decodeCursor(cursor: string): { us: string; id: string } {
  const m = /^(\d{1,20})\.([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badRequest('The cursor is not valid; use nextCursor from the previous page.', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  return { us: m[1]!, id: m[2]! };
}

/** A page of forecasts, newest first (summaries: no points or models). */
export async function listForecasts(tx: Tx, q: { metric?: string; limit: number; cursor?: string }) {
  const conditions: SQL[] = [];
  if (q.metric) conditions.push(eq(forecasts.metric, q.metric));
  if (q.cursor) {
    const { us, id } = decodeCursor(q.cursor);
    conditions.push(sql`(${forecasts.createdAt}, ${forecasts.id}) < (timestamptz 'epoch' + (${us}::text || ' microseconds')::interval, ${id}::uuid)`);
  }
  const rows = await tx
    .select({ ...getTableColumns(forecasts), points: sql<null>`null`, jobStatus: jobs.status, jobError: jobs.error, us: sql<string>`(extract(epoch from ${forecasts.createdAt}) * 1000000)::bigint::text` })
    .from(forecasts)
    .leftJoin(jobs, eq(jobs.id, forecasts.jobId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(sql`${forecasts.createdAt} desc nulls last`, sql`${forecasts.id} desc nulls last`)
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { forecasts: page.map(summaryView), nextCursor: rows.length > q.limit && last ? encodeCursor(last.us, last.id) : null };
}
