import type { ShopifyOrder } from './orders';

/**
 * What the sync keeps per order and per refund, so each day's totals can be recomputed
 * from the facts whenever an order changes (a refund, a cancellation) or arrives twice.
 */
export interface LedgerEntry {
  kind: 'order' | 'refund';
  externalId: string;
  /** The shop's local calendar day, from the timestamp's own offset. */
  day: string;
  occurredAt: string;
  amount: number;
  /** Orders only: who placed it (guest checkouts have none). */
  customerId: string | null;
  /** Orders only: false for cancelled and test orders, which count toward nothing. */
  counts: boolean;
  /**
   * Orders: Shopify's `updated_at` of the state this entry was read from, so an older state
   * (a late webhook) never overwrites a newer one. Null for refunds, which do not change.
   */
  updatedAt: string | null;
}

/** `2024-03-05T22:10:00-05:00` → `2024-03-05`: the day as the shop saw it. */
export const localDay = (timestamp: string) => timestamp.slice(0, 10);

const money = (s: string | undefined) => {
  const n = Number(s);
  return Number.isFinite(n) ? n : 0;
};

export type ShopifyRefund = NonNullable<ShopifyOrder['refunds']>[number];

const refundAmount = (refund: ShopifyRefund) =>
  (refund.transactions ?? [])
    .filter((t) => t.kind === 'refund' && t.status === 'success')
    .reduce((sum, t) => sum + money(t.amount), 0);

const isoOrNull = (timestamp: string | undefined) => {
  const t = timestamp ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

/** One refund → its ledger row on the refund's own day, or null when no money went back (a restock). */
export function refundEntry(refund: ShopifyRefund): LedgerEntry | null {
  const amount = refundAmount(refund);
  if (amount === 0) return null;
  return {
    kind: 'refund',
    externalId: String(refund.id),
    day: localDay(refund.created_at),
    occurredAt: new Date(refund.created_at).toISOString(),
    amount,
    customerId: null,
    counts: true,
    updatedAt: null,
  };
}

/** One page of orders → ledger rows: one per order, one per refund (on the refund's own day). */
export function ledgerEntries(orders: ShopifyOrder[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const o of orders) {
    const counts = !o.cancelled_at && !o.test;
    out.push({
      kind: 'order',
      externalId: String(o.id),
      day: localDay(o.created_at),
      occurredAt: new Date(o.created_at).toISOString(),
      amount: money(o.total_price),
      customerId: o.customer?.id != null ? String(o.customer.id) : null,
      counts,
      updatedAt: isoOrNull(o.updated_at),
    });
    if (o.test) continue;
    for (const r of o.refunds ?? []) {
      const entry = refundEntry(r);
      if (entry) out.push(entry);
    }
  }
  return out;
}

/** The newest `updated_at` on a page: the next incremental sync starts from it. */
export function latestUpdate(orders: ShopifyOrder[]): string | null {
  let max: number | null = null;
  let text: string | null = null;
  for (const o of orders) {
    const t = Date.parse(o.updated_at);
    if (!Number.isNaN(t) && (max === null || t > max)) {
      max = t;
      text = new Date(t).toISOString();
    }
  }
  return text;
}
