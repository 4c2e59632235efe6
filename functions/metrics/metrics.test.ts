import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { isInsufficientPrivilege } from '@dyocense/core';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { signUp, TestClient } from '../../tests/support/client';

let server: TestServer;
let owner: TestClient;

const day = (d: string) => `${d}T00:00:00Z`;
type Query = { series: { group: string | null; points: { bucket: string; value: number | null }[]; total: number | null }[]; total: number | null; comparison?: { total: number | null; change: { absolute: number | null; percent: number | null } } };

async function query(client: TestClient, qs: string): Promise<Query> {
  const res = await client.get(`/api/metrics/query?${qs}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Query;
}

async function ingest(client: TestClient, points: unknown[]) {
  const res = await client.post('/api/metrics/points', { points });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: { path: string; message: string }[] } };
}

beforeAll(async () => {
  server = await startTestServer();
  owner = new TestClient(server.url);
  await signUp(owner, { businessName: 'Metrics Café' });
  // Revenue across a month (and partition) boundary, Jan 29 (Thu) .. Feb 2 (Mon), 2026.
  const revenue = [
    ['2026-01-29', 100],
    ['2026-01-30', 200],
    ['2026-01-31', 300],
    ['2026-02-01', 400],
    ['2026-02-02', 500],
  ].map(([d, v]) => ({ metric: 'revenue', time: day(d as string), value: v }));
  // The previous period (Jan 24..28) and a year before (52 weeks: 2025-01-30..2025-02-03).
  const earlier = [
    ['2026-01-24', 50],
    ['2026-01-25', 50],
    ['2026-01-26', 50],
    ['2026-01-27', 50],
    ['2026-01-28', 50],
    ['2025-01-30', 300],
    ['2025-02-03', 200],
  ].map(([d, v]) => ({ metric: 'revenue', time: day(d as string), value: v }));
  const spend = [
    { metric: 'marketing_spend', time: day('2026-01-30'), value: 10, dimensions: { channel: 'instagram' } },
    { metric: 'marketing_spend', time: day('2026-01-30'), value: 5, dimensions: { channel: 'email' } },
    { metric: 'marketing_spend', time: day('2026-01-31'), value: 20, dimensions: { channel: 'instagram' } },
  ];
  const ticket = [
    { metric: 'average_ticket', time: '2026-01-30T09:00:00Z', value: 8 },
    { metric: 'average_ticket', time: '2026-01-30T15:00:00Z', value: 12 },
    { metric: 'average_ticket', time: '2026-01-31T10:00:00Z', value: 10 },
  ];
  const stock = [
    { metric: 'inventory_level', time: '2026-01-30T08:00:00Z', value: 40, dimensions: { sku: 'beans' } },
    { metric: 'inventory_level', time: '2026-01-30T18:00:00Z', value: 25, dimensions: { sku: 'beans' } },
    { metric: 'inventory_level', time: '2026-01-30T18:00:00Z', value: 7, dimensions: { sku: 'oat_milk' } },
  ];
  const res = await ingest(owner, [...revenue, ...earlier, ...spend, ...ticket, ...stock]);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toMatchObject({ accepted: 21, inserted: 21, updated: 0 });
});
afterAll(() => server?.close());

describe('catalog', () => {
  it('lists the built-in metrics and takes a custom one', async () => {
    const list = (await (await owner.get('/api/metrics/catalog')).json()) as { metrics: { name: string; builtin: boolean }[] };
    expect(list.metrics.map((m) => m.name)).toEqual(expect.arrayContaining(['revenue', 'orders', 'labour_cost', 'inventory_level']));
    const def = { name: 'oat_milk_waste', label: 'Oat milk waste', unit: 'litres', aggregation: 'sum', direction: 'down', area: 'inventory' };
    expect((await owner.post('/api/metrics/catalog', def)).status).toBe(201);
    expect((await owner.post('/api/metrics/catalog', { ...def, name: 'revenue' })).status).toBe(409);
    const ok = await ingest(owner, [{ metric: 'oat_milk_waste', time: day('2026-01-30'), value: 1.5, unit: 'litres' }]);
    expect(ok.status).toBe(200);
  });
});

describe('buckets and aggregation (hand-computed)', () => {
  it('sums days, Monday weeks and months, across the month boundary', async () => {
    const daily = await query(owner, 'metric=revenue&from=2026-01-29&to=2026-02-02&bucket=day');
    expect(daily.series[0]!.points.map((p) => p.value)).toEqual([100, 200, 300, 400, 500]);
    expect(daily.total).toBe(1500);
    const weekly = await query(owner, 'metric=revenue&from=2026-01-26&to=2026-02-08&bucket=week');
    // Week of Mon Jan 26: 50+50+50 (Jan 26..28) + 100+200+300+400 (Jan 29..Feb 1); week of Feb 2: 500.
    expect(weekly.series[0]!.points).toEqual([
      { bucket: '2026-01-26T00:00:00.000Z', value: 1150 },
      { bucket: '2026-02-02T00:00:00.000Z', value: 500 },
    ]);
    const monthly = await query(owner, 'metric=revenue&from=2026-01-01&to=2026-02-28&bucket=month');
    expect(monthly.series[0]!.points.map((p) => p.value)).toEqual([850, 900]);
  });

  it('counts only the days inside the range in the weeks and months it cuts: the total is the same by day, week or month', async () => {
    // Thu Jan 29 .. Mon Feb 2: the week of Jan 26 without its Monday to Wednesday (3 × 50), the
    // week of Feb 2 to its first day, January from the 29th, February to the 2nd.
    const range = 'metric=revenue&from=2026-01-29&to=2026-02-02';
    const weekly = await query(owner, `${range}&bucket=week`);
    expect(weekly.series[0]!.points).toEqual([
      { bucket: '2026-01-26T00:00:00.000Z', value: 1000, partial: true },
      { bucket: '2026-02-02T00:00:00.000Z', value: 500, partial: true },
    ]);
    const monthly = await query(owner, `${range}&bucket=month`);
    expect(monthly.series[0]!.points).toEqual([
      { bucket: '2026-01-01T00:00:00.000Z', value: 600, partial: true },
      { bucket: '2026-02-01T00:00:00.000Z', value: 900, partial: true },
    ]);
    expect([weekly.total, monthly.total]).toEqual([1500, 1500]);
    // Within one week: only the days asked for.
    expect((await query(owner, 'metric=revenue&from=2026-01-30&to=2026-01-31&bucket=week')).total).toBe(500);
  });

  it('weights averages by count and adds levels across items', async () => {
    const ticket = await query(owner, 'metric=average_ticket&from=2026-01-30&to=2026-01-31&bucket=day');
    expect(ticket.series[0]!.points.map((p) => p.value)).toEqual([10, 10]);
    expect(ticket.total).toBe(10);
    const hourly = await query(owner, 'metric=average_ticket&from=2026-01-30T08:00:00Z&to=2026-01-30T10:00:00Z&bucket=hour');
    expect(hourly.series[0]!.points.map((p) => p.value)).toEqual([null, 8]);
    const stock = await query(owner, 'metric=inventory_level&from=2026-01-30&to=2026-01-30&bucket=day');
    expect(stock.series[0]!.points[0]!.value).toBe(32); // beans' last 25 + oat milk 7
  });

  it('reads hour buckets from the points: sums, groups, filters and last values within the hour', async () => {
    const orders = [
      { time: '2026-02-10T10:15:00Z', value: 3, channel: 'web' },
      { time: '2026-02-10T10:45:00Z', value: 4, channel: 'web' },
      { time: '2026-02-10T10:50:00Z', value: 5, channel: 'store' },
      { time: '2026-02-10T11:05:00Z', value: 6, channel: 'store' },
    ].map((o) => ({ metric: 'orders', time: o.time, value: o.value, dimensions: { channel: o.channel } }));
    expect((await ingest(owner, orders)).status).toBe(200);
    const range = 'metric=orders&from=2026-02-10T10:00:00Z&to=2026-02-10T12:00:00Z&bucket=hour';
    const summed = await query(owner, range);
    expect(summed.series[0]!.points).toEqual([
      { bucket: '2026-02-10T10:00:00.000Z', value: 12 },
      { bucket: '2026-02-10T11:00:00.000Z', value: 6 },
    ]);
    const grouped = await query(owner, `${range}&groupBy=channel`);
    expect(grouped.series.map((s) => [s.group, s.points.map((p) => p.value)])).toEqual([
      ['store', [5, 6]],
      ['web', [7, null]],
    ]);
    expect((await query(owner, `${range}&filter=channel:web`)).total).toBe(7);
    // Last value of each channel within the hour, added across channels: 4 (web, 10:45) + 5 (store, 10:50).
    expect((await query(owner, `${range}&aggregation=last`)).series[0]!.points.map((p) => p.value)).toEqual([9, 6]);
    // The day rollup agrees with the hours.
    expect((await query(owner, 'metric=orders&from=2026-02-10&to=2026-02-10&bucket=day')).total).toBe(18);
  });

  it('groups by a dimension and filters by one', async () => {
    const grouped = await query(owner, 'metric=marketing_spend&from=2026-01-30&to=2026-01-31&groupBy=channel');
    expect(grouped.series.map((s) => [s.group, s.points.map((p) => p.value), s.total])).toEqual([
      ['email', [5, null], 5],
      ['instagram', [10, 20], 30],
    ]);
    expect(grouped.total).toBe(35);
    const filtered = await query(owner, 'metric=marketing_spend&from=2026-01-30&to=2026-01-31&filter=channel:instagram');
    expect(filtered.total).toBe(30);
  });

  it('compares weeks with weeks: the previous period moves back by whole weeks, its cut weeks cut alike', async () => {
    // Jan 29 .. Feb 2 (5 days) by weeks goes back one week: Jan 22 .. 26, i.e. Thu..Sun of the
    // week of Jan 19 (Jan 24 and 25: 50 each) and the Monday of the week of Jan 26 (50).
    const res = await owner.get('/api/metrics/query?metric=revenue&from=2026-01-29&to=2026-02-02&bucket=week&compare=previous_period');
    const body = (await res.json()) as Query & { comparison: { from: string; to: string; series: Query['series'] } };
    expect([body.comparison.from, body.comparison.to]).toEqual(['2026-01-22T00:00:00.000Z', '2026-01-27T00:00:00.000Z']);
    expect(body.comparison.series[0]!.points).toEqual([
      { bucket: '2026-01-19T00:00:00.000Z', value: 100, partial: true },
      { bucket: '2026-01-26T00:00:00.000Z', value: 50, partial: true },
    ]);
    expect(body.comparison.total).toBe(150);
    expect(body.comparison.change).toEqual({ absolute: 1350, percent: 900 });
  });

  it('compares with the previous period and with 52 weeks before', async () => {
    const prev = await query(owner, 'metric=revenue&from=2026-01-29&to=2026-02-02&compare=previous_period');
    expect(prev.comparison!.total).toBe(250);
    expect(prev.comparison!.change).toEqual({ absolute: 1250, percent: 500 });
    const lastYear = await query(owner, 'metric=revenue&from=2026-01-29&to=2026-02-02&compare=previous_year');
    expect(lastYear.comparison!.total).toBe(500);
    expect(lastYear.comparison!.change.percent).toBe(200);
  });
});

describe('ingest', () => {
  it('is idempotent, and a changed value replaces the old one in every rollup', async () => {
    const again = await ingest(owner, [{ metric: 'revenue', time: day('2026-01-29'), value: 100 }]);
    expect(again.body).toMatchObject({ inserted: 0, updated: 1 });
    expect((await query(owner, 'metric=revenue&from=2026-01-29&to=2026-02-02')).total).toBe(1500);
    await ingest(owner, [{ metric: 'revenue', time: day('2026-01-29'), value: 150 }]);
    expect((await query(owner, 'metric=revenue&from=2026-01-29&to=2026-02-02')).total).toBe(1550);
    expect((await query(owner, 'metric=revenue&from=2026-01-01&to=2026-01-31&bucket=month')).total).toBe(900);
    await ingest(owner, [{ metric: 'revenue', time: day('2026-01-29'), value: 100 }]);
  });

  it('reports every bad point by index and writes nothing', async () => {
    const res = await ingest(owner, [
      { metric: 'revenue', time: day('2026-03-01'), value: 1 },
      { metric: 'no_such_metric', time: day('2026-03-01'), value: 1 },
      { metric: 'revenue', time: 'yesterday', value: 1 },
      { metric: 'revenue', time: day('2026-03-02'), value: 1, unit: 'EUR' },
      { metric: 'marketing_spend', time: day('2026-03-01'), value: 1, dimensions: { 'Bad Name': 'x' } },
      { metric: 'revenue', time: day('2026-03-01'), value: 2 },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.errors!.map((e) => e.path)).toEqual(['points.1.metric', 'points.2.time', 'points.3.unit', 'points.4.dimensions.Bad Name', 'points.5.time']);
    expect((await query(owner, 'metric=revenue&from=2026-03-01&to=2026-03-02')).total).toBeNull();
    const nan = await owner.request('POST', '/api/metrics/points', '{"points":[{"metric":"revenue","time":"2026-03-01","value":"NaN"}]}');
    expect(nan.status).toBe(400);
  });

  it('rejects nonsense queries with named parameters', async () => {
    for (const [qs, path] of [
      ['metric=nope&from=2026-01-01&to=2026-01-02', 'metric'],
      ['metric=revenue&from=2026-02-01&to=2026-01-01', 'to'],
      ['metric=revenue&from=2020-01-01&to=2026-01-01&bucket=hour', 'bucket'],
      ['metric=revenue&from=2026-01-01&to=2026-01-02&filter=channel', 'filter'],
      ['metric=revenue&from=2026-01-01&to=2026-01-02&group_by=channel', 'group_by'],
    ] as const) {
      const res = await owner.get(`/api/metrics/query?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe(path);
    }
  });

  it('stores points in monthly partitions the app cannot read directly', async () => {
    const parts = await server.runtime.db.query<{ n: number }>(sql`
      select count(*)::int as n from pg_inherits where inhparent = 'business_metrics'::regclass`);
    expect(parts[0]!.n).toBeGreaterThanOrEqual(4); // default + 2025-01, 2025-02, 2026-01, 2026-02
    const direct = await server.runtime.db.query(sql`select * from business_metrics_2026_01`).then(() => null, (e: unknown) => e);
    expect(isInsufficientPrivilege(direct)).toBe(true);
  });
});

describe('tenancy', () => {
  it("never shows one business's metrics to another", async () => {
    const other = new TestClient(server.url);
    await signUp(other, { businessName: 'Other Bistro' });
    const theirs = await query(other, 'metric=revenue&from=2026-01-29&to=2026-02-02');
    expect(theirs.total).toBeNull();
    expect((await query(other, 'metric=marketing_spend&from=2026-01-30&to=2026-01-31&groupBy=channel')).series).toEqual([]);
    const custom = await (await other.get('/api/metrics/catalog')).json() as { metrics: { name: string }[] };
    expect(custom.metrics.map((m) => m.name)).not.toContain('oat_milk_waste');
  });
});

describe('exports, saved queries and dashboards', () => {
  it('exports a query as CSV, JSON and XLSX with the same numbers', async () => {
    const qs = 'metric=revenue&from=2026-01-29&to=2026-02-02&compare=previous_period';
    const csv = await owner.get(`/api/metrics/export?${qs}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="revenue.*\.csv"/);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe('2026-01-29T00:00:00.000Z,100,2026-01-24T00:00:00.000Z,50');
    const json = (await (await owner.get(`/api/metrics/export?${qs}&format=json`)).json()) as { rows: { value: number }[] };
    expect(json.rows.map((r) => r.value)).toEqual([100, 200, 300, 400, 500]);
    const xlsx = await owner.get(`/api/metrics/export?${qs}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip container
    expect((await owner.get(`/api/metrics/export?${qs}&format=pdf`)).status).toBe(400);
  });

  it('saves queries, builds dashboards over them, and drops widgets of deleted queries', async () => {
    const saved = await owner.post('/api/metrics/saved-queries', { name: 'Weekly revenue', query: { metric: 'revenue', from: '2026-01-01', to: '2026-03-31', bucket: 'week' } });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    expect((await owner.post('/api/metrics/saved-queries', { name: 'Bad', query: { metric: 'nope', from: '2026-01-01', to: '2026-01-02' } })).status).toBe(400);

    const created = await owner.post('/api/metrics/dashboards', { name: 'Owner view', isDefault: true, widgets: [{ savedQueryId: id, title: 'Revenue', visualization: 'line' }] });
    expect(created.status).toBe(201);
    const dash = (await created.json()) as { id: string; widgets: unknown[] };
    expect(dash.widgets).toHaveLength(1);
    const ghost = await owner.post('/api/metrics/dashboards', { name: 'Ghost', widgets: [{ savedQueryId: crypto.randomUUID(), title: 'x', visualization: 'bar' }] });
    expect(ghost.status).toBe(400);

    expect((await owner.delete(`/api/metrics/saved-queries/${id}`)).status).toBe(204);
    const after = (await (await owner.get(`/api/metrics/dashboards/${dash.id}`)).json()) as { widgets: unknown[] };
    expect(after.widgets).toEqual([]);

    const other = new TestClient(server.url);
    await signUp(other);
    expect((await other.get(`/api/metrics/dashboards/${dash.id}`)).status).toBe(404);
    expect((await other.delete(`/api/metrics/dashboards/${dash.id}`)).status).toBe(404);
  });
});
