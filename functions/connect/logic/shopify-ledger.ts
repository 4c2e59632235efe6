import { ledgerEntries, refundEntry, type LedgerEntry, type ShopifyOrder, type ShopifyRefund } from '@dyocense/connectors';

/**
 * For a synced shop, order and refund webhooks carry facts for the sync's ledger rather
 * than deltas: the order (in the state the webhook reports) and its refunds, or one refund.
 * The mapping is the sync's own (ledgerEntries), so a webhook and a sync that see the same
 * order produce the same rows.
 */
export const ledgerTopics = new Set(['orders/create', 'orders/paid', 'orders/cancelled', 'refunds/create']);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const when = (v: unknown): string | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined);

/** Shopify ids are JSON numbers; a numeric string is taken too. */
function numericId(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,20}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function refundOf(r: Json): ShopifyRefund | string {
  const id = numericId(r.id);
  if (id === undefined) return 'id: expected the refund id';
  const created = when(r.created_at) ?? when(r.processed_at);
  if (!created) return 'created_at: expected an ISO 8601 date-time';
  const transactions = (Array.isArray(r.transactions) ? r.transactions : []).map(obj).filter((t): t is Json => !!t);
  return {
    id,
    created_at: created,
    transactions: transactions.map((t) => ({ amount: String(t.amount ?? '0'), kind: text(t.kind) ?? '', status: text(t.status) ?? '' })),
  };
}

function orderOf(p: Json): ShopifyOrder | string {
  const id = numericId(p.id);
  if (id === undefined) return 'id: expected the order id';
  const created = when(p.created_at);
  if (!created) return 'created_at: expected an ISO 8601 date-time';
  if (typeof p.total_price !== 'string' && typeof p.total_price !== 'number') return 'total_price: expected a decimal amount';
  const refunds: ShopifyRefund[] = [];
  for (const r of Array.isArray(p.refunds) ? p.refunds : []) {
    const refund = obj(r) && refundOf(obj(r)!);
    if (typeof refund === 'string') return `refunds.${refund}`;
    if (refund) refunds.push(refund);
  }
  const customerId = numericId(obj(p.customer)?.id);
  return {
    id,
    created_at: created,
    // Without it (never in Shopify's payloads) the state carries no time and simply replaces.
    updated_at: when(p.updated_at) ?? '',
    cancelled_at: text(p.cancelled_at) ?? null,
    test: p.test === true,
    total_price: String(p.total_price),
    customer: customerId === undefined ? null : { id: customerId },
    refunds,
  };
}

/** The ledger rows a delivery carries; null for topics that carry none; a message when malformed. */
export function webhookLedgerEntries(topic: string, payload: Json): LedgerEntry[] | string | null {
  if (!ledgerTopics.has(topic)) return null;
  if (topic === 'refunds/create') {
    const refund = refundOf(payload);
    if (typeof refund === 'string') return refund;
    const entry = refundEntry(refund);
    return entry ? [entry] : [];
  }
  const order = orderOf(payload);
  return typeof order === 'string' ? order : ledgerEntries([order]);
}
