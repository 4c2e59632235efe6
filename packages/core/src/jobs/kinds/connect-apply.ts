import { sql, type SQL } from 'drizzle-orm';
import { builtinByName, checkPoints, lockTenantMetrics, refreshRollups, writePoints } from '@dyocense/metrics';
import { dayTime, type DailyValue, type LedgerEntry } from '@dyocense/connectors';
import { executeRows, type Tx } from '../../db/types';

/**
 * The writes of one sync page, all in the job's completing transaction: the page's facts,
 * the daily metrics they change, the log counters and the source's cursor. A crash before
 * the commit leaves the cursor where it was, so the page is read again; after the commit the
 * page is never applied twice. The cursor only moves from the value the page started from:
 * a second sync racing on the same source fails its page instead of skipping one.
 */
export async function advanceCursor(tx: Tx, sourceId: string, key: string, before: unknown, after: unknown): Promise<void> {
  const moved = await executeRows<{ id: string }>(
    tx,
    sql`update data_sources
        set sync_cursor = coalesce(sync_cursor, '{}'::jsonb) || jsonb_build_object(${key}::text, ${JSON.stringify(after)}::jsonb),
            updated_at = now()
        where id = ${sourceId}::uuid
          and (sync_cursor -> ${key}::text) is not distinct from ${before === null ? null : JSON.stringify(before)}::jsonb
        returning id`,
  );
  if (moved.length !== 1) throw new Error('the sync cursor moved since this page was read (another sync of the source ran); the page was not applied');
}

export async function countRecords(tx: Tx, syncLogId: string, recordsIn: number, recordsOut: number): Promise<void> {
  await tx.execute(
    sql`update connector_sync_logs set records_in = records_in + ${recordsIn}, records_out = records_out + ${recordsOut} where id = ${syncLogId}::uuid`,
  );
}

/** Daily values → metric points of this source (idempotent: same day, same source → replaced). */
export async function writeDaily(tx: Tx, tenantId: string, source: string, values: DailyValue[]): Promise<number> {
  if (values.length === 0) return 0;
  const { clean, errors } = checkPoints(
    values.map((v) => ({ metric: v.metric, time: dayTime(v.day), value: v.value })),
    builtinByName,
    source,
  );
  if (errors.length) throw new Error(`sync produced invalid points: ${errors.slice(0, 3).map((e) => `${e.path} ${e.message}`).join('; ')}`);
  const times = clean.map((p) => p.time).sort();
  await tx.execute(sql`select metrics_ensure_partitions(${times[0]}::timestamptz, ${times[times.length - 1]}::timestamptz)`);
  await writePoints(tx, tenantId, clean);
  return clean.length;
}

export { lockTenantMetrics };

/**
 * Upserts Shopify ledger entries (a sync page, or one order or refund from a webhook of a
 * synced shop) and rewrites the daily metrics of the days they touch under `pointSource`.
 * Both paths go through here, so a shop's figures are one series recomputed from one set of
 * facts: an order seen by the sync and by a webhook is one row, counted once.
 */
export async function applyShopifyLedger(tx: Tx, tenantId: string, sourceId: string, pointSource: string, entries: LedgerEntry[]) {
  await lockTenantMetrics(tx, tenantId);
  const daily = await applyLedgerPage(tx, tenantId, sourceId, entries);
  const written = await writeDaily(tx, tenantId, pointSource, daily);
  return { days: [...new Set(daily.map((d) => d.day))].sort(), written };
}

/**
 * Deletes the tenant's metric points matching `filter` (an SQL condition on business_metrics
 * `m`) and recomputes every rollup bucket they were part of from the points that remain
 * (a bucket left empty goes). The caller holds lockTenantMetrics.
 */
export async function erasePoints(tx: Tx, tenantId: string, filter: SQL): Promise<number> {
  const gone = await executeRows<{ metric: string; time: string | Date; dims_key: string }>(
    tx,
    sql`delete from business_metrics m where m.tenant_id = ${tenantId}::uuid and (${filter}) returning m.metric, m.time, m.dims_key`,
  );
  if (gone.length === 0) return 0;
  const batch = JSON.stringify(gone.map((g) => ({ metric: g.metric, time: new Date(g.time).toISOString(), dims_key: g.dims_key })));
  await tx.execute(sql`
    delete from metric_rollups r
    using (
      select distinct p.metric, p.dims_key, b.bucket, date_trunc(b.bucket, p.time, 'UTC') as bucket_start
      from jsonb_to_recordset(${batch}::jsonb) as p(metric text, time timestamptz, dims_key text)
      cross join (values ('day'), ('week'), ('month')) as b(bucket)) t
    where r.tenant_id = ${tenantId}::uuid and r.metric = t.metric and r.dims_key = t.dims_key
      and r.bucket = t.bucket and r.bucket_start = t.bucket_start`);
  await refreshRollups(tx, tenantId, batch);
  return gone.length;
}

/**
 * A shop that sent webhooks before it was synced has per-event points under source `shopify`
 * (dimension `shop`). Its first backfill reads every order into the ledger, so those points
 * go in the same transaction as the backfill's first page, with the effect ledger that
 * guarded them: from then on the shop's figures are the ledger's series alone.
 */
export async function retireWebhookDeltas(tx: Tx, tenantId: string, sourceId: string): Promise<number> {
  const [source] = await executeRows<{ shop: string | null }>(
    tx,
    sql`select external_account_id as shop from data_sources where id = ${sourceId}::uuid and type = 'shopify'`,
  );
  if (!source?.shop) return 0;
  await tx.execute(sql`delete from connector_effects where source_id = ${sourceId}::uuid`);
  return erasePoints(tx, tenantId, sql`m.source = 'shopify' and m.dimensions ->> 'shop' = ${source.shop}`);
}

/**
 * Stores a page of Shopify ledger entries and recomputes, from every record of the source,
 * the days the page touched: revenue and orders (counted orders, by order day), refunds (by
 * refund day) and new customers (customers whose first counted order falls on the day). The
 * days where this page's customers used to have their first order are recomputed too.
 */
export async function applyLedgerPage(tx: Tx, tenantId: string, sourceId: string, entries: LedgerEntry[]): Promise<DailyValue[]> {
  if (entries.length === 0) return [];
  const customers = [...new Set(entries.map((e) => e.customerId).filter((c): c is string => c !== null))];
  const previousFirsts = await executeRows<{ day: string }>(
    tx,
    sql`select to_char(min(day), 'YYYY-MM-DD') as day from connector_sync_records
        where source_id = ${sourceId}::uuid and kind = 'order' and counts
          and customer_key = any(array(select jsonb_array_elements_text(${JSON.stringify(customers)}::jsonb)))
        group by customer_key`,
  );
  await tx.execute(
    // An older state of an order (provider_updated_at) never replaces a newer one, and a
    // customer key pseudonymised by customers/redact is never written back.
    sql`insert into connector_sync_records as r (tenant_id, source_id, kind, external_id, day, amount, customer_key, counts, provider_updated_at)
        select ${tenantId}::uuid, ${sourceId}::uuid, e.kind, e."externalId", e.day::date, e.amount, e."customerId", e.counts, e."updatedAt"
        from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb)
          as e(kind text, "externalId" text, day text, amount float8, "customerId" text, counts boolean, "updatedAt" timestamptz)
        on conflict (source_id, kind, external_id) do update
          set day = excluded.day, amount = excluded.amount,
              customer_key = case when r.customer_key like 'redacted:%' then r.customer_key else excluded.customer_key end,
              counts = excluded.counts, provider_updated_at = excluded.provider_updated_at, updated_at = now()
          where r.provider_updated_at is null or excluded.provider_updated_at is null
             or excluded.provider_updated_at >= r.provider_updated_at`,
  );
  const days = [...new Set([...entries.map((e) => e.day), ...previousFirsts.map((r) => r.day)])];
  // Every lookup is an index probe (the day index, then one per customer), never a scan of
  // the source's history.
  const rows = await executeRows<{ day: string; revenue: number; orders: number; refunds: number; new_customers: number }>(
    tx,
    sql`with days as (select distinct d::date as day from jsonb_array_elements_text(${JSON.stringify(days)}::jsonb) d),
        recs as materialized (
          select r.* from connector_sync_records r
          where r.tenant_id = ${tenantId}::uuid and r.source_id = ${sourceId}::uuid and r.day = any(array(select day from days))),
        totals as (
          select day,
            coalesce(sum(amount) filter (where kind = 'order' and counts), 0) as revenue,
            count(*) filter (where kind = 'order' and counts) as orders,
            coalesce(sum(amount) filter (where kind = 'refund'), 0) as refunds
          from recs group by day),
        firsts as (
          select (select min(x.day) from connector_sync_records x
                  where x.source_id = ${sourceId}::uuid and x.customer_key = c.customer_key and x.kind = 'order' and x.counts) as day
          from (select distinct customer_key from recs where kind = 'order' and counts and customer_key is not null) c),
        newcomers as (select day, count(*) as n from firsts group by day)
        select to_char(d.day, 'YYYY-MM-DD') as day,
          coalesce(t.revenue, 0)::float8 as revenue, coalesce(t.orders, 0)::int as orders,
          coalesce(t.refunds, 0)::float8 as refunds, coalesce(n.n, 0)::int as new_customers
        from days d left join totals t on t.day = d.day left join newcomers n on n.day = d.day`,
  );
  return rows.flatMap((r) => [
    { metric: 'revenue', day: r.day, value: Number(r.revenue) },
    { metric: 'orders', day: r.day, value: Number(r.orders) },
    { metric: 'refunds', day: r.day, value: Number(r.refunds) },
    { metric: 'new_customers', day: r.day, value: Number(r.new_customers) },
  ]);
}
