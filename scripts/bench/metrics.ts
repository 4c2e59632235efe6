// `npm run bench -- metrics`: (1) importing 1M points through the product's bulk path
// (bulkIngest: checks, chunks copied and inserted while reading, one rollup refresh), and the
// same file again, beside raw COPY of the same rows into a bare table and into a table with
// business_metrics' keys, in the same run; (2) query latency for 90 days of daily buckets
// over a large multi-tenant table.
// Sizes: BENCH_INGEST_ROWS (1,000,000), BENCH_QUERY_TENANTS (1,000), BENCH_QUERY_ROWS (10,000,000).
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { withTenant } from '@dyocense/core';
import { createNodeRuntime, migratePostgres } from '@dyocense/core/node';
import { loadConfig } from '@dyocense/core';
import { builtinByName, bulkIngest, checkPoints, queryMetric, type CleanPoint, type PointInput } from '@dyocense/metrics';
import { createBusiness } from '../../functions/auth/store';

const ingestRows = Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000);
const queryTenants = Number(process.env.BENCH_QUERY_TENANTS ?? 1_000);
const queryRows = Number(process.env.BENCH_QUERY_ROWS ?? 10_000_000);
const BATCH = 10_000;
const LOADERS = 3;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 0, 1);

/** Hourly revenue of `stores` stores, `count` points in all, deterministic. */
function* hourlyPoints(count: number, stores: number): Generator<PointInput> {
  for (let i = 0; i < count; i++) {
    const store = i % stores;
    const hour = Math.floor(i / stores);
    yield { metric: 'revenue', time: new Date(START + hour * HOUR).toISOString(), value: 50 + ((i * 7919) % 1000) / 10, dimensions: { store: `s${store}` } };
  }
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Raw COPY of the bench's rows (checked and formatted as the product would) into `table`. */
async function rawCopy(owner: postgres.Sql, table: string, tenantId: string, stores: number): Promise<{ seconds: number; rows: number }> {
  const started = performance.now();
  const copy = await owner`copy ${owner(table)} (tenant_id, metric, time, value, unit, source, dimensions, dims_key) from stdin`.writable();
  for (const batch of batches(hourlyPoints(ingestRows, stores), BATCH)) {
    const { clean } = checkPoints(batch, builtinByName, 'bench', Date.now());
    const text = clean.map((p: CleanPoint) => [tenantId, p.metric, p.time, p.value, p.unit, p.source, JSON.stringify(p.dimensions), p.dims_key].join('\t')).join('\n') + '\n';
    if (!copy.write(text)) await new Promise((r) => copy.once('drain', r));
  }
  const finished = new Promise<void>((resolve, reject) => {
    copy.once('finish', () => resolve());
    copy.once('error', reject);
  });
  copy.end();
  await finished;
  const rows = (await owner<{ n: number }[]>`select count(*)::int as n from ${owner(table)}`)[0]!.n;
  return { seconds: (performance.now() - started) / 1000, rows };
}

export default async function run(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `dyocense_bench_metrics_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  await migratePostgres(url.href);
  const runtime = await createNodeRuntime(loadConfig({ DATABASE_URL: url.href, LOG_LEVEL: 'warn', APP_SECRET: 'bench-secret-0123456789-0123456789-01' }), { migrated: true, poller: false });
  const owner = postgres(url.href, { max: 1, onnotice: () => {} });
  const newTenant = async (n: number) =>
    (await runtime.db.transaction((tx) => createBusiness(tx, { email: `m${n}@bench.test`, name: 'B', passwordHash: null, businessName: `Shop ${n}` }, { ip: 'b', userAgent: 'b', sessionDays: 1 }))).tenant.id;

  try {
    // (1) Ingest through the product path vs raw COPY.
    const tenantId = await newTenant(0);
    const stores = 100;
    let started = performance.now();
    const imported = await bulkIngest(runtime.db, tenantId, hourlyPoints(ingestRows, stores), { source: 'bench' });
    const written = imported.points;
    const ingestSeconds = (performance.now() - started) / 1000;
    console.error(`ingested ${written} points in ${ingestSeconds.toFixed(1)} s; now the same file again…`);
    // Re-importing the same file: every point is checked against the stored one, nothing changes.
    started = performance.now();
    await bulkIngest(runtime.db, tenantId, hourlyPoints(ingestRows, stores), { source: 'bench' });
    const reimportSeconds = (performance.now() - started) / 1000;
    console.error(`re-imported in ${reimportSeconds.toFixed(1)} s; now raw COPY…`);

    await owner.unsafe('create table bare_points (tenant_id uuid, metric text, time timestamptz, value float8, unit text, source text, dimensions jsonb, dims_key text)');
    const { seconds: copySeconds, rows: copied } = await rawCopy(owner, 'bare_points', tenantId, stores);
    // The floor for any keyed write: the same COPY into a table with business_metrics' columns,
    // primary key and BRIN index (no partitions, no row-level security, no rollups).
    await owner.unsafe('create table keyed_points (like business_metrics including defaults including indexes)');
    const { seconds: keyedSeconds } = await rawCopy(owner, 'keyed_points', tenantId, stores);

    console.error(`copied ${copied} rows in ${copySeconds.toFixed(1)} s (${keyedSeconds.toFixed(1)} s into a keyed table); now loading ${queryTenants} tenants…`);
    // (2) Query latency over many tenants: daily revenue for each, 90-day queries.
    const perTenant = Math.max(1, Math.floor(queryRows / queryTenants));
    const days = Math.min(3000, perTenant);
    const dimsPerDay = Math.max(1, Math.ceil(perTenant / days));
    // The series end yesterday (points more than a year ahead are refused).
    const QUERY_START = Math.floor(Date.now() / DAY) * DAY - days * DAY;
    const tenants: string[] = [];
    started = performance.now();
    function* tenantPoints(t: number): Generator<PointInput> {
      let n = 0;
      for (let d = 0; d < days; d++) {
        for (let k = 0; k < dimsPerDay && n < perTenant; k++, n++) {
          yield { metric: 'revenue', time: new Date(QUERY_START + d * DAY).toISOString(), value: 100 + ((t * 31 + d * 7 + k) % 97), dimensions: { channel: `c${k}` } };
        }
      }
    }
    // A few tenants import at once, as uploads would arrive.
    let next = 1;
    const loader = async () => {
      for (let t = next++; t <= queryTenants; t = next++) {
        const id = await newTenant(t);
        tenants.push(id);
        await bulkIngest(runtime.db, id, tenantPoints(t), { source: 'bench' });
      }
    };
    await Promise.all(Array.from({ length: LOADERS }, loader));
    const loadSeconds = (performance.now() - started) / 1000;
    const totalRows = (await owner<{ n: number }[]>`select count(*)::int as n from business_metrics`)[0]!.n;
    const metric = builtinByName.get('revenue')!;
    const latencies: number[] = [];
    for (let i = 0; i < 500; i++) {
      const id = tenants[(i * 7919) % tenants.length]!;
      const from = new Date(QUERY_START + ((i * 13) % Math.max(1, days - 90)) * DAY);
      const t0 = performance.now();
      await withTenant(runtime.db, id, (tx) => queryMetric(tx, { metric, from, to: new Date(from.getTime() + 90 * DAY), bucket: 'day', compare: 'previous_period' }));
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);

    console.log(`\nmetrics bench, PostgreSQL ${url.host}\n`);
    console.log('| what | figure | baseline | ratio |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| bulkIngest ${written.toLocaleString('en')} points (checks, chunked COPY + insert, rollups), rows/s | ${Math.round(written / ingestSeconds).toLocaleString('en')} | raw COPY into a bare table: ${Math.round(copied / copySeconds).toLocaleString('en')} | ${(copySeconds / ingestSeconds).toFixed(2)} |`);
    console.log(`| the same, against raw COPY into a table with business_metrics' primary key and BRIN index | ${Math.round(written / ingestSeconds).toLocaleString('en')} | ${Math.round(copied / keyedSeconds).toLocaleString('en')} | ${(keyedSeconds / ingestSeconds).toFixed(2)} |`);
    console.log(`| ingest wall time, s | ${ingestSeconds.toFixed(1)} | ${copySeconds.toFixed(1)} bare, ${keyedSeconds.toFixed(1)} keyed | |`);
    console.log(`| re-import of the same file (idempotent: nothing rewritten), rows/s | ${Math.round(written / reimportSeconds).toLocaleString('en')} | raw COPY: ${Math.round(copied / copySeconds).toLocaleString('en')} | ${(copySeconds / reimportSeconds).toFixed(2)} |`);
    console.log(`| query: 90 daily buckets + previous period, ${queryTenants} tenants, ${totalRows.toLocaleString('en')} rows in business_metrics (loaded in ${loadSeconds.toFixed(0)} s), p50 / p95 ms | ${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 95).toFixed(2)} | | |`);
  } finally {
    await owner.end();
    await runtime.close();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
