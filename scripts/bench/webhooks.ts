// `npm run bench -- webhooks`: Stripe webhook deliveries through the bundled server on a real
// PostgreSQL (DATABASE_URL), beside an authenticated tenant read (GET /api/connect/sources)
// measured in the same run as the baseline: new events (verify, store, apply to metrics and
// rollups, one transaction), redeliveries (verify, dedupe), and forged signatures (refused).
// Sizes: BENCH_WEBHOOK_EVENTS (2,000), BENCH_WEBHOOK_CONCURRENCY (16).
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { serve } from '@hono/node-server';
import { loadConfig } from '@dyocense/core';
import { createNodeRuntime, migratePostgres } from '@dyocense/core/node';
import { buildServer } from '../server';

const events = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 2_000);
const concurrency = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 16);
const SECRET = 'whsec_bench_0123456789abcdef';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Runs `count` requests, `concurrency` at a time; requests per second and latency percentiles. */
async function drive(label: string, count: number, request: (i: number) => Promise<Response>, expectStatus: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        if (res.status !== expectStatus) throw new Error(`${label}: request ${i} answered ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { label, perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export default async function run(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `dyocense_bench_webhooks_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  await migratePostgres(url.href);
  const runtime = await createNodeRuntime(
    loadConfig({ DATABASE_URL: url.href, LOG_LEVEL: process.env.BENCH_LOG_LEVEL === 'error' ? 'error' : 'warn', APP_SECRET: 'bench-secret-0123456789-0123456789-01', COOKIE_SECURE: 'false' }),
    { migrated: true, poller: false },
  );
  const server = serve({ fetch: buildServer(runtime).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  try {
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: runtime.config.publicUrl },
      body: JSON.stringify({ email: 'bench@webhooks.test', password: 'a-long-enough-passphrase', name: 'B', businessName: 'Bench' }),
    });
    const cookie = signup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const created = await fetch(`${base}/api/connect/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: runtime.config.publicUrl, cookie },
      body: JSON.stringify({ type: 'stripe', name: 'Stripe', credentials: { webhookSecrets: [SECRET] } }),
    });
    const { id } = (await created.json()) as { id: string };
    const hook = `${base}/api/connect/stripe/webhook/${id}`;
    const created0 = Math.floor(Date.UTC(2026, 9, 1) / 1000);
    const body = (i: number) =>
      JSON.stringify({ id: `evt_bench_${i}`, object: 'event', type: 'payment_intent.succeeded', created: created0 + i * 37, data: { object: { id: `pi_bench_${i}`, object: 'payment_intent', amount_received: 1000 + i, currency: 'usd' } } }, null, 2);
    const signed = (payload: string, secret = SECRET) => {
      const t = Math.floor(Date.now() / 1000);
      return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
    };
    const deliver = (payload: string, secret?: string) => fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signed(payload, secret) }, body: payload });

    const results = [];
    results.push(await drive('baseline: GET /api/connect/sources', events, () => fetch(`${base}/api/connect/sources`, { headers: { cookie } }), 200));
    results.push(await drive('new events (stored + applied)', events, (i) => deliver(body(i)), 200));
    results.push(await drive('redeliveries (deduplicated)', events, (i) => deliver(body(i % 100)), 200));
    results.push(await drive('forged signatures (refused)', events, (i) => deliver(body(i), 'whsec_forged'), 401));

    const baseline = results[0]!.perSecond;
    console.log(`Stripe webhooks on PostgreSQL, ${events} requests each, ${concurrency} concurrent:`);
    for (const r of results) {
      console.log(`  ${r.label.padEnd(40)} ${r.perSecond.toFixed(0).padStart(6)} req/s  (${(r.perSecond / baseline).toFixed(2)}× baseline)  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms`);
    }
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await runtime.close();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
