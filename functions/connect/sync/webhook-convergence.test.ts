import { createHmac, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRows, withTenant } from '@dyocense/core';
import { connectorSyncLogs } from '@dyocense/db';
import { TestClient } from '../../../tests/support/client';
import type { FakeOrder, FakeShopify } from '../../../tests/support/fake-shopify';
import { type TestServer } from '../../../tests/support/server';
import { startShopifyRig, type ShopifyRig } from '../../../tests/support/shopify-rig';
import { customersDataRequest, customersRedact, order, refund, shopRedact } from '../fixtures/shopify';

// A shop fed by both the order sync and its webhooks must count each sale once: the truth
// is computed here from the fake shop's orders, independently of the code under test.

const APP = { apiKey: 'converge-api-key', apiSecret: 'converge-api-secret-0123456789' };
const SHOP = 'converge-cafe.myshopify.com';
const LATE_SHOP = 'late-installer.myshopify.com';
const CUSTOM_SHOP = 'custom-app-shop.myshopify.com';
const CUSTOM_SECRET = 'custom-app-webhook-secret-42';

let fake: FakeShopify;
let server: TestServer;
let owner: TestClient;
let tenantId: string;
let sourceId: string;

let rig: ShopifyRig | undefined;

beforeAll(async () => {
  rig = await startShopifyRig(APP, 'Converge Café');
  ({ fake, server, owner, tenantId } = rig);
});
afterAll(() => rig?.close());

const day = (month: number, d: number, hour = 12) => `2025-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00-05:00`;

function seed(shop: string, month: number, count: number, customerBase: number) {
  for (let i = 0; i < count; i++) {
    const at = day(month, 1 + ((i * 7) % 28), (i * 5) % 24);
    const o: Partial<FakeOrder> & { created_at: string; total_price: string } = {
      created_at: at,
      total_price: ((1000 + ((i * 7919) % 20000)) / 100).toFixed(2),
      customer: i % 7 === 0 ? null : { id: customerBase + ((i * 13) % 25), email: `c${customerBase + i}@example.com` },
      cancelled_at: i % 13 === 0 ? at : null,
      test: i % 19 === 0,
    };
    if (i % 9 === 0) o.refunds = [{ id: customerBase * 10 + i, created_at: day(month, Math.min(28, 3 + ((i * 7) % 28)), 10), transactions: [{ amount: '4.00', kind: 'refund', status: 'success' }] }];
    fake.addOrder(shop, o);
  }
}

/** What the metrics must say over [from, to], from the shops' orders, by the sync's rules. */
function truth(orders: FakeOrder[], from: string, to: string) {
  const inRange = (ts: string) => ts.slice(0, 10) >= from && ts.slice(0, 10) <= to;
  const counted = orders.filter((o) => !o.cancelled_at && !o.test);
  const revenueByDay = new Map<string, number>();
  for (const o of counted.filter((o) => inRange(o.created_at))) revenueByDay.set(o.created_at.slice(0, 10), (revenueByDay.get(o.created_at.slice(0, 10)) ?? 0) + Number(o.total_price));
  const refunds = orders
    .filter((o) => !o.test)
    .flatMap((o) => o.refunds.filter((r) => inRange(r.created_at)).flatMap((r) => r.transactions.filter((t) => t.kind === 'refund' && t.status === 'success').map((t) => Number(t.amount))));
  const firsts = new Map<number, string>();
  for (const o of counted) if (o.customer) firsts.set(o.customer.id, [firsts.get(o.customer.id) ?? '9999', o.created_at.slice(0, 10)].sort()[0]!);
  return {
    revenue: [...revenueByDay.values()].reduce((a, b) => a + b, 0),
    revenueByDay,
    orders: counted.filter((o) => inRange(o.created_at)).length,
    refunds: refunds.reduce((a, b) => a + b, 0),
    newCustomers: [...firsts.values()].filter((d) => d >= from && d <= to).length,
  };
}

async function measured(from: string, to: string) {
  const read = async (metric: string) => {
    const res = await owner.get(`/api/metrics/query?metric=${metric}&from=${from}&to=${to}&bucket=day`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number | null; series: { points: { bucket: string; value: number | null }[] }[] };
    const byDay = new Map<string, number>();
    for (const s of body.series) for (const p of s.points) if (p.value !== null && p.value !== 0) byDay.set(p.bucket.slice(0, 10), (byDay.get(p.bucket.slice(0, 10)) ?? 0) + p.value);
    return { total: body.total ?? 0, byDay };
  };
  const revenue = await read('revenue');
  return { revenue: revenue.total, revenueByDay: revenue.byDay, orders: (await read('orders')).total, refunds: (await read('refunds')).total, newCustomers: (await read('new_customers')).total };
}

async function expectTruth(orders: FakeOrder[], from: string, to: string) {
  const want = truth(orders, from, to);
  const got = await measured(from, to);
  expect(got.revenue).toBeCloseTo(want.revenue, 6);
  expect(got.orders).toBe(want.orders);
  expect(got.refunds).toBeCloseTo(want.refunds, 6);
  expect(got.newCustomers).toBe(want.newCustomers);
  expect([...got.revenueByDay.keys()].sort()).toEqual([...want.revenueByDay.keys()].sort());
  for (const [d, v] of want.revenueByDay) expect(got.revenueByDay.get(d), d).toBeCloseTo(v, 6);
  return got;
}

/** An orders/* body as Shopify sends it, for the order's state at the time of the call. */
function orderPayload(o: FakeOrder, ordersCount?: number) {
  const base = order({ id: o.id, total: o.total_price, createdAt: o.created_at, financialStatus: o.financial_status, customerId: o.customer?.id, email: o.customer?.email, ordersCount });
  return {
    ...base,
    updated_at: o.updated_at,
    cancelled_at: o.cancelled_at,
    test: o.test,
    customer: o.customer ? { ...base.customer, id: o.customer.id, email: o.customer.email } : null,
    refunds: o.refunds.map((r) => ({ ...refund({ id: r.id, orderId: o.id, amount: r.transactions[0]!.amount, createdAt: r.created_at }), transactions: r.transactions.map((t) => ({ ...t, order_id: o.id, currency: 'USD' })) })),
  };
}

/** Signs with node:crypto, as Shopify does (the app's client secret unless told otherwise). */
async function deliver(source: string, shop: string, topic: string, payload: unknown, webhookId: string = randomUUID(), secret = APP.apiSecret) {
  const body = JSON.stringify(payload);
  const res = await fetch(`${server.url}/api/connect/shopify/webhook/${source}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
      'x-shopify-shop-domain': shop,
      'x-shopify-webhook-id': webhookId,
      'x-shopify-api-version': '2025-01',
    },
    body,
  });
  const json = (await res.json()) as { duplicate?: boolean; type?: string; detail?: string };
  expect(res.status, JSON.stringify(json)).toBe(200);
  return json;
}

const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => withTenant(server.runtime.db, tenantId, (tx) => executeRows<T>(tx, query));

async function waitForIdle(id: string) {
  for (let i = 0; i < 600; i++) {
    const logs = await withTenant(server.runtime.db, tenantId, (tx) => tx.select().from(connectorSyncLogs).where(eq(connectorSyncLogs.sourceId, id)));
    if (logs.length && logs.every((l) => l.status !== 'running')) return logs;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sync did not finish');
}

async function install(shop: string): Promise<string> {
  const start = await owner.get(`/api/connect/shopify/install?shop=${shop}`);
  expect(start.status).toBe(302);
  const consent = await fetch(new URL(start.headers.get('location')!), { redirect: 'manual' });
  const back = new URL(consent.headers.get('location')!);
  const done = await owner.get(back.pathname + back.search);
  expect(done.status).toBe(302);
  const id = new URL(done.headers.get('location')!, server.url).searchParams.get('source')!;
  await waitForIdle(id);
  return id;
}

async function syncNow(id: string) {
  const res = await owner.post(`/api/connect/sources/${id}/sync?wait=30`);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'succeeded' });
}

const pointSources = async (shop: string) =>
  (await rows<{ source: string; n: number }>(sql`select source, count(*)::int as n from business_metrics
      where source = ${`shopify:${shop}`} or (source = 'shopify' and dimensions ->> 'shop' = ${shop}) group by source order by source`)).map((r) => ({ source: r.source, n: Number(r.n) }));

describe('a synced shop fed by both the order sync and its webhooks', () => {
  const JAN = ['2025-01-01', '2025-02-28'] as const;
  const sent: Array<{ topic: string; payload: unknown; webhookId: string }> = [];
  const send = async (topic: string, payload: unknown) => {
    const webhookId = randomUUID();
    sent.push({ topic, payload, webhookId });
    return deliver(sourceId, SHOP, topic, payload, webhookId);
  };
  const now = () => new Date().toISOString();

  it('backfills the shop', async () => {
    seed(SHOP, 1, 120, 5000);
    sourceId = await install(SHOP);
    await expectTruth(fake.orders(SHOP), ...JAN);
  });

  it('takes order and refund webhooks into the ledger: each sale once, the same series as the sync', async () => {
    const orders = fake.orders(SHOP);
    // Already synced, unchanged: orders/create and orders/paid for them add nothing.
    for (const o of orders.slice(0, 6)) await send('orders/create', orderPayload(o));
    await send('orders/paid', orderPayload(orders.find((o) => !o.cancelled_at && !o.test)!));
    await expectTruth(fake.orders(SHOP), ...JAN);

    // New sales (one by an existing customer, new customers, a guest, one unpaid yet), in January and February.
    const fresh = [
      fake.addOrder(SHOP, { created_at: day(1, 20, 9), updated_at: now(), total_price: '31.40', customer: { id: 5003, email: 'c5003@example.com' } }),
      fake.addOrder(SHOP, { created_at: day(1, 20, 23), updated_at: now(), total_price: '12.00', customer: { id: 6001, email: 'new1@example.com' } }),
      fake.addOrder(SHOP, { created_at: day(2, 2, 8), updated_at: now(), total_price: '99.99', customer: { id: 6002, email: 'new2@example.com' } }),
      fake.addOrder(SHOP, { created_at: day(2, 3, 8), updated_at: now(), total_price: '7.25', customer: null }),
      fake.addOrder(SHOP, { created_at: day(2, 4, 8), updated_at: now(), total_price: '18.00', financial_status: 'pending', customer: { id: 6003, email: 'new3@example.com' } }),
    ];
    for (const o of fresh) await send('orders/create', orderPayload(o));
    await send('orders/paid', orderPayload(fresh[0]!));

    // Refunds: of an order the backfill read, and of a new one.
    const old = orders.slice(20).find((o) => !o.cancelled_at && !o.test && o.refunds.length === 0)!;
    old.refunds.push({ id: 880_001, created_at: day(2, 5, 10), transactions: [{ amount: '6.50', kind: 'refund', status: 'success' }] });
    old.updated_at = now();
    fresh[2]!.refunds.push({ id: 880_002, created_at: day(2, 6, 10), transactions: [{ amount: '20.00', kind: 'refund', status: 'success' }] });
    fresh[2]!.updated_at = now();
    await send('refunds/create', refund({ id: 880_001, orderId: old.id, amount: '6.50', createdAt: day(2, 5, 10) }));
    await send('refunds/create', refund({ id: 880_002, orderId: fresh[2]!.id, amount: '20.00', createdAt: day(2, 6, 10) }));

    // A synced order is cancelled; then its older state arrives late and must not revive it.
    const cancelled = orders.slice(10).find((o) => !o.cancelled_at && !o.test && o.refunds.length === 0 && o.customer)!;
    const stale = orderPayload(cancelled);
    cancelled.cancelled_at = day(2, 7, 9);
    cancelled.updated_at = now();
    await send('orders/cancelled', orderPayload(cancelled));
    await send('orders/paid', stale);

    const got = await expectTruth(fake.orders(SHOP), ...JAN);
    expect(got.orders).toBeGreaterThan(0);
    // One convention only: the sync's series, no per-event points.
    expect((await pointSources(SHOP)).map((p) => p.source)).toEqual([`shopify:${SHOP}`]);
    const [{ n }] = (await rows<{ n: number }>(sql`select count(*)::int as n from connector_effects where source_id = ${sourceId}::uuid`)) as [{ n: number }];
    expect(Number(n)).toBe(0);
  });

  it('counts 20 concurrent deliveries of new sales on one day fully', async () => {
    const burst = Array.from({ length: 20 }, (_, i) =>
      fake.addOrder(SHOP, { created_at: day(1, 15, 14), updated_at: now(), total_price: `${10 + i}.50`, customer: { id: 7000 + i, email: `b${i}@example.com` } }),
    );
    const results = await Promise.all(burst.map((o) => send('orders/create', orderPayload(o))));
    expect(results.every((r) => r.duplicate === false)).toBe(true);
    await expectTruth(fake.orders(SHOP), ...JAN);
  });

  it('changes nothing on redelivery, under the same or a new webhook id', async () => {
    const before = await measured(...JAN);
    const events = await rows<{ n: number }>(sql`select count(*)::int as n from webhook_events where source_id = ${sourceId}::uuid`);
    const again = await Promise.all(sent.map((s) => deliver(sourceId, SHOP, s.topic, s.payload, s.webhookId)));
    expect(again.every((r) => r.duplicate === true)).toBe(true);
    const renamed = await Promise.all(sent.map((s) => deliver(sourceId, SHOP, s.topic, s.payload)));
    expect(renamed.every((r) => r.duplicate === true)).toBe(true);
    expect(await measured(...JAN)).toEqual(before);
    expect(await rows(sql`select count(*)::int as n from webhook_events where source_id = ${sourceId}::uuid`)).toEqual(events);
  });

  it('agrees with an incremental sync that reads the same changes', async () => {
    await syncNow(sourceId);
    await expectTruth(fake.orders(SHOP), ...JAN);
    expect((await pointSources(SHOP)).map((p) => p.source)).toEqual([`shopify:${SHOP}`]);
  });

  it('pseudonymises a redacted customer in the ledger and the sync jobs, keeping every figure', async () => {
    const who = 5003;
    const theirs = fake.orders(SHOP).filter((o) => o.customer?.id === who);
    expect(theirs.length).toBeGreaterThan(1);
    const jobText = sql`select count(*)::int as n from jobs where kind = 'connect.shopify-orders-page'
      and (payload::text like ${`%"customer": {"id": ${who}}%`} or result::text like ${`%"customerId": "${who}"%`})`;
    expect(Number((await rows<{ n: number }>(jobText))[0]!.n)).toBeGreaterThan(0);
    const before = await measured(...JAN);

    // A data request lists the orders the sync holds for them.
    await deliver(sourceId, SHOP, 'customers/data_request', customersDataRequest(SHOP, who, theirs.map((o) => o.id), theirs[0]!.customer!.email));
    const listed = (await (await owner.get(`/api/connect/sources/${sourceId}/events?topic=customers/data_request`)).json()) as { events: { effect: { dataRequest: { syncedOrders: { orderId: string }[] } } }[] };
    expect(listed.events[0]!.effect.dataRequest.syncedOrders.map((o) => o.orderId).sort()).toEqual(theirs.map((o) => String(o.id)).sort());

    await deliver(sourceId, SHOP, 'customers/redact', customersRedact(SHOP, who, theirs.map((o) => o.id), theirs[0]!.customer!.email));
    const keys = await rows<{ customer_key: string | null }>(sql`select distinct customer_key from connector_sync_records
      where source_id = ${sourceId}::uuid and kind = 'order' and external_id = any(${`{${theirs.map((o) => o.id).join(',')}}`}::text[])`);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.customer_key).toMatch(/^redacted:[0-9a-f-]{36}$/);
    expect(await rows(sql`select 1 from connector_sync_records where customer_key = ${String(who)}`)).toHaveLength(0);
    expect(Number((await rows<{ n: number }>(jobText))[0]!.n)).toBe(0);
    const answered = await rows<{ effect: string }>(sql`select effect::text as effect from webhook_events where source_id = ${sourceId}::uuid and topic = 'customers/data_request'`);
    expect(answered[0]!.effect).not.toContain('syncedOrders');
    expect(await measured(...JAN)).toEqual(before);

    // The shop changes one of their orders; the sync reads it again without restoring the id.
    theirs[0]!.refunds.push({ id: 880_003, created_at: day(2, 8, 10), transactions: [{ amount: '1.00', kind: 'refund', status: 'success' }] });
    theirs[0]!.updated_at = now();
    await syncNow(sourceId);
    expect(await rows(sql`select 1 from connector_sync_records where customer_key = ${String(who)}`)).toHaveLength(0);
    await expectTruth(fake.orders(SHOP), ...JAN);
  });
});

describe('a webhook-only shop that is later installed', () => {
  const MAR = ['2025-03-01', '2025-03-31'] as const;

  it('drops its per-event points when the backfill takes over, counting each sale once', async () => {
    const res = await owner.post('/api/connect/sources', { type: 'shopify', name: 'Late', externalAccountId: LATE_SHOP, credentials: { webhookSecrets: [CUSTOM_SECRET] } });
    expect(res.status).toBe(201);
    const lateId = ((await res.json()) as { id: string }).id;
    seed(LATE_SHOP, 3, 40, 8000);
    const paid = fake.orders(LATE_SHOP).filter((o) => !o.cancelled_at && !o.test).slice(0, 10);
    for (const o of paid) await deliver(lateId, LATE_SHOP, 'orders/create', orderPayload(o), randomUUID(), CUSTOM_SECRET);
    expect((await measured(...MAR)).revenue).toBeCloseTo(paid.reduce((s, o) => s + Number(o.total_price), 0), 6);
    expect((await pointSources(LATE_SHOP)).map((p) => p.source)).toEqual(['shopify']);

    expect(await install(LATE_SHOP)).toBe(lateId);
    await expectTruth(fake.orders(LATE_SHOP), ...MAR);
    expect((await pointSources(LATE_SHOP)).map((p) => p.source)).toEqual([`shopify:${LATE_SHOP}`]);
  });
});

describe('shop/redact', () => {
  const JAN = ['2025-01-01', '2025-02-28'] as const;

  it("erases a shop's ledger and its points under both conventions, recomputing shared rollups", async () => {
    const res = await owner.post('/api/connect/sources', { type: 'shopify', name: 'Custom', externalAccountId: CUSTOM_SHOP, credentials: { webhookSecrets: [CUSTOM_SECRET] } });
    const customId = ((await res.json()) as { id: string }).id;
    // Webhook-only at first (per-event points), then given an Admin API token (ledger, daily series);
    // its January sales share days (and rollup buckets) with the synced shop's.
    const sales = [1, 2, 3, 4, 5, 6].map((i) => fake.addOrder(CUSTOM_SHOP, { created_at: day(1, i * 2, 11), total_price: `${i * 11}.00`, customer: { id: 9900 + i, email: `x${i}@example.com` } }));
    // Each a customer's first order (orders_count 1), which is how per-event points count new customers.
    for (const o of sales.slice(0, 3)) await deliver(customId, CUSTOM_SHOP, 'orders/create', orderPayload(o, 1), randomUUID(), CUSTOM_SECRET);
    expect((await owner.patch(`/api/connect/sources/${customId}`, { credentials: { accessToken: 'shpat_custom_app_token_0001' } })).status).toBe(200);
    for (const o of sales.slice(3)) await deliver(customId, CUSTOM_SHOP, 'orders/create', orderPayload(o, 1), randomUUID(), CUSTOM_SECRET);
    await deliver(customId, CUSTOM_SHOP, 'refunds/create', refund({ id: 990_001, orderId: sales[4]!.id, amount: '3.00', createdAt: day(1, 12, 15) }), randomUUID(), CUSTOM_SECRET);
    sales[4]!.refunds.push({ id: 990_001, created_at: day(1, 12, 15), transactions: [{ amount: '3.00', kind: 'refund', status: 'success' }] });
    expect((await pointSources(CUSTOM_SHOP)).map((p) => p.source)).toEqual(['shopify', `shopify:${CUSTOM_SHOP}`]);
    await expectTruth([...fake.orders(SHOP), ...sales], ...JAN);

    await deliver(customId, CUSTOM_SHOP, 'shop/redact', shopRedact(CUSTOM_SHOP), 'wh-custom-shop-redact', CUSTOM_SECRET);
    expect(await pointSources(CUSTOM_SHOP)).toEqual([]);
    expect(await rows(sql`select 1 from connector_sync_records where source_id = ${customId}::uuid`)).toHaveLength(0);
    // The synced shop's figures, down to each day's bucket, are what they were without it.
    await expectTruth(fake.orders(SHOP), ...JAN);
    expect((await rows(sql`select 1 from connector_sync_records where source_id = ${sourceId}::uuid`)).length).toBeGreaterThan(0);
  });

  it('erases a synced shop: ledger, sync jobs, series', async () => {
    await deliver(sourceId, SHOP, 'shop/redact', shopRedact(SHOP), 'wh-shop-redact');
    expect(await pointSources(SHOP)).toEqual([]);
    expect(await rows(sql`select 1 from connector_sync_records where source_id = ${sourceId}::uuid`)).toHaveLength(0);
    expect(await rows(sql`select 1 from jobs where kind = 'connect.shopify-orders-page' and payload ->> 'sourceId' = ${sourceId}`)).toHaveLength(0);
    const after = await measured(...JAN);
    expect(after.revenue).toBe(0);
    expect(after.orders).toBe(0);
    // The late shop, in March, is untouched.
    await expectTruth(fake.orders(LATE_SHOP), '2025-03-01', '2025-03-31');
  });
});

describe('problem titles', () => {
  it('names the webhook problems', async () => {
    const res = await fetch(`${server.url}/api/connect/shopify/webhook/${sourceId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': createHmac('sha256', APP.apiSecret).update('{').digest('base64'), 'x-shopify-shop-domain': SHOP, 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'x' },
      body: '{',
    });
    expect(await res.json()).toMatchObject({ status: 400, type: 'urn:dyocense:problem:malformed-payload', title: 'Malformed payload' });
    const body = JSON.stringify(order({ id: 1, total: '1.00', createdAt: day(1, 1) }));
    const other = await fetch(`${server.url}/api/connect/shopify/webhook/${sourceId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': createHmac('sha256', APP.apiSecret).update(body).digest('base64'), 'x-shopify-shop-domain': 'someone-else.myshopify.com', 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'y' },
      body,
    });
    expect(await other.json()).toMatchObject({ status: 400, type: 'urn:dyocense:problem:shop-mismatch', title: 'Event for another shop' });
  });
});
