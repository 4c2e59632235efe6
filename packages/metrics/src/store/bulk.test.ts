import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows, withTenant, type Database } from '@dyocense/core';
import type { NodeRuntime } from '@dyocense/core/node';
import { createBusiness } from '../../../../functions/auth/store';
import { createTestRuntime, testDatabaseKind } from '../../../../tests/support/runtime';
import { bulkIngest, BulkIngestRefused, type BulkPoint } from './bulk';
import { builtinByName } from '../catalog';
import { checkPoints } from './points';
import { ensurePartitions, ingestChecked, writePoints } from './ingest';
import { loadCatalog } from './catalog';

let runtime: NodeRuntime;
let db: Database;

const newTenant = async () =>
  (
    await db.transaction((tx) =>
      createBusiness(tx, { email: `bulk-${crypto.randomUUID()}@x.test`, name: 'B', passwordHash: null, businessName: 'Bulk' }, { ip: 't', userAgent: 't', sessionDays: 1 }),
    )
  ).tenant.id;

/** Hourly revenue for two stores over three days around a month (and partition) boundary. */
function* hourly(scale = 1): Generator<BulkPoint> {
  const start = Date.UTC(2026, 0, 30, 0);
  for (let h = 0; h < 72; h++) {
    for (const store of ['north', 'south']) {
      yield { metric: 'revenue', time: new Date(start + h * 3_600_000).toISOString(), value: scale * (10 + (h % 7) + (store === 'north' ? 0.25 : 0)), dimensions: { store } };
    }
  }
}

async function* slowly<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

type RollupRow = { metric: string; bucket: string; bucket_start: string; dims_key: string; dimensions: Record<string, string>; sum: number; count: number; min: number; max: number; last_value: number; last_time: string };

const rollups = (tenantId: string) =>
  withTenant(db, tenantId, (tx) =>
    executeRows<RollupRow>(
      tx,
      sql`select metric, bucket, bucket_start::text, dims_key, dimensions, sum, count::int as count, min, max, last_value, last_time::text
          from metric_rollups order by metric, bucket, dims_key, bucket_start`,
    ),
  );

const pointCount = async (tenantId: string) =>
  (await withTenant(db, tenantId, (tx) => executeRows<{ n: number }>(tx, sql`select count(*)::int as n from business_metrics`)))[0]!.n;

async function refusal(run: Promise<unknown>): Promise<BulkIngestRefused> {
  const err = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(BulkIngestRefused);
  return err as BulkIngestRefused;
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  db = runtime.db;
});

afterAll(async () => {
  await runtime?.close();
});

describe('bulkIngest', () => {
  it('writes every point and the same rollups as the per-batch path, from an async stream', async () => {
    const bulk = await newTenant();
    const batched = await newTenant();
    const result = await bulkIngest(db, bulk, slowly(hourly()), { source: 'csv' });
    expect(result).toEqual({
      points: 144,
      series: 2,
      metrics: ['revenue'],
      from: '2026-01-30T00:00:00.000Z',
      to: '2026-02-01T23:00:00.000Z',
    });
    const { clean, errors } = checkPoints([...hourly()], builtinByName, 'csv');
    expect(errors).toEqual([]);
    await ingestChecked(db, batched, clean);

    const fromBulk = await rollups(bulk);
    expect(fromBulk).toEqual(await rollups(batched));
    // 2 stores × (3 days + 1 week (Mon Jan 26) + 2 months); hours are read from the points.
    expect(fromBulk).toHaveLength(2 * (3 + 1 + 2));
    const jan30North = fromBulk.find((r) => r.bucket === 'day' && r.dims_key === 'store=north' && r.bucket_start.startsWith('2026-01-30'))!;
    // Hours 0..23 of Jan 30: values 10 + (h % 7) + 0.25.
    const expected = Array.from({ length: 24 }, (_, h) => 10 + (h % 7) + 0.25);
    expect(jan30North.sum).toBeCloseTo(expected.reduce((a, b) => a + b, 0), 9);
    expect(jan30North).toMatchObject({ count: 24, min: 10.25, max: 16.25, last_value: expected[23] });
    const febNorth = fromBulk.find((r) => r.bucket === 'month' && r.dims_key === 'store=north' && r.bucket_start.startsWith('2026-02-01'))!;
    expect(febNorth.count).toBe(24);
  });

  it('writes the same rollups when the day totals outgrow memory and the database aggregates them', async () => {
    const inMemory = await newTenant();
    const inDatabase = await newTenant();
    await bulkIngest(db, inMemory, hourly());
    await bulkIngest(db, inDatabase, hourly(), { dayTotalsLimit: 2 });
    expect(await rollups(inDatabase)).toEqual(await rollups(inMemory));
  });

  it('is idempotent: importing the file again replaces values and adds nothing', async () => {
    const tenant = await newTenant();
    await bulkIngest(db, tenant, hourly());
    const before = await rollups(tenant);
    const again = await bulkIngest(db, tenant, hourly());
    expect(again).toMatchObject({ points: 144, series: 2 });
    expect(await pointCount(tenant)).toBe(144);
    expect(await rollups(tenant)).toEqual(before);

    // New values for the same points: replaced, and every rollup follows.
    await bulkIngest(db, tenant, hourly(2));
    expect(await pointCount(tenant)).toBe(144);
    const doubled = await rollups(tenant);
    doubled.forEach((r, i) => {
      expect(r.sum).toBeCloseTo(before[i]!.sum * 2, 9);
      expect(r.last_value).toBe(before[i]!.last_value * 2);
    });
  });

  it('re-imports a corrected file by rewriting only the changed point and the buckets that hold it', async () => {
    const tenant = await newTenant();
    await bulkIngest(db, tenant, hourly());
    const before = await rollups(tenant);
    const corrected = [...hourly()].map((p) => (p.time === '2026-01-31T12:00:00.000Z' && p.dimensions?.store === 'south' ? { ...p, value: p.value + 100 } : p));
    await bulkIngest(db, tenant, corrected);
    const after = await rollups(tenant);
    expect(after).toHaveLength(before.length);
    const changed = after.filter((r, i) => r.sum !== before[i]!.sum);
    expect(changed.map((r) => [r.dims_key, r.bucket, r.bucket_start.slice(0, 10)])).toEqual([
      ['store=south', 'day', '2026-01-31'],
      ['store=south', 'month', '2026-01-01'],
      ['store=south', 'week', '2026-01-26'],
    ]);
    for (const r of changed) expect(r.sum - before[after.indexOf(r)]!.sum).toBeCloseTo(100, 9);
    const [stamps] = await withTenant(db, tenant, (tx) =>
      executeRows<{ rewritten: number }>(tx, sql`select count(*) filter (where ingested_at = (select max(ingested_at) from business_metrics))::int as rewritten from business_metrics`),
    );
    expect(stamps!.rewritten).toBe(1);
  });

  it('counts points already stored (other sources, earlier batches) in the refreshed rollups', async () => {
    const tenant = await newTenant();
    const { clean } = checkPoints([{ metric: 'revenue', time: '2026-01-30T12:30:00Z', value: 1000, dimensions: { store: 'north' } }], builtinByName, 'manual');
    await ingestChecked(db, tenant, clean);
    await bulkIngest(db, tenant, hourly());
    // North had a point in its span (read back from the store); south had none (from the staged rows alone).
    const stored = await rollups(tenant);
    const day = (store: string) => stored.find((r) => r.bucket === 'day' && r.dims_key === `store=${store}` && r.bucket_start.startsWith('2026-01-30'));
    expect(day('north')).toMatchObject({ count: 25, max: 1000 });
    expect(day('south')).toMatchObject({ count: 24, min: 10, max: 16, last_value: 10 + (23 % 7) });
  });

  it('refuses the whole import with every bad row numbered, and writes nothing', async () => {
    const tenant = await newTenant();
    const rows: BulkPoint[] = [
      { metric: 'revenue', time: '2026-01-30T00:00:00Z', value: 1 },
      { metric: 'revnue', time: '2026-01-30T00:00:00Z', value: 1 },
      { metric: 'revenue', time: 'yesterday', value: 1 },
      { metric: 'revenue', time: '2026-01-30T01:00:00Z', value: Number.NaN },
      { metric: 'revenue', time: '2026-01-30T02:00:00Z', value: 1, unit: 'kg' },
      { metric: 'revenue', time: '2026-01-30T03:00:00Z', value: 1, dimensions: { Store: 'x' } },
      { metric: 'revenue', time: '2026-01-30T04:00:00Z', value: 1, row: 42 },
    ];
    const err = await refusal(bulkIngest(db, tenant, rows));
    expect(err.rowErrors.map((e) => [e.row, e.field])).toEqual([
      [2, 'metric'],
      [3, 'time'],
      [4, 'value'],
      [5, 'unit'],
      [6, 'dimensions.Store'],
    ]);
    expect(err.status).toBe(400);
    expect(err.fieldErrors?.[0]).toEqual({ path: 'rows.2.metric', message: expect.stringContaining('unknown metric "revnue"') });
    expect(err.rowsRead).toBe(7);
    expect(await pointCount(tenant)).toBe(0);
    expect(await rollups(tenant)).toEqual([]);
  });

  it('reports a point repeated within the file by both row numbers, and writes nothing', async () => {
    const tenant = await newTenant();
    const rows: BulkPoint[] = [...hourly()];
    rows.push({ ...rows[5]!, value: 99 }, { ...rows[7]!, row: 900 });
    const err = await refusal(bulkIngest(db, tenant, rows));
    expect(err.rowErrors).toEqual([
      { row: 145, field: 'time', message: 'repeats row 6 (same metric, time, source and dimensions)' },
      { row: 900, field: 'time', message: 'repeats row 8 (same metric, time, source and dimensions)' },
    ]);
    expect(await pointCount(tenant)).toBe(0);
  });

  it('stops reading at maxErrors and says so', async () => {
    const tenant = await newTenant();
    const bad = Array.from({ length: 50 }, (_, i) => ({ metric: 'nope', time: '2026-01-30T00:00:00Z', value: i }));
    const err = await refusal(bulkIngest(db, tenant, bad, { maxErrors: 10 }));
    expect(err.rowErrors).toHaveLength(10);
    expect(err.truncated).toBe(true);
    expect(err.detail).toBe('10+ of 11 rows are not valid; nothing was imported.');
  });

  it('writes nothing when the source fails half way', async () => {
    const tenant = await newTenant();
    async function* broken(): AsyncGenerator<BulkPoint> {
      let n = 0;
      for (const p of hourly()) {
        if (++n === 100) throw new Error('the file was cut short');
        yield p;
      }
    }
    await expect(bulkIngest(db, tenant, broken())).rejects.toThrow('the file was cut short');
    expect(await pointCount(tenant)).toBe(0);
    // The connection is usable afterwards (no COPY or transaction left open).
    expect(await bulkIngest(db, tenant, hourly())).toMatchObject({ points: 144 });
  });

  it('returns an empty summary for an empty import', async () => {
    const tenant = await newTenant();
    expect(await bulkIngest(db, tenant, [])).toEqual({ points: 0, series: 0, metrics: [], from: null, to: null });
  });

  it("never writes another tenant's rows: the tenant is the transaction's, whatever a row says", async () => {
    const a = await newTenant();
    const b = await newTenant();
    await bulkIngest(db, b, hourly());
    const bBefore = await rollups(b);
    const smuggled = [...hourly(3)].map((p) => ({ ...p, tenantId: b, tenant_id: b }) as BulkPoint);
    await bulkIngest(db, a, smuggled);
    expect(await rollups(b)).toEqual(bBefore);
    expect(await pointCount(b)).toBe(144);
    expect(await pointCount(a)).toBe(144);
    const aRollups = await rollups(a);
    aRollups.forEach((r, i) => expect(r.sum).toBeCloseTo(bBefore[i]!.sum * 3, 9));
  });

  it('lands concurrent imports that need the same new monthly partitions', async () => {
    const tenants = await Promise.all([newTenant(), newTenant(), newTenant()]);
    const months = function* (): Generator<BulkPoint> {
      for (let m = 0; m < 24; m++) yield { metric: 'orders', time: new Date(Date.UTC(2019, m, 15)).toISOString(), value: m };
    };
    const results = await Promise.all(tenants.map((t) => bulkIngest(db, t, months())));
    expect(results.map((r) => r.points)).toEqual([24, 24, 24]);
    for (const t of tenants) expect(await pointCount(t)).toBe(24);
  });

  describe('in chunks written while reading', () => {
    /** The per-batch path's rollups for the same points: the reference. */
    const reference = async (points: BulkPoint[]) => {
      const tenant = await newTenant();
      const { clean, errors } = checkPoints(points, builtinByName, 'import');
      expect(errors).toEqual([]);
      await ingestChecked(db, tenant, clean);
      return rollups(tenant);
    };

    it('makes the months it reaches mid-import and lands every chunk (13 chunks across a new month)', async () => {
      // 2011: no partition of it exists yet; February's is made after January's chunks are written.
      const points = [...hourly()].map((p) => ({ ...p, time: p.time.replace('2026', '2011') }));
      const tenant = await newTenant();
      expect(await bulkIngest(db, tenant, slowly(points), { chunkRows: 11 })).toMatchObject({ points: 144, series: 2 });
      expect(await pointCount(tenant)).toBe(144);
      expect(await rollups(tenant)).toEqual(await reference(points));
    });

    it('writes the chunks before a stored point straight in and upserts the rest, with exact rollups', async () => {
      const tenant = await newTenant();
      // Jan 31 is stored already, with other values; the file's first day goes straight in.
      const stored = [...hourly(3)].filter((p) => p.time.startsWith('2026-01-31'));
      const { clean } = checkPoints(stored, builtinByName, 'import');
      await ingestChecked(db, tenant, clean);
      await bulkIngest(db, tenant, hourly(), { chunkRows: 48 });
      expect(await pointCount(tenant)).toBe(144);
      expect(await rollups(tenant)).toEqual(await reference([...hourly()]));
    });

    it('refuses a point that repeats one of a chunk already written, and writes nothing', async () => {
      const tenant = await newTenant();
      const rows: BulkPoint[] = [...hourly()];
      rows.push({ ...rows[3]!, row: 500 }); // chunk 1 went in; this repeat is in the last chunk
      const err = await refusal(bulkIngest(db, tenant, rows, { chunkRows: 40 }));
      expect(err.rowErrors).toEqual([{ row: 500, field: 'time', message: 'repeats an earlier row (same metric, time, source and dimensions)' }]);
      expect(await pointCount(tenant)).toBe(0);
      expect(await rollups(tenant)).toEqual([]);
    });

    it('tells a repeat from a re-imported point when both follow written chunks', async () => {
      const tenant = await newTenant();
      const { clean } = checkPoints([...hourly()].slice(100), builtinByName, 'import');
      await ingestChecked(db, tenant, clean);
      const rows: BulkPoint[] = [...hourly()];
      rows.push({ ...rows[10]!, row: 700 });
      const err = await refusal(bulkIngest(db, tenant, rows, { chunkRows: 40 }));
      expect(err.rowErrors.map((e) => e.row)).toEqual([700]);
      expect(await pointCount(tenant)).toBe(44);
    });

    it('stages the rest of the import once the day totals outgrow memory, and reads the rollups back', async () => {
      const tenant = await newTenant();
      await bulkIngest(db, tenant, hourly(), { chunkRows: 30, dayTotalsLimit: 3 });
      expect(await pointCount(tenant)).toBe(144);
      expect(await rollups(tenant)).toEqual(await reference([...hourly()]));
    });

    it('stops reading soon after a chunk fails in the database, not at the end of the file', async () => {
      const tenant = await newTenant();
      let yielded = 0;
      // The first chunk spans more than the 30 years one partition request may cover: the database refuses it.
      function* source(): Generator<BulkPoint> {
        for (let i = 0; i < 5_000; i++) {
          yielded++;
          yield { metric: 'orders', time: new Date(Date.UTC(i % 2 ? 1975 : 2025, 0, 1) + i * 60_000).toISOString(), value: i };
        }
      }
      const err = (await bulkIngest(db, tenant, source(), { chunkRows: 10 }).catch((e: unknown) => e)) as Error & { cause?: unknown };
      expect(`${err.message} ${String(err.cause)}`).toMatch(/range .* refused/);
      // Two chunks may be ahead of the database, and one being collected.
      expect(yielded).toBeLessThanOrEqual(40);
      expect(await pointCount(tenant)).toBe(0);
    });

    it('stops writing chunks at the first bad row and leaves nothing behind', async () => {
      const tenant = await newTenant();
      const rows: BulkPoint[] = [...hourly()];
      rows.splice(120, 0, { metric: 'revenue', time: 'later', value: 1 });
      const err = await refusal(bulkIngest(db, tenant, slowly(rows), { chunkRows: 20 }));
      expect(err.rowErrors).toEqual([{ row: 121, field: 'time', message: expect.any(String) }]);
      expect(await pointCount(tenant)).toBe(0);
      expect(await rollups(tenant)).toEqual([]);
    });
  });

  it('refuses an invalid default source, naming the option', async () => {
    const err = await bulkIngest(db, await newTenant(), hourly(), { source: 'My Upload' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, fieldErrors: [{ path: 'source' }] });
  });

  it('refuses an id that is not a tenant id before touching the database', async () => {
    await expect(bulkIngest(db, "x' or true --", hourly())).rejects.toThrow(/not a tenant id/);
  });
});

// PGlite has one connection, so its writers never overlap; the race exists on a server.
describe.skipIf(testDatabaseKind() === 'pglite')('concurrent writers of one tenant', () => {
  const orders = async (tenantId: string, hour: number, value: number) => {
    const catalog = await withTenant(db, tenantId, loadCatalog);
    const { clean, errors } = checkPoints([{ metric: 'orders', time: `2026-03-10T${String(hour).padStart(2, '0')}:00:00Z`, value }], catalog, `till-${hour}`, Date.now());
    expect(errors).toEqual([]);
    return clean;
  };
  const daySum = async (tenantId: string) => (await rollups(tenantId)).filter((r) => r.bucket === 'day').map((r) => Number(r.sum));

  it('lose no rollup update: a writer that starts while another is open sees its rows once it commits', async () => {
    const tenantId = await newTenant();
    const [first, second] = [await orders(tenantId, 9, 5), await orders(tenantId, 10, 7)];
    await ensurePartitions(db, first);
    let secondDone: Promise<unknown> | undefined;
    await withTenant(db, tenantId, async (tx) => {
      await writePoints(tx, tenantId, first);
      // The second writer runs while the first is still open; without the tenant lock it would
      // compute the day from what it can see (7) and overwrite the first writer's bucket.
      secondDone = ingestChecked(db, tenantId, second);
      await new Promise((r) => setTimeout(r, 300));
    });
    await secondDone;
    expect(await daySum(tenantId)).toEqual([12]);
  });

  it('lose no rollup update: twenty batches and a bulk import of the same day, all at once', async () => {
    const tenantId = await newTenant();
    const batches = await Promise.all(Array.from({ length: 20 }, (_, i) => orders(tenantId, i, i + 1)));
    const bulk = Array.from({ length: 4 }, (_, h): BulkPoint => ({ metric: 'orders', time: `2026-03-10T${String(20 + h).padStart(2, '0')}:00:00Z`, value: 100 }));
    await Promise.all([...batches.map((clean) => ingestChecked(db, tenantId, clean)), bulkIngest(db, tenantId, slowly(bulk), { source: 'import' })]);
    // 1 + 2 + … + 20 from the batches, 4 × 100 from the import: every writer counted once.
    expect(await daySum(tenantId)).toEqual([210 + 400]);
  });
});
