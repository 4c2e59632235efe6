import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorKeyring, openCredentials, withTenant } from '@dyocense/core';
import { connectorSyncLogs, dataSources } from '@dyocense/db';
import { TestClient } from '../../../tests/support/client';
import { signShopifyQuery, type FakeOrder, type FakeShopify } from '../../../tests/support/fake-shopify';
import { type TestServer } from '../../../tests/support/server';
import { startShopifyRig, type ShopifyRig } from '../../../tests/support/shopify-rig';

const APP = { apiKey: 'test-shopify-api-key', apiSecret: 'test-shopify-api-secret-0123456789' };

let fake: FakeShopify;
let server: TestServer;
let owner: TestClient;
let tenantId: string;

let rig: ShopifyRig | undefined;

beforeAll(async () => {
  rig = await startShopifyRig(APP, 'Sync Shop');
  ({ fake, server, owner, tenantId } = rig);
});
afterAll(() => rig?.close());

/** January 2025 in the shop's zone (UTC-5): 600 orders, 150 customers, guests, cancellations, tests, refunds. */
function seedShop(shop: string, count: number, seed: number) {
  for (let i = 0; i < count; i++) {
    const day = 1 + ((i * 7 + seed) % 30);
    const hour = (i * 5) % 24;
    const at = `2025-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00-05:00`;
    const cents = 1000 + ((i * 7919 + seed) % 20000);
    const order: Partial<FakeOrder> & { created_at: string; total_price: string } = {
      created_at: at,
      total_price: (cents / 100).toFixed(2),
      customer: i % 9 === 0 ? null : { id: 5000 + ((i * 13) % 150), email: `c${i}@example.com` },
      cancelled_at: i % 17 === 0 ? at : null,
      test: i % 29 === 0,
    };
    if (i % 11 === 0) {
      const refundDay = Math.min(31, day + 2);
      order.refunds = [{ id: 90_000 + i + seed * 1000, created_at: `2025-01-${String(refundDay).padStart(2, '0')}T10:00:00-05:00`, transactions: [{ amount: '5.00', kind: 'refund', status: 'success' }] }];
    }
    fake.addOrder(shop, order);
  }
}

/** What the metrics must say, computed straight from the shop's orders. */
function expected(orders: FakeOrder[]) {
  const counted = orders.filter((o) => !o.cancelled_at && !o.test);
  const byDay = new Map<string, number>();
  for (const o of counted) byDay.set(o.created_at.slice(0, 10), (byDay.get(o.created_at.slice(0, 10)) ?? 0) + Number(o.total_price));
  const refunds = orders.filter((o) => !o.test).flatMap((o) => o.refunds.flatMap((r) => r.transactions.filter((t) => t.kind === 'refund' && t.status === 'success').map((t) => Number(t.amount))));
  return {
    revenue: counted.reduce((s, o) => s + Number(o.total_price), 0),
    revenueByDay: byDay,
    orders: counted.length,
    refunds: refunds.reduce((a, b) => a + b, 0),
    newCustomers: new Set(counted.filter((o) => o.customer).map((o) => o.customer!.id)).size,
  };
}

async function total(metric: string, from = '2025-01-01', to = '2025-02-28'): Promise<{ total: number; points: Map<string, number> }> {
  const res = await owner.get(`/api/metrics/query?metric=${metric}&from=${from}&to=${to}&bucket=day`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total: number | null; series: { points: { bucket: string; value: number | null }[] }[] };
  const points = new Map<string, number>();
  for (const s of body.series) for (const p of s.points) if (p.value !== null) points.set(p.bucket.slice(0, 10), (points.get(p.bucket.slice(0, 10)) ?? 0) + p.value);
  return { total: body.total ?? 0, points };
}

async function waitForIdle(sourceId: string) {
  for (let i = 0; i < 600; i++) {
    const logs = await withTenant(server.runtime.db, tenantId, (tx) => tx.select().from(connectorSyncLogs).where(eq(connectorSyncLogs.sourceId, sourceId)));
    if (logs.length && logs.every((l) => l.status !== 'running')) return logs.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sync did not finish');
}

const source = (id: string) => withTenant(server.runtime.db, tenantId, async (tx) => (await tx.select().from(dataSources).where(eq(dataSources.id, id)))[0]!);

/** Walks the install as a browser would: our redirect, Shopify's consent redirect, our callback. */
async function install(shop: string): Promise<string> {
  const start = await owner.get(`/api/connect/shopify/install?shop=${shop}`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.href.startsWith(`${fake.url}/${shop}/admin/oauth/authorize`)).toBe(true);
  expect(authorize.searchParams.get('scope')).toBe('read_orders,read_customers');
  expect(authorize.searchParams.get('grant_options[]')).toBeNull();
  const consent = await fetch(authorize, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get('location')!);
  const done = await owner.get(back.pathname + back.search);
  expect(done.status).toBe(302);
  const sourceId = new URL(done.headers.get('location')!, server.url).searchParams.get('source')!;
  expect(sourceId).toMatch(/^[0-9a-f-]{36}$/);
  return sourceId;
}

describe('Shopify install and order sync', () => {
  const shop = 'acme-outfitters.myshopify.com';
  let sourceId: string;

  it('installs, seals the offline token, and backfills every page through a 429', async () => {
    seedShop(shop, 600, 1);
    // The backfill's second orders request is throttled; Shopify's Retry-After is honoured.
    fake.failRequest(fake.ordersRequests.length + 2, { status: 429, retryAfter: '1.0' });
    const before = fake.ordersRequests.length;
    sourceId = await install(shop);

    const logs = await waitForIdle(sourceId);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ kind: 'backfill', status: 'succeeded', recordsIn: 600, error: null });

    const requests = fake.ordersRequests.slice(before);
    expect(requests.map((r) => r.status)).toEqual([200, 429, 200, 200]);
    expect(requests[0]!.query).toMatchObject({ status: 'any', limit: '250' });
    expect(requests[0]!.query.updated_at_min).toBeUndefined();
    expect(requests[2]!.query.page_info).toBeTruthy();
    expect(requests[1]!.query.page_info).toBe(requests[2]!.query.page_info);

    // Sealed at rest: the token is not in the row, and opens to the one Shopify issued.
    const row = await source(sourceId);
    expect(row).toMatchObject({ type: 'shopify', status: 'active', externalAccountId: shop });
    const creds = await openCredentials<{ accessToken: string }>(await connectorKeyring(server.runtime.config), tenantId, {
      ciphertext: row.credentialsCiphertext!,
      keyId: row.credentialsKeyId!,
    });
    expect(fake.hasToken(shop, creds.accessToken)).toBe(true);
    expect(row.credentialsCiphertext).not.toContain(creds.accessToken);
    const jobs = await withTenant(server.runtime.db, tenantId, (tx) => tx.execute(sql`select payload::text as p, result::text as r from jobs`));
    expect(JSON.stringify(jobs)).not.toContain(creds.accessToken);
    expect(JSON.stringify(jobs)).not.toContain('@example.com');

    const want = expected(fake.orders(shop));
    const revenue = await total('revenue');
    expect(revenue.total).toBeCloseTo(want.revenue, 6);
    for (const [day, value] of want.revenueByDay) expect(revenue.points.get(day)).toBeCloseTo(value, 6);
    expect((await total('orders')).total).toBe(want.orders);
    expect((await total('refunds')).total).toBeCloseTo(want.refunds, 6);
    expect((await total('new_customers')).total).toBe(want.newCustomers);
  });

  it('reads only what changed since the last sync', async () => {
    // updated_at_min is inclusive: the orders stamped at the previous high-water mark come again.
    const highWater = Math.max(...fake.orders(shop).map((o) => Date.parse(o.updated_at)));
    const now = new Date().toISOString();
    for (let i = 0; i < 4; i++) {
      fake.addOrder(shop, { created_at: `2025-02-0${i + 1}T12:00:00-05:00`, updated_at: now, total_price: '50.00', customer: { id: 7000 + i, email: `n${i}@example.com` } });
    }
    // An old order refunded today: it changes, so it comes back with the new orders.
    const old = fake.orders(shop).find((o) => !o.cancelled_at && !o.test && o.refunds.length === 0)!;
    old.refunds.push({ id: 99_999, created_at: '2025-02-03T09:00:00-05:00', transactions: [{ amount: '12.50', kind: 'refund', status: 'success' }] });
    old.updated_at = now;

    const before = fake.ordersRequests.length;
    const res = await owner.post(`/api/connect/sources/${sourceId}/sync?wait=30`);
    expect(res.status, await res.clone().text()).toBe(200);
    const atMark = fake.orders(shop).filter((o) => Date.parse(o.updated_at) === highWater).length;
    expect(atMark).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ kind: 'incremental', status: 'succeeded', recordsIn: 5 + atMark });
    const requests = fake.ordersRequests.slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.query.updated_at_min).toBe(new Date(highWater).toISOString());

    const want = expected(fake.orders(shop));
    expect((await total('revenue')).total).toBeCloseTo(want.revenue, 6);
    expect((await total('orders')).total).toBe(want.orders);
    expect((await total('refunds')).total).toBeCloseTo(want.refunds, 6);
    expect((await total('new_customers')).total).toBe(want.newCustomers);
  });

  it('refuses a second sync of the same source while one runs', async () => {
    fake.forceCallLimit(39); // nearly full bucket: the sync pauses 1.5 s after its page
    const first = await owner.post(`/api/connect/sources/${sourceId}/sync`);
    expect(first.status).toBe(202);
    const second = await owner.post(`/api/connect/sources/${sourceId}/sync`);
    expect(second.status).toBe(409);
    // The bucket stays nearly full until the run ends, however late the run reads its page.
    const logs = await waitForIdle(sourceId);
    fake.forceCallLimit(null);
    // One page, then a pause for the bucket to drain (3 calls at 2/s) before finishing.
    expect(logs.at(-1)!.durationMs).toBeGreaterThanOrEqual(1400);
  });
});

describe('a sync that stops half-way', () => {
  const shop = 'broken-pipe.myshopify.com';

  it('resumes at the page it stopped at and counts nothing twice', async () => {
    seedShop(shop, 600, 2);
    // Page 3 of the backfill fails on every attempt (three): the run stops after two pages.
    const n = fake.ordersRequests.length;
    for (let k = 3; k <= 5; k++) fake.failRequest(n + k, { status: 500 });
    const sourceId = await install(shop);
    const [failed] = await waitForIdle(sourceId);
    expect(failed).toMatchObject({ kind: 'backfill', status: 'failed', recordsIn: 500 });
    expect(failed!.error).toContain('500');
    const stopped = await source(sourceId);
    expect(stopped.status).toBe('active');
    expect(stopped.lastError).toContain('500');
    const pageInfo = (stopped.syncCursor as { shopifyOrders: { run: { pageInfo: string } } }).shopifyOrders.run.pageInfo;
    expect(pageInfo).toBeTruthy();

    const before = fake.ordersRequests.length;
    const res = await owner.post(`/api/connect/sources/${sourceId}/sync?wait=30`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'backfill', status: 'succeeded', recordsIn: 100 });
    expect(fake.ordersRequests[before]!.query.page_info).toBe(pageInfo);

    // Both shops together, each order exactly once.
    const want = expected([...fake.orders('acme-outfitters.myshopify.com'), ...fake.orders(shop)]);
    expect((await total('revenue')).total).toBeCloseTo(want.revenue, 6);
    expect((await total('orders')).total).toBe(want.orders);
    expect((await total('refunds')).total).toBeCloseTo(want.refunds, 6);
  });
});

describe('forged and malformed installs', () => {
  const shop = 'careful-shop.myshopify.com';
  const ts = () => String(Math.floor(Date.now() / 1000));

  it('refuses a shop that is not a myshopify domain', async () => {
    for (const bad of ['evil.com', 'acme.myshopify.com.evil.com', 'https%3A%2F%2Facme.myshopify.com']) {
      const res = await owner.get(`/api/connect/shopify/install?shop=${bad}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('shop');
    }
  });

  it('refuses a callback whose HMAC does not verify', async () => {
    await owner.get(`/api/connect/shopify/install?shop=${shop}`);
    const params = signShopifyQuery({ code: 'abc', shop, state: 'x', timestamp: ts() }, 'not-the-app-secret');
    const res = await owner.get(`/api/connect/shopify/callback?${new URLSearchParams(params)}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { type: string }).type).toBe('urn:dyocense:problem:invalid-signature');
  });

  it('refuses a genuine callback with a state this browser did not start', async () => {
    const start = await owner.get(`/api/connect/shopify/install?shop=${shop}`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const params = signShopifyQuery({ code: 'abc', shop, state: `${state.slice(0, -2)}xx`, timestamp: ts() }, APP.apiSecret);
    const res = await owner.get(`/api/connect/shopify/callback?${new URLSearchParams(params)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('state');

    // Right state, but no flow cookie (another browser).
    const stranger = new TestClient(server.url);
    const again = await stranger.get(`/api/connect/shopify/callback?${new URLSearchParams(signShopifyQuery({ code: 'abc', shop, state, timestamp: ts() }, APP.apiSecret))}`);
    expect(again.status).toBe(400);
  });

  it('refuses a signed callback for a bad or different shop, and a stale one', async () => {
    const start = await owner.get(`/api/connect/shopify/install?shop=${shop}`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const bad = await owner.get(`/api/connect/shopify/callback?${new URLSearchParams(signShopifyQuery({ code: 'abc', shop: 'evil.com', state, timestamp: ts() }, APP.apiSecret))}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('shop');

    const start2 = await owner.get(`/api/connect/shopify/install?shop=${shop}`);
    const state2 = new URL(start2.headers.get('location')!).searchParams.get('state')!;
    const other = await owner.get(`/api/connect/shopify/callback?${new URLSearchParams(signShopifyQuery({ code: 'abc', shop: 'other-shop.myshopify.com', state: state2, timestamp: ts() }, APP.apiSecret))}`);
    expect(other.status).toBe(400);

    const stale = await owner.get(`/api/connect/shopify/callback?${new URLSearchParams(signShopifyQuery({ code: 'abc', shop, state: state2, timestamp: String(Number(ts()) - 3600) }, APP.apiSecret))}`);
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('timestamp');
  });

  it('documents the connect routes in the OpenAPI document', async () => {
    const doc = (await (await owner.get('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/connect/shopify/install', '/api/connect/shopify/callback', '/api/connect/quickbooks/connect', '/api/connect/quickbooks/callback', '/api/connect/sources/{id}/sync']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it('needs a signed-in admin to start an install, and a Shopify source to sync', async () => {
    const anonymous = await new TestClient(server.url).get(`/api/connect/shopify/install?shop=${shop}`);
    expect(anonymous.status).toBe(401);
    const missing = await owner.post(`/api/connect/sources/${crypto.randomUUID()}/sync`);
    expect(missing.status).toBe(404);
  });
});
