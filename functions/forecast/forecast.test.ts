// The forecast API over real HTTP on the bundled server: inline series (synchronous and 202),
// validation, listing, tenant isolation and scopes. The demo café's metric forecasts are in
// tests/e2e/forecast.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows, withTenant } from '@dyocense/core';
import { forecasts, jobs } from '@dyocense/db';
import { TestClient, signUp } from '../../tests/support/client';
import { startTestServer, type TestServer } from '../../tests/support/server';

type Point = { step: number; time: string | null; mean: number; lower: Record<string, number>; upper: Record<string, number> };
type Forecast = {
  id: string;
  status: string;
  source: string;
  levels: number[];
  method: { requested: string; used: string | null };
  history: { from: string | null; to: string | null; points: number };
  points: Point[];
  models: { name: string; spec: string; weight: number; backtest: { mase: number | null; smape: number | null; coverage: Record<string, number> | null } }[];
  backtest: { mase: number | null; coverage: Record<string, number | null>; origins: number } | null;
  notes: string[];
};
type Problem = { type: string; status: number; detail: string; errors?: { path: string; message: string }[] };

let server: TestServer;
let owner: TestClient;
let stranger: TestClient;
let ownerTenant: string;

/** Four years of a monthly series with trend, yearly season and deterministic noise. */
const monthly = Array.from({ length: 48 }, (_, t) => 200 + 3 * t + 40 * Math.sin((2 * Math.PI * t) / 12) + 12 * Math.sin(t * 7.3));

beforeAll(async () => {
  server = await startTestServer();
  owner = new TestClient(server.url);
  stranger = new TestClient(server.url);
  ownerTenant = (await signUp(owner)).tenant.id;
  await signUp(stranger);
  // A worker thread's first start (loading every engine) can take seconds on a busy machine; the
  // synchronous answers below are about a running server, so start one first.
  expect((await server.runtime.jobs.run(ownerTenant, 'diagnostics.sum', { numbers: [1] })).status).toBe('succeeded');
}, 60_000);
afterAll(() => server?.close());

async function poll(client: TestClient, location: string, timeoutMs = 60_000): Promise<Forecast> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(location);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Forecast;
    if (body.status === 'succeeded' || body.status === 'failed' || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('POST /api/forecast/series', () => {
  let made: Forecast;

  it('answers a small series at once, with nested intervals that widen with the horizon', async () => {
    const res = await owner.post('/api/forecast/series', { values: monthly, period: 12, horizon: 12, levels: [95, 50, 80], start: '2021-01-01T00:00:00Z', interval: 'month' });
    expect(res.status).toBe(201);
    made = (await res.json()) as Forecast;
    expect(made).toMatchObject({ status: 'succeeded', source: 'series', levels: [95, 50, 80], history: { points: 48, from: '2021-01-01T00:00:00.000Z', to: '2024-12-01T00:00:00.000Z' } });
    expect(made.method.used).toBeTruthy();
    expect(made.points).toHaveLength(12);
    expect(made.points[0]!.time).toBe('2025-01-01T00:00:00.000Z');
    expect(made.points[11]!.time).toBe('2025-12-01T00:00:00.000Z');
    for (const p of made.points) {
      expect(p.lower['95']!).toBeLessThanOrEqual(p.lower['80']!);
      expect(p.lower['80']!).toBeLessThanOrEqual(p.lower['50']!);
      expect(p.lower['50']!).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.upper['50']!);
      expect(p.upper['50']!).toBeLessThanOrEqual(p.upper['80']!);
      expect(p.upper['80']!).toBeLessThanOrEqual(p.upper['95']!);
    }
    const width = (p: Point) => p.upper['95']! - p.lower['95']!;
    expect(width(made.points[11]!)).toBeGreaterThan(width(made.points[0]!));
    // The season is followed: the forecast peaks where the history's season peaks (t ≡ 3 mod 12).
    const peak = made.points.reduce((best, p) => (p.mean > best.mean ? p : best));
    expect([2, 3, 4]).toContain(peak.step - 1);
  });

  it('reports every candidate model with its weight and backtest, and the run’s own backtest', async () => {
    expect(made.models.length).toBeGreaterThanOrEqual(2);
    expect(made.models.reduce((a, m) => a + m.weight, 0)).toBeCloseTo(1, 6);
    for (const m of made.models) {
      expect(m.spec).toBeTruthy();
      expect(Number.isFinite(m.backtest.mase)).toBe(true);
    }
    expect(made.backtest!.origins).toBeGreaterThan(0);
    expect(Number.isFinite(made.backtest!.mase)).toBe(true);
    expect(Object.keys(made.backtest!.coverage).sort()).toEqual(['50', '80', '95']);
    const again = (await (await owner.get(`/api/forecast/${made.id}`)).json()) as Forecast;
    expect(again.points).toEqual(made.points);
    expect(again.models.map((m) => m.name)).toEqual(made.models.map((m) => m.name));
  });

  it('says what it did with a short series', async () => {
    const res = await owner.post('/api/forecast/series', { values: [10, 12, null, 13, 15, 14, 16, 18, 17, 19], period: 12, horizon: 3 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Forecast;
    expect(body.points.map((p) => p.time)).toEqual([null, null, null]);
    expect(body.notes.join(' ')).toMatch(/fewer than two full seasons/);
    expect(body.notes.join(' ')).toMatch(/missing value/);
  });

  it('answers 202 with a Location when asked to respond asynchronously, and the forecast appears there', async () => {
    const res = await owner.post('/api/forecast/series', { values: monthly, period: 12, horizon: 6 }, { prefer: 'respond-async' });
    expect(res.status).toBe(202);
    const pending = (await res.json()) as { id: string; status: string; location: string };
    expect(res.headers.get('location')).toBe(`/api/forecast/${pending.id}`);
    expect(pending.location).toBe(`/api/forecast/${pending.id}`);
    expect(['queued', 'running', 'succeeded']).toContain(pending.status);
    const done = await poll(owner, pending.location);
    expect(done.status).toBe('succeeded');
    expect(done.points).toHaveLength(6);
  });

  it('sends long series to the background at once (202), and finishes them', async () => {
    const values = Array.from({ length: 2_100 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 7) + ((t * 37) % 11));
    const res = await owner.post('/api/forecast/series', { values, period: 7, horizon: 14 });
    expect(res.status).toBe(202);
    const done = await poll(owner, res.headers.get('location')!);
    expect(done.status).toBe('succeeded');
    expect(done.points).toHaveLength(14);
  }, 90_000);

  it('refuses NaN, Infinity, empty and all-missing series with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['{"values":[1,2,1e999,4],"period":1,"horizon":2}', 'values.2'],
      ['{"values":[1,"NaN",3],"period":1,"horizon":2}', 'values.1'],
      ['{"values":[],"period":1,"horizon":2}', 'values'],
      ['{"values":[1,2,3e300],"period":1,"horizon":2}', 'values.2'],
      ['{"values":[null,null],"period":1,"horizon":2}', 'values'],
      ['{"values":[1,2,3],"period":0,"horizon":2}', 'period'],
      ['{"values":[1,2,3],"period":1,"horizon":0}', 'horizon'],
      ['{"values":[1,2,3],"period":1,"horizon":2,"levels":[80,100]}', 'levels.1'],
      ['{"values":[1,2,3],"period":1,"horizon":2,"method":"prophet"}', 'method'],
      ['{"values":[1,2,3],"period":1,"horizon":2,"start":"yesterday"}', 'start'],
    ];
    for (const [body, path] of cases) {
      const res = await owner.request('POST', '/api/forecast/series', body);
      expect(res.status, body).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as Problem;
      expect(problem.errors?.map((e) => e.path), body).toContain(path);
    }
    const malformed = await owner.request('POST', '/api/forecast/series', '{"values":[1,NaN],"period":1,"horizon":2}');
    expect(malformed.status).toBe(400);
  });
});

describe('POST /api/forecast (metric history)', () => {
  it('refuses an unknown metric with 400 and a metric without enough history with 422', async () => {
    const unknown = await owner.post('/api/forecast', { metric: 'no_such_metric', horizon: 7 });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Problem).errors?.[0]?.path).toBe('metric');

    const empty = await owner.post('/api/forecast', { metric: 'revenue', horizon: 7 });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as Problem).type).toBe('urn:dyocense:problem:insufficient-history');

    const days = Array.from({ length: 5 }, (_, i) => new Date(Date.now() - (i + 2) * 86_400_000).toISOString().slice(0, 10));
    const ingest = await owner.post('/api/metrics/points', { points: days.map((d, i) => ({ metric: 'revenue', time: `${d}T00:00:00Z`, value: 100 + i })) });
    expect(ingest.status).toBe(200);
    const short = await owner.post('/api/forecast', { metric: 'revenue', horizon: 7 });
    expect(short.status).toBe(422);
    expect(((await short.json()) as Problem).detail).toMatch(/5 day\(s\) of data; a forecast needs at least 8/);
  });

  it('validates the request body', async () => {
    const res = await owner.post('/api/forecast', { metric: 'revenue', horizon: 7, bucket: 'hour', filters: { 'Bad Key': 'x' } });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as Problem).errors!.map((e) => e.path);
    expect(paths).toContain('bucket');
    expect(paths.some((p) => p.startsWith('filters'))).toBe(true);
  });
});

describe('listing, latest and isolation', () => {
  it('pages through forecasts newest first without repeats', async () => {
    for (let i = 0; i < 3; i++) expect((await owner.post('/api/forecast/series', { values: monthly.slice(i), period: 12, horizon: 2 })).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await owner.get(`/api/forecast?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { forecasts: { id: string; createdAt: string }[]; nextCursor: string | null };
      expect(page.forecasts.length).toBeLessThanOrEqual(2);
      seen.push(...page.forecasts.map((f) => f.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect((await owner.get('/api/forecast?cursor=not-a-cursor')).status).toBe(400);
  });

  it('keeps a forecast away from another tenant (404), in detail, list and latest', async () => {
    const list = (await (await owner.get('/api/forecast?limit=1')).json()) as { forecasts: { id: string }[] };
    const id = list.forecasts[0]!.id;
    expect((await owner.get(`/api/forecast/${id}`)).status).toBe(200);
    const res = await stranger.get(`/api/forecast/${id}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const theirs = (await (await stranger.get('/api/forecast')).json()) as { forecasts: unknown[] };
    expect(theirs.forecasts).toHaveLength(0);
    expect((await stranger.get('/api/forecast/latest?metric=revenue')).status).toBe(404);
  });

  it('needs forecast:write to forecast and forecast:read to read, with API tokens', async () => {
    const created = await owner.post('/api/auth/tokens', { name: 'reader', scopes: ['forecast:read'] });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const bearer = { authorization: `Bearer ${token}` };
    const api = new TestClient(server.url, { origin: null });
    expect((await api.get('/api/forecast', bearer)).status).toBe(200);
    const refused = await api.post('/api/forecast/series', { values: [1, 2, 3], period: 1, horizon: 1 }, bearer);
    expect(refused.status).toBe(403);
    expect((await api.get('/api/forecast')).status).toBe(401);
  });

  it('reports a run whose job failed as failed, with the job’s error', async () => {
    const id = await withTenant(server.runtime.db, ownerTenant, async (tx) => {
      const [job] = await tx.insert(jobs).values({ tenantId: ownerTenant, kind: 'forecast.run', payload: {}, idempotencyKey: 'failed-run', status: 'failed', error: 'worker crashed' }).returning();
      const [row] = await tx
        .insert(forecasts)
        .values({ tenantId: ownerTenant, source: 'series', period: 1, horizon: 1, levels: [80], methodRequested: 'auto', historyPoints: 3, jobId: job!.id })
        .returning();
      return row!.id;
    });
    const body = (await (await owner.get(`/api/forecast/${id}`)).json()) as Forecast & { error: string | null };
    expect(body).toMatchObject({ status: 'failed', error: 'worker crashed', points: [], models: [] });
  });

  it('reads the latest forecast of a metric off its partial index', async () => {
    const plan = await withTenant(server.runtime.db, ownerTenant, async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return executeRows<Record<string, string>>(
        tx,
        sql`explain select id from forecasts where metric = 'revenue' and status = 'succeeded' and filters = '{}'::jsonb order by created_at desc nulls last limit 1`,
      );
    });
    const text = plan.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toContain('forecasts_latest_idx');
    // The index order is the answer's order: no sort step.
    expect(text).not.toMatch(/\bSort\b/);
  });

  it('is all in the OpenAPI document', async () => {
    const doc = (await (await owner.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/api/forecast', '/api/forecast/series', '/api/forecast/{id}', '/api/forecast/latest', '/api/forecast/anomalies']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/forecast']!).sort()).toEqual(['get', 'post']);
  });
});
