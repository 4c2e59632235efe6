import { sql } from 'drizzle-orm';
import { SHOPIFY_PAGE_JOB, shopifyPointSource } from '@dyocense/connectors';
import { executeRows, type Sealed, type Tx } from '@dyocense/core';
import { erasePoints } from '@dyocense/core/jobs/kinds';
import { lockTenantMetrics } from './apply';
import { concernsCustomer, personalDataOf, redactPayload } from '../logic/redact';
import type { CustomerRef } from '../logic/shopify-effects';

interface StoredEvent {
  id: string;
  topic: string;
  raw_body: string;
  received_at: string;
}

const parse = (text: string): Record<string, unknown> | null => {
  try {
    const v = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
};

/**
 * The source's stored events that may concern the customer: a cheap text filter in SQL on
 * the ids and e-mail, then the exact check on the parsed payload.
 */
async function eventsAbout(tx: Tx, sourceId: string, who: CustomerRef) {
  const needles = [who.id, who.email, ...who.orderIds].filter((n): n is string => !!n);
  if (needles.length === 0) return [];
  const rows = await executeRows<StoredEvent & Record<string, unknown>>(
    tx,
    sql`select id, topic, raw_body, received_at from webhook_events
        where source_id = ${sourceId}::uuid
          and raw_body ilike any (${sql.raw('array[')}${sql.join(needles.map((n) => sql`${'%' + n.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`), sql`, `)}${sql.raw(']')})`,
  );
  return rows.flatMap((r) => {
    const payload = parse(r.raw_body);
    return payload && concernsCustomer(payload, r.topic, who) ? [{ row: r, payload }] : [];
  });
}

/** customers/data_request: gathers what the stored events and the sync's records hold about the customer. */
export async function answerDataRequest(tx: Tx, sourceId: string, who: CustomerRef) {
  const found = await eventsAbout(tx, sourceId, who);
  const synced = who.id
    ? await executeRows<{ order_id: string; day: string; amount: number }>(
        tx,
        sql`select external_id as order_id, to_char(day, 'YYYY-MM-DD') as day, amount from connector_sync_records
            where source_id = ${sourceId}::uuid and kind = 'order' and customer_key = ${who.id} order by day, external_id`,
      )
    : [];
  return {
    dataRequest: {
      customerId: who.id ?? null,
      syncedOrders: synced.map((r) => ({ orderId: r.order_id, day: r.day, amount: Number(r.amount) })),
      records: found
        .filter((f) => !f.row.topic.startsWith('customers/'))
        .map((f) => ({ eventId: f.row.id, topic: f.row.topic, receivedAt: new Date(f.row.received_at).toISOString(), data: personalDataOf(f.payload) })),
    },
  };
}

/**
 * The sync's ledger keeps the customer id of each order (to count new customers). Each id of
 * the customer — theirs, and the one on the orders to redact — is replaced by a random
 * pseudonym, one per id: nothing links it to the person any more, yet their orders still
 * share it, so the new-customer counts stay as they were. The ledger never writes an id back
 * over a pseudonym (see applyLedgerPage). Returns the ids replaced and the rows changed.
 */
async function pseudonymiseLedger(tx: Tx, sourceId: string, who: CustomerRef): Promise<{ keys: string[]; records: number }> {
  const found = await executeRows<{ k: string }>(
    tx,
    sql`select distinct k from (
          select ${who.id ?? null}::text as k
          union all
          select customer_key from connector_sync_records
          where source_id = ${sourceId}::uuid and kind = 'order'
            and external_id = any(array(select jsonb_array_elements_text(${JSON.stringify(who.orderIds)}::jsonb)))) ids
        where k is not null and k not like 'redacted:%' `,
  );
  const keys = found.map((r) => r.k);
  if (keys.length === 0) return { keys, records: 0 };
  const rows = await executeRows<{ n: number }>(
    tx,
    sql`with pseudonyms as (
          select k, 'redacted:' || gen_random_uuid()::text as p from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) as k),
        done as (
          update connector_sync_records r set customer_key = pseudonyms.p, updated_at = now()
          from pseudonyms where r.source_id = ${sourceId}::uuid and r.customer_key = pseudonyms.k
          returning 1)
        select count(*)::int as n from done`,
  );
  return { keys, records: Number(rows[0]?.n ?? 0) };
}

/**
 * Finished sync-page jobs keep the page they applied (orders with their customer's id) and
 * what they computed (ledger rows): the customer's ids are blanked in both. A page still
 * queued or running is left to its worker (its apply keeps the pseudonym; see applyLedgerPage).
 */
async function scrubSyncJobs(tx: Tx, sourceId: string, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const ids = JSON.stringify(keys);
  const rows = await executeRows<{ n: number }>(
    tx,
    sql`with ids as (select jsonb_array_elements_text(${ids}::jsonb) as k),
        done as (
          update jobs j set
            payload = case when jsonb_typeof(j.payload -> 'orders') = 'array' then jsonb_set(j.payload, '{orders}', (
              select coalesce(jsonb_agg(case when o -> 'customer' ->> 'id' in (select k from ids) then jsonb_set(o, '{customer}', 'null'::jsonb) else o end order by n), '[]'::jsonb)
              from jsonb_array_elements(j.payload -> 'orders') with ordinality as e(o, n))) else j.payload end,
            result = case when jsonb_typeof(j.result -> 'entries') = 'array' then jsonb_set(j.result, '{entries}', (
              select coalesce(jsonb_agg(case when x ->> 'customerId' in (select k from ids) then jsonb_set(x, '{customerId}', 'null'::jsonb) else x end order by n), '[]'::jsonb)
              from jsonb_array_elements(j.result -> 'entries') with ordinality as e(x, n))) else j.result end,
            updated_at = now()
          where j.kind = ${SHOPIFY_PAGE_JOB} and j.payload ->> 'sourceId' = ${sourceId} and j.status in ('succeeded', 'failed')
            and exists (select 1 from ids where j.payload::text like '%' || ids.k || '%')
          returning 1)
        select count(*)::int as n from done`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * customers/redact: personal fields in every stored event about the customer are overwritten,
 * and their id in the sync's ledger is pseudonymised.
 */
export async function redactCustomer(tx: Tx, sourceId: string, who: CustomerRef) {
  const ledger = await pseudonymiseLedger(tx, sourceId, who);
  const jobs = await scrubSyncJobs(tx, sourceId, ledger.keys);
  const found = await eventsAbout(tx, sourceId, who);
  for (const f of found) {
    await tx.execute(sql`update webhook_events set raw_body = ${JSON.stringify(redactPayload(f.payload))} where id = ${f.row.id}::uuid`);
  }
  // Earlier data-request answers hold copies of the same data.
  if (who.id) {
    const answered = await executeRows<{ id: string; effect: Record<string, unknown> }>(
      tx,
      sql`select id, effect from webhook_events where source_id = ${sourceId}::uuid
          and topic = 'customers/data_request' and effect -> 'dataRequest' ->> 'customerId' = ${who.id}`,
    );
    for (const a of answered) {
      // The list of their synced orders would tie the order ids back to them: it goes.
      await tx.execute(sql`update webhook_events set effect = ${JSON.stringify(redactPayload(a.effect))}::jsonb #- '{dataRequest,syncedOrders}' where id = ${a.id}::uuid`);
    }
  }
  return { redactedEvents: found.length, redactedLedgerRecords: ledger.records, redactedSyncJobs: jobs };
}

/**
 * shop/redact: everything stored from the shop goes — events (but this one), the effect
 * ledger, the sync's ledger and logs, the metric points under both of its conventions
 * (per-event points under `shopify` with its `shop` dimension, the synced daily series under
 * `shopify:<shop>`) with the rollups recomputed from what remains, and every credential
 * except the webhook secret that verifies a redelivery of this very request.
 */
export async function redactShop(tx: Tx, tenantId: string, sourceId: string, shop: string, keepEventId: string, webhookOnly: Sealed | null) {
  // The source row first, then the metrics lock: the order a sync page takes them in.
  await tx.execute(sql`select id from data_sources where id = ${sourceId}::uuid for update`);
  await lockTenantMetrics(tx, tenantId);
  const events = await executeRows<{ id: string }>(tx, sql`delete from webhook_events where source_id = ${sourceId}::uuid and id <> ${keepEventId}::uuid returning id`);
  await tx.execute(sql`delete from connector_effects where source_id = ${sourceId}::uuid`);
  const records = await executeRows<{ n: number }>(
    tx,
    sql`with gone as (delete from connector_sync_records where source_id = ${sourceId}::uuid returning 1) select count(*)::int as n from gone`,
  );
  await tx.execute(sql`delete from connector_sync_logs where source_id = ${sourceId}::uuid`);
  // Finished sync pages hold the shop's orders; a page still queued or running stays for its worker.
  await tx.execute(sql`delete from jobs where kind = ${SHOPIFY_PAGE_JOB} and payload ->> 'sourceId' = ${sourceId} and status in ('succeeded', 'failed')`);
  const metricPoints = await erasePoints(
    tx,
    tenantId,
    sql`(m.source = 'shopify' and m.dimensions ->> 'shop' = ${shop}) or m.source = ${shopifyPointSource(shop)}`,
  );
  await tx.execute(sql`update data_sources set status = 'needs_reauth', sync_cursor = null, last_sync_at = null,
      last_error = 'Shop data erased at the shop''s request (shop/redact).',
      credentials_ciphertext = ${webhookOnly?.ciphertext ?? null}, credentials_key_id = ${webhookOnly?.keyId ?? null}, updated_at = now()
    where id = ${sourceId}::uuid`);
  return { shopRedact: { events: events.length, syncRecords: Number(records[0]?.n ?? 0), metricPoints } };
}

/** app/uninstalled: the token no longer works; the owner must reinstall to resume. */
export async function markUninstalled(tx: Tx, sourceId: string) {
  await tx.execute(sql`update data_sources set status = 'needs_reauth', last_error = 'The app was uninstalled from the shop.', updated_at = now()
    where id = ${sourceId}::uuid`);
  return { sourceStatus: 'needs_reauth' };
}
