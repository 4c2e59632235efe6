import { createHmac, randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows, withTenant } from '@dyocense/core';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { signUp, TestClient } from '../../tests/support/client';
import { chargeRefunded, chargeSucceeded, customerCreated, invoicePaid, paymentIntentSucceeded, payoutPaid } from './fixtures/stripe';
import { customersDataRequest, customersRedact, order, refund, shopRedact } from './fixtures/shopify';

// The stripe library is the client: it signs exactly as Stripe signs deliveries.
const stripeLib = new Stripe('sk_test_signing_only');
const WHSEC = 'whsec_current_0123456789abcdef';
const WHSEC_OLD = 'whsec_previous_0123456789abcdef';
const SHOP = 'cafe.myshopify.com';
const SHOP_SECRET = 'shopify-app-secret-new-0123';
const SHOP_SECRET_OLD = 'shopify-app-secret-old-0123';
const BODY_LIMIT = 64 * 1024;
// The Dyocense Shopify app's client secrets (app-level webhooks, OAuth-installed shops).
const APP_SECRET_NEW = 'dyocense-app-client-secret-new';
const APP_SECRET_OLD = 'dyocense-app-client-secret-old';

let server: TestServer;
let owner: TestClient;
let tenantId: string;
let stripeId: string;
let shopifyId: string;

const oct = (day: number, hour = 12) => Math.floor(Date.UTC(2026, 9, day, hour) / 1000);

beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_BODY_LIMIT_BYTES: String(BODY_LIMIT), SHOPIFY_API_SECRET: APP_SECRET_NEW, SHOPIFY_API_SECRET_PREVIOUS: APP_SECRET_OLD });
  owner = new TestClient(server.url);
  tenantId = (await signUp(owner, { businessName: 'Webhook Café' })).tenant.id;
  const s = await owner.post('/api/connect/sources', { type: 'stripe', name: 'Stripe', credentials: { webhookSecrets: [WHSEC, WHSEC_OLD] } });
  stripeId = ((await s.json()) as { id: string }).id;
  const sh = await owner.post('/api/connect/sources', { type: 'shopify', name: 'Shop', externalAccountId: SHOP, credentials: { webhookSecrets: [SHOP_SECRET, SHOP_SECRET_OLD] } });
  shopifyId = ((await sh.json()) as { id: string }).id;
});
afterAll(() => server?.close());

/** Delivers a Stripe event as Stripe does: pretty-printed JSON body, Stripe-Signature header. */
async function sendStripe(event: unknown, opts: { secret?: string; timestamp?: number; header?: string; source?: string; body?: string } = {}) {
  const payload = opts.body ?? JSON.stringify(event, null, 2);
  const header = opts.header ?? stripeLib.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WHSEC, timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000) });
  const res = await fetch(`${server.url}/api/connect/stripe/webhook/${opts.source ?? stripeId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as { duplicate?: boolean; type?: string; detail?: string }, contentType: res.headers.get('content-type') };
}

/** Delivers a Shopify webhook with an HMAC computed independently with node:crypto. */
async function sendShopify(topic: string, payload: unknown, opts: { webhookId?: string; secret?: string; shop?: string; hmac?: string; path?: string } = {}) {
  const body = JSON.stringify(payload);
  const hmac = opts.hmac ?? createHmac('sha256', opts.secret ?? SHOP_SECRET).update(body, 'utf8').digest('base64');
  const res = await fetch(`${server.url}${opts.path ?? `/api/connect/shopify/webhook/${shopifyId}`}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': hmac,
      'x-shopify-shop-domain': opts.shop ?? SHOP,
      'x-shopify-webhook-id': opts.webhookId ?? crypto.randomUUID(),
      'x-shopify-event-id': crypto.randomUUID(),
      'x-shopify-api-version': '2025-07',
      'x-shopify-triggered-at': new Date().toISOString(),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as { duplicate?: boolean; sources?: number; type?: string; detail?: string } };
}

/** A metric's total over a range, read through the metrics API as a user would. */
async function total(metric: string, from: string, to: string, groupBy?: string, client = owner) {
  const res = await client.get(`/api/metrics/query?metric=${metric}&from=${from}&to=${to}&bucket=month${groupBy ? `&groupBy=${groupBy}` : ''}`);
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { total: number | null; series: { group: string | null; total: number | null }[] };
  return groupBy ? Object.fromEntries(body.series.map((s) => [s.group, s.total])) : (body.total ?? 0);
}
const stripeTotal = (metric: string) => total(metric, '2026-10-01', '2026-10-31');

async function countEvents(sourceId: string): Promise<number> {
  const [row] = await withTenant(server.runtime.db, tenantId, (tx) => executeRows<{ n: number }>(tx, sql`select count(*)::int as n from webhook_events where source_id = ${sourceId}::uuid`));
  return Number(row!.n);
}

describe('Stripe webhooks', () => {
  it('stores a signed event and applies it to metrics before answering', async () => {
    const res = await sendStripe(paymentIntentSucceeded({ event: 'evt_pi_1', pi: 'pi_1', amount: 2500, created: oct(1) }));
    expect(res).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    expect(await stripeTotal('revenue')).toBe(25);
    expect(await stripeTotal('orders')).toBe(1);
    // The charge of the same payment is a different event about the same sale: stored, not counted again.
    const charge = await sendStripe(chargeSucceeded({ event: 'evt_ch_1', charge: 'ch_1', pi: 'pi_1', amount: 2500, created: oct(1) }));
    expect(charge.body.duplicate).toBe(false);
    expect(await stripeTotal('revenue')).toBe(25);
    const events = (await (await owner.get(`/api/connect/sources/${stripeId}/events`)).json()) as { events: { eventId: string; effect: { alreadyCounted: string[] } }[] };
    expect(events.events.find((e) => e.eventId === 'evt_ch_1')!.effect.alreadyCounted).toEqual(['payment:pi_1']);
  });

  it('applies a redelivered event once: 100 sequential duplicates', async () => {
    const event = paymentIntentSucceeded({ event: 'evt_dup_seq', pi: 'pi_seq', amount: 1000, created: oct(2) });
    const before = await stripeTotal('revenue');
    const results = [];
    for (let i = 0; i < 100; i++) results.push(await sendStripe(event));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(await stripeTotal('revenue')).toBe(before + 10);
  });

  it('applies an event once under 20 concurrent deliveries, and counts 20 concurrent distinct sales fully', async () => {
    const before = await stripeTotal('revenue');
    const event = paymentIntentSucceeded({ event: 'evt_dup_conc', pi: 'pi_conc', amount: 700, created: oct(3) });
    const results = await Promise.all(Array.from({ length: 20 }, () => sendStripe(event)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(await stripeTotal('revenue')).toBe(before + 7);
    // Twenty different sales at the same second land on one metric point: none may be lost.
    const distinct = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sendStripe(paymentIntentSucceeded({ event: `evt_many_${i}`, pi: `pi_many_${i}`, amount: 100, created: oct(4) }))),
    );
    expect(distinct.every((r) => r.status === 200 && r.body.duplicate === false)).toBe(true);
    expect(await stripeTotal('revenue')).toBe(before + 7 + 20);
    // The first writes into a month without a partition yet, concurrently.
    const fresh = Math.floor(Date.UTC(2025, 11, 5) / 1000);
    const first = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sendStripe(paymentIntentSucceeded({ event: `evt_dec_${i}`, pi: `pi_dec_${i}`, amount: 250, created: fresh + i }))),
    );
    expect(first.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await total('revenue', '2025-12-01', '2025-12-31')).toBe(50);
  });

  it('refuses 100% of forged signatures and stale timestamps, storing nothing', async () => {
    const stored = await countEvents(stripeId);
    const revenue = await stripeTotal('revenue');
    const now = Math.floor(Date.now() / 1000);
    const attempts: ReturnType<typeof sendStripe>[] = [];
    for (let i = 0; i < 50; i++) {
      const event = paymentIntentSucceeded({ event: `evt_forged_${i}`, pi: `pi_forged_${i}`, amount: 99_900, created: oct(5) });
      attempts.push(sendStripe(event, { header: `t=${now},v1=${randomBytes(32).toString('hex')}` }));
      attempts.push(sendStripe(event, { secret: `whsec_attacker_${i}` }));
      attempts.push(sendStripe(event, { timestamp: now - 301 - i * 60 }));
      attempts.push(sendStripe(event, { timestamp: now + 400 }));
    }
    const results = await Promise.all(attempts);
    expect(results).toHaveLength(200);
    expect(results.every((r) => r.status === 401 && r.body.type === 'urn:dyocense:problem:invalid-signature')).toBe(true);
    expect(results[0]!.contentType).toContain('application/problem+json');
    // A body changed after signing.
    const payload = JSON.stringify(paymentIntentSucceeded({ event: 'evt_tamper', pi: 'pi_t', amount: 100, created: oct(5) }));
    const header = stripeLib.webhooks.generateTestHeaderString({ payload, secret: WHSEC });
    expect((await sendStripe(null, { header, body: payload.replace('"amount":100,', '"amount":100000,') })).status).toBe(401);
    expect((await sendStripe(null, { header: '', body: payload })).status).toBe(401);
    expect(await countEvents(stripeId)).toBe(stored);
    expect(await stripeTotal('revenue')).toBe(revenue);
  });

  it('accepts the previous secret during a roll', async () => {
    const res = await sendStripe(customerCreated({ event: 'evt_cus_1', customer: 'cus_1', created: oct(6) }), { secret: WHSEC_OLD });
    expect(res.status).toBe(200);
    expect(await stripeTotal('new_customers')).toBe(1);
  });

  it('answers 404 for an unknown source, 400 for malformed bodies, 413 for oversized ones', async () => {
    const event = paymentIntentSucceeded({ event: 'evt_x', pi: 'pi_x', amount: 1, created: oct(7) });
    expect((await sendStripe(event, { source: '0f8fad5b-d9cb-469f-a165-70867728950e' })).status).toBe(404);
    expect((await sendStripe(event, { source: shopifyId })).status).toBe(404);
    expect((await sendStripe(event, { source: 'nope' })).status).toBe(400);
    const notJson = await sendStripe(null, { body: '{"id": "evt_broken", ' });
    expect(notJson).toMatchObject({ status: 400, body: { type: 'urn:dyocense:problem:malformed-payload' } });
    const noId = await sendStripe({ object: 'event', type: 'charge.succeeded', created: oct(7), data: { object: {} } });
    expect(noId.status).toBe(400);
    expect(noId.body.detail).toMatch(/id/);
    const huge = { ...event, id: 'evt_huge', padding: 'x'.repeat(BODY_LIMIT) };
    expect((await sendStripe(huge)).status).toBe(413);
    // Without a Content-Length (chunked), the bytes are counted as they arrive.
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${server.url}/api/connect/stripe/webhook/${stripeId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await countEvents(stripeId)).toBeGreaterThan(0);
    const [stored] = await withTenant(server.runtime.db, tenantId, (tx) => executeRows<{ n: number }>(tx, sql`select count(*)::int as n from webhook_events where event_id in ('evt_broken', 'evt_huge', 'evt_x')`));
    expect(stored!.n).toBe(0);
  });

  it("refuses a Connect event for another account than the source's", async () => {
    const res = await owner.post('/api/connect/sources', { type: 'stripe', name: 'Connected', externalAccountId: 'acct_1Mine', credentials: { webhookSecrets: [WHSEC] } });
    const { id } = (await res.json()) as { id: string };
    const event = (account: string, n: number) => ({ ...customerCreated({ event: `evt_acct_${n}`, customer: `cus_acct_${n}`, created: oct(7) }), account });
    expect(await sendStripe(event('acct_1Other', 1), { source: id })).toMatchObject({ status: 400, body: { type: 'urn:dyocense:problem:account-mismatch', title: 'Event for another account' } });
    expect((await sendStripe(event('acct_1Mine', 2), { source: id })).status).toBe(200);
  });

  it('handles refunds before their charge, and partial refunds in any order', async () => {
    const refundsBefore = await stripeTotal('refunds');
    const revenueBefore = await stripeTotal('revenue');
    // The second partial refund (cumulative $25) arrives before the first ($10) and before the charge.
    expect((await sendStripe(chargeRefunded({ event: 'evt_rf_2', charge: 'ch_R', pi: 'pi_R', amount: 5000, refunded: 2500, created: oct(8, 15) }))).status).toBe(200);
    expect((await sendStripe(chargeRefunded({ event: 'evt_rf_1', charge: 'ch_R', pi: 'pi_R', amount: 5000, refunded: 1000, created: oct(8, 14) }))).status).toBe(200);
    expect((await sendStripe(chargeSucceeded({ event: 'evt_ch_R', charge: 'ch_R', pi: 'pi_R', amount: 5000, created: oct(8, 10) }))).status).toBe(200);
    expect(await stripeTotal('refunds')).toBe(refundsBefore + 25);
    expect(await stripeTotal('revenue')).toBe(revenueBefore + 50);
    // A third refund takes the total to $40: only the extra $15 is added.
    await sendStripe(chargeRefunded({ event: 'evt_rf_3', charge: 'ch_R', pi: 'pi_R', amount: 5000, refunded: 4000, created: oct(8, 16) }));
    expect(await stripeTotal('refunds')).toBe(refundsBefore + 40);
  });

  it('counts invoices, payouts, and stores other event types without effect', async () => {
    const revenue = await stripeTotal('revenue');
    await sendStripe(invoicePaid({ event: 'evt_in_1', invoice: 'in_1', pi: 'pi_in_1', amountPaid: 4900, created: oct(9) }));
    await sendStripe(paymentIntentSucceeded({ event: 'evt_pi_in_1', pi: 'pi_in_1', amount: 4900, created: oct(9) }));
    expect(await stripeTotal('revenue')).toBe(revenue + 49);
    await sendStripe(payoutPaid({ event: 'evt_po_1', payout: 'po_1', amount: 123_456, arrival: oct(10), created: oct(9) }));
    expect(await stripeTotal('payouts')).toBe(1234.56);
    const other = await sendStripe({ id: 'evt_other', object: 'event', type: 'customer.subscription.updated', created: oct(9), data: { object: { id: 'sub_1' } } });
    expect(other.status).toBe(200);
    const events = (await (await owner.get(`/api/connect/sources/${stripeId}/events?topic=customer.subscription.updated`)).json()) as { events: { effect: { note: string }; appliedAt: string }[] };
    expect(events.events[0]!.effect.note).toMatch(/stored, not applied/);
  });

  it('refuses events for a paused source (so Stripe retries) and takes them after resuming', async () => {
    await owner.post(`/api/connect/sources/${stripeId}/pause`);
    const event = customerCreated({ event: 'evt_cus_paused', customer: 'cus_paused', created: oct(11) });
    expect((await sendStripe(event)).status).toBe(409);
    await owner.post(`/api/connect/sources/${stripeId}/resume`);
    expect(await sendStripe(event)).toMatchObject({ status: 200, body: { duplicate: false } });
    // cus_1, cus_acct_2 (the connected account's source) and this one.
    expect(await stripeTotal('new_customers')).toBe(3);
  });

  it('keeps the raw body byte for byte', async () => {
    const payload = JSON.stringify(customerCreated({ event: 'evt_raw', customer: 'cus_raw', created: oct(12) }), null, 2).replace('Jenny Rosen', 'Jenny Rösen ✓');
    expect((await sendStripe(null, { body: payload })).status).toBe(200);
    const [row] = await withTenant(server.runtime.db, tenantId, (tx) => executeRows<{ raw_body: string }>(tx, sql`select raw_body from webhook_events where event_id = 'evt_raw'`));
    expect(row!.raw_body).toBe(payload);
  });
});

describe('Shopify webhooks', () => {
  const sep = (day: number, hour = 12) => new Date(Date.UTC(2026, 8, day, hour)).toISOString();
  const shopTotal = (metric: string, groupBy?: string) => total(metric, '2026-09-01', '2026-09-30', groupBy);

  it('counts a paid order once, by channel, whichever of orders/create and orders/paid comes', async () => {
    const o = order({ id: 5001, total: '19.99', createdAt: sep(1), sourceName: 'pos' });
    expect(await sendShopify('orders/create', o, { webhookId: 'wh-5001-create' })).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(await sendShopify('orders/paid', o)).toMatchObject({ status: 200, body: { duplicate: false } });
    const web = order({ id: 5002, total: '5.01', createdAt: sep(1), sourceName: 'web', financialStatus: 'pending' });
    await sendShopify('orders/create', web);
    expect(await shopTotal('revenue', 'channel')).toEqual({ pos: 19.99 });
    await sendShopify('orders/paid', { ...web, financial_status: 'paid' });
    expect(await shopTotal('revenue', 'channel')).toEqual({ pos: 19.99, web: 5.01 });
    expect(await shopTotal('orders')).toBe(2);
  });

  it('deduplicates by webhook id and by shop + topic + order, also under 20 concurrent deliveries', async () => {
    const o = order({ id: 5003, total: '10.00', createdAt: sep(2) });
    const same = await Promise.all(Array.from({ length: 20 }, () => sendShopify('orders/create', o, { webhookId: 'wh-5003' })));
    expect(same.every((r) => r.status === 200)).toBe(true);
    expect(same.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    // Shopify may send the same event again under a new webhook id: the semantic key catches it.
    expect((await sendShopify('orders/create', o, { webhookId: 'wh-5003-again' })).body.duplicate).toBe(true);
    expect(await shopTotal('orders')).toBe(3);
    expect(await shopTotal('revenue')).toBeCloseTo(35, 9);
  });

  it('handles a refund and a cancellation that arrive before their order', async () => {
    const o = order({ id: 5004, total: '40.00', createdAt: sep(3), financialStatus: 'refunded' });
    await sendShopify('refunds/create', refund({ id: 7001, orderId: 5004, amount: '40.00', createdAt: sep(3, 18) }));
    await sendShopify('orders/cancelled', { ...o, cancelled_at: sep(3, 18) });
    expect(await shopTotal('refunds')).toBe(40);
    // The order's sale counted once, its cancellation withdraws it from the order count.
    expect(await shopTotal('orders')).toBe(3);
    expect(await shopTotal('revenue')).toBeCloseTo(75, 9);
    await sendShopify('orders/create', { ...o, financial_status: 'paid' });
    await sendShopify('orders/paid', { ...o, financial_status: 'paid' });
    expect(await shopTotal('orders')).toBe(3);
    expect(await shopTotal('revenue')).toBeCloseTo(75, 9);
    // And in the usual order: created, then cancelled.
    const p = order({ id: 5005, total: '8.00', createdAt: sep(4) });
    await sendShopify('orders/create', p);
    expect(await shopTotal('orders')).toBe(4);
    await sendShopify('orders/cancelled', { ...p, financial_status: 'refunded' });
    expect(await shopTotal('orders')).toBe(3);
  });

  it('refuses forged HMACs, retired secrets and other shops; accepts the old secret', async () => {
    const stored = await countEvents(shopifyId);
    const o = order({ id: 5006, total: '1.00', createdAt: sep(5) });
    const forged = await Promise.all(Array.from({ length: 50 }, () => sendShopify('orders/create', o, { hmac: randomBytes(32).toString('base64') })));
    expect(forged.every((r) => r.status === 401 && r.body.type === 'urn:dyocense:problem:invalid-signature')).toBe(true);
    expect((await sendShopify('orders/create', o, { secret: 'retired-secret-value' })).status).toBe(401);
    expect((await sendShopify('orders/create', o, { hmac: '' })).status).toBe(401);
    expect((await sendShopify('orders/create', o, { shop: 'other.myshopify.com' })).status).toBe(400);
    expect(await countEvents(shopifyId)).toBe(stored);
    expect((await sendShopify('orders/create', o, { secret: SHOP_SECRET_OLD })).status).toBe(200);
    expect((await sendShopify('orders/create', { id: 5007, created_at: 'yesterday', total_price: '1' })).status).toBe(400);
  });

  it('answers a customer data request from stored events, then redacts the customer', async () => {
    const who = 424242;
    await sendShopify('orders/create', order({ id: 5010, total: '12.00', createdAt: sep(6), customerId: who, email: 'ana@example.com' }));
    const req = await sendShopify('customers/data_request', customersDataRequest(SHOP, who, [5010], 'ana@example.com'));
    expect(req.status).toBe(200);
    const listed = (await (await owner.get(`/api/connect/sources/${shopifyId}/events?topic=customers/data_request`)).json()) as { events: { effect: { dataRequest: { records: { topic: string; data: { email: string } }[] } } }[] };
    const records = listed.events[0]!.effect.dataRequest.records;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ topic: 'orders/create', data: { email: 'ana@example.com' } });

    const redact = await sendShopify('customers/redact', customersRedact(SHOP, who, [5010], 'ana@example.com'));
    expect(redact.status).toBe(200);
    const rows = await withTenant(server.runtime.db, tenantId, (tx) => executeRows<{ raw_body: string; effect: unknown }>(tx, sql`select raw_body, effect from webhook_events where source_id = ${shopifyId}::uuid`));
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain('ana@example.com');
    expect(everything).toContain('5010');
    // Metrics are aggregates without personal data: the sale still counts (84 before it, plus 12).
    expect(await shopTotal('revenue')).toBeCloseTo(96, 9);
  });

  it('marks the source on app/uninstalled and erases the shop on shop/redact', async () => {
    const un = await sendShopify('app/uninstalled', { id: 954889, name: 'Café', domain: SHOP, myshopify_domain: SHOP });
    expect(un.status).toBe(200);
    const source = (await (await owner.get(`/api/connect/sources/${shopifyId}`)).json()) as { status: string; lastError: string };
    expect(source).toMatchObject({ status: 'needs_reauth', lastError: expect.stringMatching(/uninstalled/) });

    const redact = await sendShopify('shop/redact', shopRedact(SHOP), { webhookId: 'wh-shop-redact' });
    expect(redact.status).toBe(200);
    expect(await countEvents(shopifyId)).toBe(1);
    expect(await shopTotal('revenue')).toBe(0);
    expect(await shopTotal('orders')).toBe(0);
    // Stripe's figures are untouched.
    expect(await stripeTotal('revenue')).toBeGreaterThan(0);
    // A redelivery still verifies and is recognised.
    expect(await sendShopify('shop/redact', shopRedact(SHOP), { webhookId: 'wh-shop-redact' })).toMatchObject({ status: 200, body: { duplicate: true } });
    const after = (await (await owner.get(`/api/connect/sources/${shopifyId}`)).json()) as { hasCredentials: boolean; status: string };
    expect(after).toMatchObject({ status: 'needs_reauth', hasCredentials: true });
  });
});

describe('Shopify app-level webhooks', () => {
  const SHARED = 'shared.myshopify.com';
  const aug = (day: number) => new Date(Date.UTC(2026, 7, day, 12)).toISOString();
  let other: TestClient;
  let ownSource: string;

  beforeAll(async () => {
    // The shop is connected by two businesses, through the app (no per-source secrets).
    const mine = await owner.post('/api/connect/sources', { type: 'shopify', name: 'Shared', externalAccountId: SHARED });
    ownSource = ((await mine.json()) as { id: string }).id;
    other = new TestClient(server.url);
    await signUp(other, { businessName: 'Other Café' });
    expect((await other.post('/api/connect/sources', { type: 'shopify', name: 'Shared', externalAccountId: SHARED })).status).toBe(201);
  });

  const app = (topic: string, payload: unknown, opts: { webhookId?: string; secret?: string; shop?: string; hmac?: string } = {}) =>
    sendShopify(topic, payload, { shop: SHARED, secret: APP_SECRET_NEW, path: '/api/connect/shopify/webhook', ...opts });

  it('verifies with the app secret (new or previous) and delivers to every source of the shop, once', async () => {
    const o = order({ id: 9001, total: '30.00', createdAt: aug(1) });
    expect(await app('orders/create', o, { webhookId: 'wh-app-9001' })).toMatchObject({ status: 200, body: { duplicate: false, sources: 2 } });
    expect(await app('orders/create', o, { webhookId: 'wh-app-9001', secret: APP_SECRET_OLD })).toMatchObject({ status: 200, body: { duplicate: true, sources: 2 } });
    for (const client of [owner, other]) expect(await total('revenue', '2026-08-01', '2026-08-31', undefined, client)).toBe(30);
  });

  it('refuses forged and per-source secrets, and acknowledges shops it does not know', async () => {
    const o = order({ id: 9002, total: '1.00', createdAt: aug(2) });
    const forged = await Promise.all(Array.from({ length: 20 }, () => app('orders/create', o, { hmac: randomBytes(32).toString('base64') })));
    expect(forged.every((r) => r.status === 401)).toBe(true);
    expect((await app('orders/create', o, { secret: SHOP_SECRET })).status).toBe(401);
    expect(await app('shop/redact', shopRedact('unknown.myshopify.com'), { shop: 'unknown.myshopify.com' })).toMatchObject({ status: 200, body: { sources: 0 } });
    expect((await app('orders/create', o, { shop: '' })).status).toBe(400);
  });

  it("lets an app-installed source's own URL verify with the app secret", async () => {
    const o = order({ id: 9003, total: '2.00', createdAt: aug(3) });
    const res = await sendShopify('orders/create', o, { shop: SHARED, secret: APP_SECRET_NEW, path: `/api/connect/shopify/webhook/${ownSource}` });
    expect(res).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(await total('revenue', '2026-08-01', '2026-08-31')).toBe(32);
    expect(await total('revenue', '2026-08-01', '2026-08-31', undefined, other)).toBe(30);
  });

  it('applies compliance topics to each business that holds the shop', async () => {
    const res = await app('customers/redact', customersRedact(SHARED, 115310627314723950, [9001]));
    expect(res).toMatchObject({ status: 200, body: { sources: 2 } });
    const rows = await server.runtime.db.transaction(async (tx) => executeRows<{ n: number }>(tx, sql`select count(*)::int as n from webhook_events`));
    // As the app role with no tenant set, nothing is visible at all.
    expect(rows[0]!.n).toBe(0);
    const mine = await withTenant(server.runtime.db, tenantId, (tx) =>
      executeRows<{ raw_body: string }>(tx, sql`select raw_body from webhook_events where source_id = ${ownSource}::uuid and topic = 'orders/create'`),
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.find((r) => r.raw_body.includes('9001'))!.raw_body).not.toContain('jon@example.com');
  });
});
