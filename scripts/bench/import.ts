// `npm run bench -- import`: a CSV of BENCH_IMPORT_ROWS rows (1,000,000) uploaded to
// POST /api/connect/import on the real server (HTTP, streamed parse, mapping, checks, staging,
// upsert, rollups, all in one transaction), beside raw COPY of the same rows into a bare table
// in the same run. Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { loadConfig } from '@dyocense/core';
import { createNodeRuntime, migratePostgres } from '@dyocense/core/node';
import { buildServer } from '../server';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const STORES = 100;
const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);

/** The file's rows, as CSV lines: hourly revenue of 100 stores, deterministic. */
function* csvLines(): Generator<string> {
  yield 'timestamp,store,revenue\n';
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${new Date(START + Math.floor(i / STORES) * HOUR).toISOString()},s${i % STORES},${50 + ((i * 7919) % 1000) / 10}\n`;
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** The same rows as COPY text for a bare table of points. */
function* copyLines(tenantId: string): Generator<string> {
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const store = `s${i % STORES}`;
    chunk += `${tenantId}\trevenue\t${new Date(START + Math.floor(i / STORES) * HOUR).toISOString()}\t${50 + ((i * 7919) % 1000) / 10}\tUSD\timport\t{"store":"${store}"}\tstore=${store}\n`;
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** POSTs a generated body chunked, writing only as fast as the server reads. */
function upload(url: string, headers: Record<string, string>, body: Iterable<string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    void (async () => {
      for (const chunk of body) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      req.end();
    })().catch(reject);
  });
}

export default async function run(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `dyocense_bench_import_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  await migratePostgres(dbUrl.href);
  const owner = postgres(dbUrl.href, { max: 1, onnotice: () => {} });
  const probe = serve({ fetch: () => new Response(), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => probe.once('listening', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const base = `http://127.0.0.1:${port}`;
  const runtime = await createNodeRuntime(
    loadConfig({ DATABASE_URL: dbUrl.href, LOG_LEVEL: 'warn', APP_SECRET: 'bench-secret-0123456789-0123456789-01', PUBLIC_URL: base, PORT: String(port) }),
    { migrated: true, poller: false },
  );
  const server = serve({ fetch: buildServer(runtime).fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));

  try {
    const signup = await fetch(`${base}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'bench@import.test', password: 'a-long-enough-passphrase', name: 'Bench', businessName: 'Bench Shop' }),
    });
    if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
    const tenantId = ((await signup.json()) as { tenant: { id: string } }).tenant.id;
    const cookie = signup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    let started = performance.now();
    const res = await upload(`${base}/api/connect/import?filename=bench.csv`, { 'content-type': 'text/csv', cookie, origin: base }, csvLines());
    const importSeconds = (performance.now() - started) / 1000;
    if (res.status !== 201) throw new Error(`import: ${res.status} ${res.text.slice(0, 500)}`);
    const result = JSON.parse(res.text) as { rowsRead: number; pointsWritten: number; bytes: number };
    console.error(`imported ${result.rowsRead} rows in ${importSeconds.toFixed(1)} s; now raw COPY…`);

    await owner.unsafe('create table bare_points (tenant_id uuid, metric text, time timestamptz, value float8, unit text, source text, dimensions jsonb, dims_key text)');
    started = performance.now();
    const copy = await owner`copy bare_points from stdin`.writable();
    const finished = new Promise<void>((resolve, reject) => {
      copy.once('finish', () => resolve());
      copy.once('error', reject);
    });
    for (const chunk of copyLines(tenantId)) if (!copy.write(chunk)) await new Promise((r) => copy.once('drain', r));
    copy.end();
    await finished;
    const copySeconds = (performance.now() - started) / 1000;
    const copied = (await owner<{ n: number }[]>`select count(*)::int as n from bare_points`)[0]!.n;
    const stored = (await owner<{ n: number }[]>`select count(*)::int as n from business_metrics`)[0]!.n;

    const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
    console.log(`\nimport bench, PostgreSQL ${dbUrl.host}, ${(result.bytes / 2 ** 20).toFixed(1)} MiB CSV\n`);
    console.log('| what | figure | baseline | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| HTTP import of ${result.rowsRead.toLocaleString('en')} CSV rows (${stored.toLocaleString('en')} points stored), rows/s | ${rate(result.rowsRead, importSeconds)} | raw COPY of the same rows into a bare table: ${rate(copied, copySeconds)} | ${(copySeconds / importSeconds).toFixed(2)} |`);
    console.log(`| wall time, s | ${importSeconds.toFixed(1)} | ${copySeconds.toFixed(1)} | |`);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await runtime.close();
    await owner.end();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
