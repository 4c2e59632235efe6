import { dimensionValue, moneyDimensions, type EffectPlan, type MetricDelta } from './effects';

export const shopifyTopics = [
  'orders/create',
  'orders/paid',
  'orders/cancelled',
  'refunds/create',
  'products/update',
  'app/uninstalled',
  'customers/data_request',
  'customers/redact',
  'shop/redact',
] as const;

/** What a Shopify delivery asks for: metric effects, or an act on the source's stored data. */
export type ShopifyAction =
  | { kind: 'metrics'; plan: EffectPlan }
  | { kind: 'uninstalled' }
  | { kind: 'data_request'; customer: CustomerRef }
  | { kind: 'customer_redact'; customer: CustomerRef }
  | { kind: 'shop_redact' };

export interface CustomerRef {
  id?: string;
  email?: string;
  phone?: string;
  orderIds: string[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const idText = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : undefined);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Shopify money is a decimal string in the shop's currency. */
function money(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

function time(v: unknown): string | undefined {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Financial states in which the order's money was taken (refunds are counted separately). */
const PAID = new Set(['paid', 'partially_paid', 'partially_refunded', 'refunded']);

/**
 * The key that identifies a delivery's subject independent of its webhook id: shop + topic +
 * resource. A product changes many times, so its key includes the update time.
 */
export function shopifySemanticKey(shop: string, topic: string, payload: Json): string | null {
  const resource =
    topic === 'products/update'
      ? idText(payload.id) && `${idText(payload.id)}@${str(payload.updated_at) ?? ''}`
      : topic === 'customers/redact' || topic === 'customers/data_request'
        ? idText(obj(payload.data_request)?.id) ?? idText(obj(payload.customer)?.id)
        : topic === 'shop/redact' || topic === 'app/uninstalled'
          ? idText(payload.shop_id) ?? idText(payload.id)
          : idText(payload.id);
  return resource ? `${shop}:${topic}:${resource}` : null;
}

function orderDeltas(order: Json, shop: string): { count: MetricDelta[]; reverse: MetricDelta[]; customerId?: string; firstOrder: boolean } | string {
  const at = time(order.created_at);
  if (!at) return 'created_at: expected an ISO 8601 date-time';
  const total = money(order.total_price);
  if (total === undefined) return 'total_price: expected a decimal amount';
  const channel = dimensionValue(order.source_name, 'web');
  const dims = { channel, shop };
  const customer = obj(order.customer);
  return {
    count: [
      { metric: 'revenue', time: at, value: total, unit: 'USD', dimensions: moneyDimensions(str(order.currency), dims) },
      { metric: 'orders', time: at, value: 1, unit: 'count', dimensions: dims },
    ],
    reverse: [{ metric: 'orders', time: at, value: -1, unit: 'count', dimensions: dims }],
    customerId: idText(customer?.id),
    firstOrder: customer?.orders_count === 1,
  };
}

function customerRef(payload: Json, ordersField: string): CustomerRef {
  const c = obj(payload.customer);
  const orders = Array.isArray(payload[ordersField]) ? (payload[ordersField] as unknown[]) : [];
  return { id: idText(c?.id), email: str(c?.email), phone: str(c?.phone), orderIds: orders.map(idText).filter((x): x is string => !!x) };
}

/** What a delivery does, or a message naming the field that makes it malformed. */
export function planShopifyTopic(topic: string, payload: Json, shop: string): ShopifyAction | string {
  switch (topic) {
    case 'orders/create':
    case 'orders/paid': {
      if (!idText(payload.id)) return 'id: expected the order id';
      const d = orderDeltas(payload, shop);
      if (typeof d === 'string') return d;
      const status = str(payload.financial_status) ?? '';
      if (topic === 'orders/create' && !PAID.has(status)) return { kind: 'metrics', plan: { intents: [], note: `order is ${status || 'unpaid'}; counted when paid` } };
      const intents: EffectPlan['intents'] = [{ kind: 'once', key: `order:${payload.id}`, deltas: d.count }];
      if (d.firstOrder && d.customerId) {
        intents.push({ kind: 'once', key: `customer:${d.customerId}`, deltas: [{ metric: 'new_customers', time: d.count[0]!.time, value: 1, unit: 'count', dimensions: { channel: d.count[1]!.dimensions.channel!, shop } }] });
      }
      return { kind: 'metrics', plan: { intents } };
    }
    case 'orders/cancelled': {
      if (!idText(payload.id)) return 'id: expected the order id';
      const d = orderDeltas(payload, shop);
      if (typeof d === 'string') return d;
      const paid = PAID.has(str(payload.financial_status) ?? '');
      return { kind: 'metrics', plan: { intents: [{ kind: 'withdraw', key: `order:${payload.id}`, count: paid ? d.count : [], reverse: d.reverse }] } };
    }
    case 'refunds/create': {
      if (!idText(payload.id)) return 'id: expected the refund id';
      const at = time(payload.created_at) ?? time(payload.processed_at);
      if (!at) return 'created_at: expected an ISO 8601 date-time';
      const transactions = Array.isArray(payload.transactions) ? (payload.transactions as unknown[]).map(obj).filter((t): t is Json => !!t) : [];
      const taken = transactions.filter((t) => t.kind === 'refund' && (t.status === 'success' || t.status === undefined));
      const amount = taken.reduce((sum, t) => sum + (money(t.amount) ?? 0), 0);
      if (amount <= 0) return { kind: 'metrics', plan: { intents: [], note: 'refund without a successful refund transaction (e.g. restock only)' } };
      const dims = moneyDimensions(str(taken[0]!.currency), { shop });
      return { kind: 'metrics', plan: { intents: [{ kind: 'once', key: `refund:${payload.id}`, deltas: [{ metric: 'refunds', time: at, value: amount, unit: 'USD', dimensions: dims }] }] } };
    }
    case 'products/update':
      return { kind: 'metrics', plan: { intents: [], note: 'product updates are stored for reference' } };
    case 'app/uninstalled':
      return { kind: 'uninstalled' };
    case 'customers/data_request':
      return { kind: 'data_request', customer: customerRef(payload, 'orders_requested') };
    case 'customers/redact':
      return { kind: 'customer_redact', customer: customerRef(payload, 'orders_to_redact') };
    case 'shop/redact':
      return { kind: 'shop_redact' };
    default:
      return { kind: 'metrics', plan: { intents: [], note: `${topic} is stored, not applied` } };
  }
}
