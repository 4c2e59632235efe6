// Forecasts of the demo café as a new user asks for them: its history loaded through the ingest
// path, a forecast requested over HTTP, the result checked against what actually happened and
// against seasonal naive, anomalies checked against the planted supplier stock-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@dyocense/core';
import { latestForecast } from '@dyocense/core/jobs/kinds';
import { generateCafe, type DemoBusiness } from '@dyocense/demo-data';
import { checkPoints, ingestChecked, loadCatalog } from '@dyocense/metrics';
import { TestClient, signUp } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';

type Point = { step: number; time: string | null; mean: number; lower: Record<string, number>; upper: Record<string, number> };
type Forecast = {
  id: string;
  status: string;
  metric: string | null;
  filters: Record<string, string>;
  method: { requested: string; used: string | null };
  history: { from: string | null; to: string | null; points: number };
  points: Point[];
  models: { name: string; weight: number; backtest: { mase: number | null } }[];
  backtest: { mase: number; coverage: Record<string, number>; origins: number };
  notes: string[];
};
type Anomalies = { anomalies: { time: string; value: number; expected: number; score: number; direction: 'high' | 'low' }[] };

const DAY = 86_400_000;
const now = new Date();
const yesterday = new Date(now.getTime() - DAY).toISOString().slice(0, 10);
/** Only what these tests read: the whole café takes far longer to load. */
const METRICS = new Set(['revenue', 'stockouts', 'category_revenue']);

let server: TestServer;
let owner: TestClient;
let tenantId: string;
let cafe: DemoBusiness;

beforeAll(async () => {
  server = await startTestServer();
  owner = new TestClient(server.url);
  tenantId = (await signUp(owner, { businessName: 'Harbor Street Café' })).tenant.id;
  cafe = generateCafe({ endDate: yesterday });
  const catalog = await withTenant(server.runtime.db, tenantId, loadCatalog);
  const { clean, errors } = checkPoints(cafe.points.filter((p) => METRICS.has(p.metric)), catalog, 'demo', now.getTime());
  expect(errors).toEqual([]);
  await ingestChecked(server.runtime.db, tenantId, clean);
  // Start a worker thread (its first start loads every engine), as a running server has.
  expect((await server.runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: [1] })).status).toBe('succeeded');
}, 120_000);
afterAll(() => server?.close());

/** Asks for a forecast the way a client should: take the 201, or follow the 202's Location until done. */
async function forecastOf(path: string, body: unknown): Promise<Forecast> {
  const res = await owner.post(path, body, { prefer: 'wait=10' });
  expect([201, 202], await res.clone().text()).toContain(res.status);
  let fc = (await res.json()) as Forecast & { location?: string };
  const deadline = Date.now() + 60_000;
  while (fc.status !== 'succeeded' && fc.status !== 'failed' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    fc = (await (await owner.get(`/api/forecast/${fc.id}`)).json()) as Forecast;
  }
  expect(fc.status).toBe('succeeded');
  return fc;
}

const revenue = () => cafe.points.filter((p) => p.metric === 'revenue').map((p) => p.value);

describe("the café's daily revenue", () => {
  let made: Forecast;

  it('is forecast from its two years of history, four weeks ahead, from the day after the last full day', async () => {
    made = await forecastOf('/api/forecast', { metric: 'revenue', horizon: 28 });
    expect(made).toMatchObject({ status: 'succeeded', metric: 'revenue', filters: {}, method: { requested: 'auto' }, history: { points: 730, to: `${yesterday}T00:00:00.000Z` } });
    expect(made.points).toHaveLength(28);
    expect(made.points[0]!.time).toBe(new Date(now.getTime()).toISOString().slice(0, 10) + 'T00:00:00.000Z');
    expect(made.notes.join(' ')).toMatch(/yearly seasonality/);
  });

  it('beats seasonal naive in its own rolling-origin backtest', () => {
    expect(made.backtest.origins).toBeGreaterThanOrEqual(3);
    expect(made.backtest.mase).toBeLessThan(1);
    const snaive = made.models.find((m) => m.name === 'snaive');
    expect(snaive?.backtest.mase).toBeGreaterThan(made.backtest.mase);
  });

  it('beats seasonal naive on the last four weeks held out, and mostly covers them', async () => {
    const values = revenue();
    const h = 28;
    const train = values.slice(0, -h);
    const actual = values.slice(-h);
    const fc = await forecastOf('/api/forecast/series', { values: train, period: 7, horizon: h });
    const mae = (pred: number[]) => actual.reduce((a, v, i) => a + Math.abs(v - pred[i]!), 0) / h;
    const seasonalNaive = actual.map((_, i) => train[train.length - 7 + (i % 7)]!);
    expect(mae(fc.points.map((p) => p.mean))).toBeLessThan(0.8 * mae(seasonalNaive));
    const inside = actual.filter((v, i) => v >= fc.points[i]!.lower['95']! && v <= fc.points[i]!.upper['95']!).length;
    expect(inside / h).toBeGreaterThanOrEqual(0.75);
  });

  it('keeps the weekly cycle: Saturdays above Mondays', () => {
    const byWeekday = (d: number) => made.points.filter((p) => new Date(p.time!).getUTCDay() === d).map((p) => p.mean);
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    expect(mean(byWeekday(6))).toBeGreaterThan(1.2 * mean(byWeekday(1)));
  });

  it('has nested intervals that widen with the horizon', () => {
    for (const p of made.points) {
      expect(p.lower['95']!).toBeLessThanOrEqual(p.lower['80']!);
      expect(p.lower['80']!).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.upper['80']!);
      expect(p.upper['80']!).toBeLessThanOrEqual(p.upper['95']!);
    }
    const width = (p: Point) => p.upper['95']! - p.lower['95']!;
    expect(width(made.points[27]!)).toBeGreaterThanOrEqual(width(made.points[0]!));
  });

  it('is the latest forecast of revenue, over HTTP and through the typed reader', async () => {
    const latest = (await (await owner.get('/api/forecast/latest?metric=revenue')).json()) as Forecast;
    expect(latest.id).toBe(made.id);
    const read = await withTenant(server.runtime.db, tenantId, (tx) => latestForecast(tx, 'revenue'));
    expect(read?.id).toBe(made.id);
    expect(read?.points).toHaveLength(28);
    expect(read?.models.map((m) => m.name)).toEqual(made.models.map((m) => m.name));
  });

  it('is listed under its metric, with every model’s own backtest stored', async () => {
    const page = (await (await owner.get('/api/forecast?metric=revenue')).json()) as { forecasts: { id: string; metric: string }[] };
    expect(page.forecasts.map((f) => f.id)).toContain(made.id);
    expect(page.forecasts.every((f) => f.metric === 'revenue')).toBe(true);
    const detail = (await (await owner.get(`/api/forecast/${made.id}`)).json()) as {
      models: { name: string; backtest: { mase: number; smape: number; mape: number | null; coverage: Record<string, number>; winkler: Record<string, number> } }[];
    };
    for (const m of detail.models) {
      expect(Number.isFinite(m.backtest.mase), m.name).toBe(true);
      // MAPE is undefined (null) only when a backtest week holds the Christmas closure (revenue 0).
      if (m.backtest.mape !== null) expect(m.backtest.mape, m.name).toBeGreaterThan(0);
      expect(Object.keys(m.backtest.coverage).sort()).toEqual(['80', '95']);
      expect(m.backtest.winkler['95']!).toBeGreaterThan(m.backtest.winkler['80']! * 0.5);
    }
  });

  it('is invisible to another business', async () => {
    const stranger = new TestClient(server.url);
    const them = await signUp(stranger);
    expect((await stranger.get(`/api/forecast/${made.id}`)).status).toBe(404);
    expect((await stranger.get('/api/forecast/latest?metric=revenue')).status).toBe(404);
    const theirs = await withTenant(server.runtime.db, them.tenant.id, (tx) => latestForecast(tx, 'revenue'));
    expect(theirs).toBeNull();
  });
});

describe('weekly and filtered forecasts', () => {
  it('forecasts bakery revenue by week from the category dimension', async () => {
    const fc = await forecastOf('/api/forecast', { metric: 'category_revenue', filters: { category: 'bakery' }, bucket: 'week', horizon: 8, levels: [90] });
    expect(fc).toMatchObject({ status: 'succeeded', filters: { category: 'bakery' } });
    expect(fc.history.points).toBeGreaterThanOrEqual(103);
    // Weeks start on Monday; the first forecast week is the one in progress now.
    for (const p of fc.points) expect(new Date(p.time!).getUTCDay()).toBe(1);
    expect(Object.keys(fc.points[0]!.lower)).toEqual(['90']);
    // Bakery is a share of the café's weekly revenue: the forecast is of that size, not of the whole.
    const weekly = revenue().slice(-7).reduce((a, b) => a + b, 0);
    expect(fc.points[0]!.mean).toBeLessThan(0.5 * weekly);
    expect(fc.points[0]!.mean).toBeGreaterThan(0.05 * weekly);
    // The unfiltered latest revenue forecast is not this one.
    const latest = (await (await owner.get('/api/forecast/latest?metric=category_revenue&filter=category:bakery')).json()) as Forecast;
    expect(latest.id).toBe(fc.id);
    expect((await owner.get('/api/forecast/latest?metric=category_revenue')).status).toBe(404);
  });
});

describe('anomalies', () => {
  it('finds the planted supplier stock-out week, every day of it, as unusually many stock-outs', async () => {
    const stockout = cafe.events.find((e) => e.kind === 'stockout')!;
    const from = new Date(Date.parse(stockout.start) - 60 * DAY).toISOString().slice(0, 10);
    const to = new Date(Date.parse(stockout.end) + 30 * DAY).toISOString().slice(0, 10);
    const res = await owner.get(`/api/forecast/anomalies?metric=stockouts&from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const { anomalies } = (await res.json()) as Anomalies;
    const days = anomalies.map((a) => a.time.slice(0, 10));
    const week = Array.from({ length: 7 }, (_, i) => new Date(Date.parse(stockout.start) + i * DAY).toISOString().slice(0, 10));
    expect(days).toEqual(week);
    for (const a of anomalies) {
      expect(a.direction).toBe('high');
      expect(a.score).toBeGreaterThan(3.5);
      expect(a.value).toBeGreaterThan(a.expected);
    }
  });

  it('finds the Christmas closure as a low revenue day', async () => {
    const res = await owner.get('/api/forecast/anomalies?metric=revenue');
    expect(res.status).toBe(200);
    const { anomalies } = (await res.json()) as Anomalies;
    const closure = cafe.events.filter((e) => e.kind === 'closure').map((e) => e.start).at(-1)!;
    const lastYear = Date.parse(closure) > now.getTime() - 365 * DAY;
    if (lastYear) expect(anomalies).toContainEqual(expect.objectContaining({ time: `${closure}T00:00:00.000Z`, value: 0, direction: 'low' }));
    expect(anomalies.every((a) => Math.abs(a.score) > 3.5)).toBe(true);
  });

  it('names bad parameters', async () => {
    const res = await owner.get('/api/forecast/anomalies?metric=revenue&from=soon');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('from');
    expect((await owner.get('/api/forecast/anomalies?metric=nope_metric')).status).toBe(400);
  });
});
