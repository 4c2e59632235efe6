import { sql } from 'drizzle-orm';
import { dayTime, shopifyPointSource, type LedgerEntry } from '@dyocense/connectors';
import type { Database, Tx } from '@dyocense/core';
import { applyShopifyLedger } from '@dyocense/core/jobs/kinds';

/**
 * The monthly partitions of the entries' days, in a short transaction of their own before
 * the event's (creating a partition inside it would hold a lock on every metric read until
 * the webhook commits).
 */
export async function prepareLedgerPartitions(db: Database, entries: LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const days = entries.map((e) => e.day).sort();
  await db.query(sql`select metrics_ensure_partitions(${dayTime(days[0]!)}::timestamptz, ${dayTime(days[days.length - 1]!)}::timestamptz)`);
}

/**
 * A synced shop's order or refund webhook: its facts go into the sync's ledger and the days
 * they touch are recomputed, exactly as a sync page does, into the sync's series.
 */
export async function applyToLedger(tx: Tx, tenantId: string, sourceId: string, shop: string, entries: LedgerEntry[]) {
  if (entries.length === 0) return { ledger: { records: 0, days: [], points: 0, note: 'no successful refund transaction (e.g. restock only)' } };
  const { days, written } = await applyShopifyLedger(tx, tenantId, sourceId, shopifyPointSource(shop), entries);
  return { ledger: { records: entries.length, days, points: written } };
}
