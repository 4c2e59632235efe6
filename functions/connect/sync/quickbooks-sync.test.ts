import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorKeyring, openCredentials, withTenant } from '@dyocense/core';
import { connectorSyncLogs, dataSources } from '@dyocense/db';
import { signUp, TestClient } from '../../../tests/support/client';
import { startFakeIntuit, type FakeIntuit } from '../../../tests/support/fake-intuit';
import { startTestServer, type TestServer } from '../../../tests/support/server';

const APP = { clientId: 'ABtestQuickbooksClientId', clientSecret: 'test-intuit-client-secret-0123456789' };
const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

let fake: FakeIntuit;
let server: TestServer;
let owner: TestClient;
let tenantId: string;

beforeAll(async () => {
  fake = await startFakeIntuit(APP);
  server = await startTestServer({ ...fake.env, CONNECTOR_RETRY_ATTEMPTS: '3', CONNECTOR_RETRY_BASE_MS: '10' });
  owner = new TestClient(server.url);
  tenantId = (await signUp(owner, { businessName: 'Books Bakery' })).tenant.id;
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

async function total(metric: string): Promise<number> {
  const res = await owner.get(`/api/metrics/query?metric=${metric}&from=${daysAgo(400)}&to=${today}&bucket=month`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: number | null }).total ?? 0;
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
const credentialsOf = async (id: string) => {
  const row = await source(id);
  return openCredentials<{ accessToken: string; refreshToken: string; accessExpiresAt: string }>(await connectorKeyring(server.runtime.config), tenantId, {
    ciphertext: row.credentialsCiphertext!,
    keyId: row.credentialsKeyId!,
  });
};

async function connect(): Promise<{ sourceId: string; realmId: string }> {
  const start = await owner.get('/api/connect/quickbooks/connect');
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
  const consent = await fetch(authorize, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get('location')!);
  const done = await owner.get(back.pathname + back.search);
  expect(done.status, await done.clone().text()).toBe(302);
  return { sourceId: new URL(done.headers.get('location')!, server.url).searchParams.get('source')!, realmId: back.searchParams.get('realmId')! };
}

describe('QuickBooks connect and report sync', () => {
  let sourceId: string;
  let realmId: string;
  const book = [
    { day: daysAgo(200), income: 1500, cogs: 600, expenses: 300 },
    { day: daysAgo(40), income: 900.5, cogs: 350.25, expenses: 120 },
    { day: daysAgo(3), income: 1200, cogs: 500, expenses: 210.75 },
  ];

  const sum = (k: 'income' | 'cogs' | 'expenses') => book.reduce((s, b) => s + b[k], 0);

  it('connects, keeps the realmId, refreshes a token about to lapse, and backfills a year by day', async () => {
    for (const b of book) fake.setBook(fake.nextRealmId(), b.day, b);
    // Tokens issued at connect last two minutes: the backfill must refresh before using them.
    fake.setAccessTtl(120);
    ({ sourceId, realmId } = await connect());
    const [log] = await waitForIdle(sourceId);
    expect(log).toMatchObject({ kind: 'backfill', status: 'succeeded', recordsIn: 365 });

    const row = await source(sourceId);
    expect(row).toMatchObject({ type: 'quickbooks', status: 'active', externalAccountId: realmId });
    expect(fake.tokenRequests.map((t) => t.grantType)).toEqual(['authorization_code', 'refresh_token']);
    expect(fake.reportRequests.every((r) => r.status === 200)).toBe(true);
    expect(fake.reportRequests.length).toBe(Math.ceil(365 / 31));
    expect(fake.reportRequests[0]!.query).toMatchObject({ start_date: daysAgo(364), summarize_column_by: 'Days' });
    expect(fake.reportRequests.at(-1)!.query.end_date).toBe(today);
    const creds = await credentialsOf(sourceId);
    expect(row.credentialsCiphertext).not.toContain(creds.refreshToken);

    expect(await total('revenue')).toBeCloseTo(sum('income'), 6);
    expect(await total('cost_of_goods')).toBeCloseTo(sum('cogs'), 6);
    expect(await total('expenses')).toBeCloseTo(sum('expenses'), 6);
  });

  it('rereads the last week incrementally, with the rotated refresh token, replacing changed days', async () => {
    const requestsBefore = fake.reportRequests.length;
    const res = await owner.post(`/api/connect/sources/${sourceId}/sync?wait=30`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'incremental', status: 'succeeded', recordsIn: 8 });
    // Refreshed again (tokens still last two minutes) with the rotated refresh token it stored:
    // the spent one would have been refused with invalid_grant.
    expect(fake.tokenRequests.map((t) => `${t.grantType}:${t.status}`)).toEqual(['authorization_code:200', 'refresh_token:200', 'refresh_token:200']);
    const requests = fake.reportRequests.slice(requestsBefore);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.query).toMatchObject({ start_date: daysAgo(7), end_date: today });
    expect(await total('revenue')).toBeCloseTo(sum('income'), 6);

    // The books change for a day in that week; the next sync replaces its value.
    fake.setBook(realmId, daysAgo(3), { income: 1250, cogs: 500, expenses: 210.75 });
    const again = await owner.post(`/api/connect/sources/${sourceId}/sync?wait=30`);
    expect(again.status).toBe(200);
    expect(await total('revenue')).toBeCloseTo(sum('income') + 50, 6);
    expect(await total('cost_of_goods')).toBeCloseTo(sum('cogs'), 6);
  });

  it('backfills a second company through a 503', async () => {
    fake.setAccessTtl(3600);
    const next = fake.nextRealmId();
    for (const b of book) fake.setBook(next, b.day, b);
    fake.failRequest(fake.reportRequests.length + 2, { status: 503 });
    const second = await connect();
    expect(second.realmId).toBe(next);
    const [log] = await waitForIdle(second.sourceId);
    expect(log).toMatchObject({ kind: 'backfill', status: 'succeeded', recordsIn: 365 });
    expect(fake.reportRequests.filter((r) => r.status === 503)).toHaveLength(1);
    expect(await total('revenue')).toBeCloseTo(2 * sum('income') + 50, 6);
    expect(await total('expenses')).toBeCloseTo(2 * sum('expenses'), 6);
  });

  it('marks the source as needing re-auth when Intuit revokes the tokens', async () => {
    fake.setAccessTtl(60); // forces a refresh, which Intuit now refuses
    const { sourceId: id, realmId: realm } = await connect();
    await waitForIdle(id);
    fake.revoke(realm);
    const res = await owner.post(`/api/connect/sources/${id}/sync?wait=30`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; error: string };
    expect(body.status).toBe('failed');
    expect(body.error).toMatch(/reconnect/i);
    expect(fake.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 400 });
    const row = await source(id);
    expect(row.status).toBe('needs_reauth');
    const refused = await owner.post(`/api/connect/sources/${id}/sync`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { type: string }).type).toBe('urn:dyocense:problem:needs-reauth');
  });

  it('refuses a callback with a state this browser did not start', async () => {
    const start = await owner.get('/api/connect/quickbooks/connect');
    const authorize = new URL(start.headers.get('location')!);
    const consent = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    back.searchParams.set('state', 'forged-state-value');
    const res = await owner.get(back.pathname + back.search);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('state');
    const noFlow = await new TestClient(server.url).get('/api/connect/quickbooks/callback?code=x&state=y&realmId=1');
    expect(noFlow.status).toBe(400);
  });
});
