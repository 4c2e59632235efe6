import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { connectorSyncLogs } from '@dyocense/db';
import { executeRows, withTenant } from '@dyocense/core';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { signUp, TestClient, uniqueEmail } from '../../tests/support/client';
import { startFakeProviders, type FakeProviders } from './fixtures/fake-providers';

// Everything the server prints, to prove no secret reaches a log line.
const printed: string[] = [];
const capture = (...args: unknown[]) => void printed.push(args.map(String).join(' '));

const STRIPE_KEY = 'sk_test_51NzQexampleSECRETkey000111';
const WHSEC = 'whsec_exampleSECRETsigning000111';
const SHOP_TOKEN = 'shpat_exampleSECRETtoken000111';
const SHOP_SECRET = 'shopify-client-SECRET-000111';
const secrets = [STRIPE_KEY, WHSEC, SHOP_TOKEN, SHOP_SECRET];

let server: TestServer;
let fake: FakeProviders;
let owner: TestClient;
let tenantId: string;

type Source = { id: string; type: string; status: string; hasCredentials: boolean; lastError: string | null; externalAccountId: string | null };

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
  fake = await startFakeProviders();
  fake.stripeKeys.set(STRIPE_KEY, 'acct_1TestCafe');
  fake.shopifyTokens.set(SHOP_TOKEN, 'cafe.myshopify.com');
  server = await startTestServer({ LOG_LEVEL: 'debug', STRIPE_API_BASE: fake.url, SHOPIFY_ADMIN_ORIGIN: fake.url, BODY_LIMIT_BYTES: '65536' });
  owner = new TestClient(server.url);
  tenantId = (await signUp(owner, { businessName: 'Connect Café' })).tenant.id;
});

afterAll(async () => {
  await server?.close();
  await fake?.close();
  vi.restoreAllMocks();
});

async function create(client: TestClient, body: unknown) {
  const res = await client.post('/api/connect/sources', body);
  return { status: res.status, text: await res.text() };
}

describe('data sources', () => {
  let stripe: Source;
  let shopify: Source;

  it('creates sources with write-only credentials', async () => {
    const s = await create(owner, { type: 'stripe', name: 'Stripe', credentials: { apiKey: STRIPE_KEY, webhookSecrets: [WHSEC] } });
    expect(s.status, s.text).toBe(201);
    stripe = JSON.parse(s.text);
    expect(stripe).toMatchObject({ type: 'stripe', status: 'active', hasCredentials: true });
    const sh = await create(owner, { type: 'shopify', name: 'Shop', externalAccountId: 'Cafe.myshopify.com', credentials: { accessToken: SHOP_TOKEN, webhookSecrets: [SHOP_SECRET] } });
    expect(sh.status, sh.text).toBe(201);
    shopify = JSON.parse(sh.text);
    expect(shopify.externalAccountId).toBe('cafe.myshopify.com');
    const csv = await create(owner, { type: 'csv', name: 'Uploads' });
    expect(JSON.parse(csv.text)).toMatchObject({ hasCredentials: false });

    const list = await (await owner.get('/api/connect/sources')).text();
    expect(JSON.parse(list).sources).toHaveLength(3);
    const onlyShopify = JSON.parse(await (await owner.get('/api/connect/sources?type=shopify')).text());
    expect(onlyShopify.sources.map((x: Source) => x.id)).toEqual([shopify.id]);
    for (const text of [s.text, sh.text, list, await (await owner.get(`/api/connect/sources/${stripe.id}`)).text()]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('stores credentials sealed: the database holds no secret in the clear', async () => {
    const rows = await withTenant(server.runtime.db, tenantId, (tx) =>
      executeRows<{ c: string | null; k: string | null }>(tx, sql`select credentials_ciphertext as c, credentials_key_id as k from data_sources`),
    );
    const all = JSON.stringify(rows);
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(rows.filter((r) => r.c).every((r) => /^[0-9a-f]{16}$/.test(r.k!))).toBe(true);
    const audit = await withTenant(server.runtime.db, tenantId, (tx) => executeRows(tx, sql`select action, details from audit_log where action like 'data_source.%'`));
    expect(JSON.stringify(audit)).toContain('credentialFields');
    for (const secret of secrets) expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('refuses bad input with field errors, duplicates with 409', async () => {
    const bad = await create(owner, { type: 'shopify', name: 'Shop', externalAccountId: 'https://evil.example.com' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('externalAccountId');
    const unknownField = await create(owner, { type: 'stripe', name: 'S', credentials: { password: 'x'.repeat(10) } });
    expect(unknownField.status).toBe(400);
    const badType = await create(owner, { type: 'square', name: 'S' });
    expect(badType.status).toBe(400);
    const dup = await create(owner, { type: 'shopify', name: 'Again', externalAccountId: 'cafe.myshopify.com' });
    expect(dup.status).toBe(409);
    expect((await owner.get('/api/connect/sources/7d3f0e5c-2a5b-4c1e-9d7a-0b6a4e1f2c3d')).status).toBe(404);
    expect((await owner.get('/api/connect/sources/not-a-uuid')).status).toBe(400);
  });

  it('tests connections against the providers and records the outcome', async () => {
    const ok = await owner.post(`/api/connect/sources/${stripe.id}/test`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, account: 'acct_1TestCafe' });
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);

    const shop = await owner.post(`/api/connect/sources/${shopify.id}/test`);
    expect(await shop.json()).toMatchObject({ ok: true, account: 'cafe.myshopify.com' });
    expect(fake.requests.at(-1)!.path).toBe('/admin/api/2025-07/shop.json');

    // Revoke the key at the provider: the test says so, without echoing the key.
    fake.stripeKeys.clear();
    const refused = await owner.post(`/api/connect/sources/${stripe.id}/test`);
    const body = await refused.text();
    expect(JSON.parse(body)).toMatchObject({ ok: false, detail: expect.stringContaining('401') });
    for (const secret of secrets) expect(body).not.toContain(secret);
    const after = (await (await owner.get(`/api/connect/sources/${stripe.id}`)).json()) as Source;
    expect(after.lastError).toMatch(/401/);
    fake.stripeKeys.set(STRIPE_KEY, 'acct_1TestCafe');
  });

  it('replaces only the credential fields given, and the new ones are used', async () => {
    const rotated = 'sk_test_51NzQexampleSECRETkeyROTATED';
    fake.stripeKeys.set(rotated, 'acct_1TestCafe');
    fake.stripeKeys.delete(STRIPE_KEY);
    const res = await owner.patch(`/api/connect/sources/${stripe.id}`, { credentials: { apiKey: rotated } });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(rotated);
    expect(await (await owner.post(`/api/connect/sources/${stripe.id}/test`)).json()).toMatchObject({ ok: true });
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${rotated}`);
    expect((await owner.patch(`/api/connect/sources/${stripe.id}`, {})).status).toBe(400);
    secrets.push(rotated);
  });

  it('pauses and resumes', async () => {
    const paused = await owner.post(`/api/connect/sources/${shopify.id}/pause`);
    expect(await paused.json()).toMatchObject({ status: 'paused' });
    const resumed = await owner.post(`/api/connect/sources/${shopify.id}/resume`);
    expect(await resumed.json()).toMatchObject({ status: 'active' });
    expect((await owner.post(`/api/connect/sources/${shopify.id}/stop`)).status).toBe(404);
  });

  it('lists sync runs, newest first', async () => {
    await withTenant(server.runtime.db, tenantId, async (tx) => {
      await tx.insert(connectorSyncLogs).values([
        { tenantId, sourceId: shopify.id, kind: 'backfill', status: 'succeeded', startedAt: new Date('2026-01-01T00:00:00Z'), finishedAt: new Date('2026-01-01T00:00:05Z'), recordsIn: 120, recordsOut: 118, recordsSkipped: 2, durationMs: 5000 },
        { tenantId, sourceId: shopify.id, kind: 'incremental', status: 'failed', startedAt: new Date('2026-01-02T00:00:00Z'), error: 'HTTP 429 after 5 retries' },
      ]);
    });
    const res = await owner.get(`/api/connect/sources/${shopify.id}/sync-logs`);
    const { logs } = (await res.json()) as { logs: { kind: string; recordsSkipped: number; error: string | null }[] };
    expect(logs.map((l) => l.kind)).toEqual(['incremental', 'backfill']);
    expect(logs[1]).toMatchObject({ recordsSkipped: 2 });
    expect((await owner.get(`/api/connect/sources/${shopify.id}/sync-logs?limit=0`)).status).toBe(400);
  });

  it('lets only owners and admins change sources; members read', async () => {
    const invite = await owner.post('/api/auth/members/invite', { email: uniqueEmail('member'), role: 'member' });
    const { token } = (await invite.json()) as { token: string };
    const member = new TestClient(server.url);
    expect((await member.post('/api/auth/invitations/accept', { token, name: 'M', password: 'member-password-123' })).status).toBeLessThan(300);
    expect((await member.get('/api/connect/sources')).status).toBe(200);
    expect((await create(member, { type: 'csv', name: 'Mine' })).status).toBe(403);
    expect((await member.post(`/api/connect/sources/${stripe.id}/pause`)).status).toBe(403);
    expect((await member.post(`/api/connect/sources/${stripe.id}/test`)).status).toBe(403);
    expect((await member.delete(`/api/connect/sources/${stripe.id}`)).status).toBe(403);
    expect((await new TestClient(server.url).get('/api/connect/sources')).status).toBe(401);
  });

  it('deletes a source', async () => {
    expect((await owner.delete(`/api/connect/sources/${shopify.id}`)).status).toBe(204);
    expect((await owner.get(`/api/connect/sources/${shopify.id}`)).status).toBe(404);
    expect((await owner.delete(`/api/connect/sources/${shopify.id}`)).status).toBe(404);
  });

  it('limits JSON bodies, documents every route, and has no app-level Shopify endpoint without an app', async () => {
    const big = await create(owner, { type: 'csv', name: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    const doc = (await (await owner.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/api/connect/sources', '/api/connect/sources/{id}', '/api/connect/sources/{id}/test', '/api/connect/sources/{id}/pause', '/api/connect/sources/{id}/resume', '/api/connect/sources/{id}/sync-logs', '/api/connect/sources/{id}/events', '/api/connect/stripe/webhook/{sourceId}', '/api/connect/shopify/webhook/{sourceId}', '/api/connect/shopify/webhook']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const res = await fetch(`${server.url}/api/connect/shopify/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(404);
  });

  it('never printed a secret in any log line', () => {
    expect(printed.length).toBeGreaterThan(20);
    expect(printed.some((l) => l.includes('/api/connect/sources'))).toBe(true);
    for (const line of printed) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});
