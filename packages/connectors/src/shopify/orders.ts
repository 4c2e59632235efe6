import { defaultRetryPolicy, jsonOrThrow, requestWithRetry, type RetryPolicy } from '../http';
import { shopBaseUrl } from './shop';

/** The order fields the sync reads (REST Admin API, orders.json). */
export interface ShopifyOrder {
  id: number;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  test?: boolean;
  total_price: string;
  currency?: string;
  customer?: { id: number } | null;
  refunds?: Array<{
    id: number;
    created_at: string;
    transactions?: Array<{ amount: string; kind: string; status: string }>;
  }>;
}

const ORDER_FIELDS = 'id,created_at,updated_at,cancelled_at,test,total_price,currency,customer,refunds';

/** Where a page starts: a first page by filter, or the `page_info` from a previous page's Link. */
export type OrdersPageCursor = { pageInfo: string } | { updatedAtMin: string | null };

export interface OrdersPage {
  orders: ShopifyOrder[];
  /** The `page_info` of the next page, or null on the last page. */
  nextPageInfo: string | null;
  /** Waits spent on 429s, 5xx and a nearly full call bucket. */
  throttledMs: number;
}

/** The `page_info` of a Link header's rel="next" URL (RFC 8288 as Shopify writes it). */
export function nextPageInfo(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (m) return new URL(m[1]!).searchParams.get('page_info');
  }
  return null;
}

/**
 * How long to pause before the next call, from `X-Shopify-Shop-Api-Call-Limit: used/size`.
 * The bucket leaks `leakPerSecond` calls a second; we keep `reserve` calls free for the
 * shop's other apps rather than running it into 429s.
 */
export function callLimitPauseMs(header: string | null, leakPerSecond = 2, reserve = 4): number {
  const m = /^(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  if (!m) return 0;
  const used = Number(m[1]);
  const size = Number(m[2]);
  const free = size - used;
  return free >= reserve ? 0 : Math.ceil(((reserve - free) / leakPerSecond) * 1000);
}

export interface OrdersClientOptions {
  apiBase: string;
  shop: string;
  accessToken: string;
  /** Admin API version, e.g. 2025-01. */
  apiVersion: string;
  pageSize?: number;
  policy?: RetryPolicy;
}

/**
 * One page of orders of any status (open, closed, cancelled).
 * A first page filters by `updated_at_min`; later pages pass only `page_info` (Shopify
 * refuses other filters beside it).
 */
export async function fetchOrdersPage(options: OrdersClientOptions, cursor: OrdersPageCursor): Promise<OrdersPage> {
  const policy = options.policy ?? defaultRetryPolicy;
  const url = new URL(`${shopBaseUrl(options.apiBase, options.shop)}/admin/api/${options.apiVersion}/orders.json`);
  url.searchParams.set('limit', String(options.pageSize ?? 250));
  url.searchParams.set('fields', ORDER_FIELDS);
  if ('pageInfo' in cursor) {
    url.searchParams.set('page_info', cursor.pageInfo);
  } else {
    url.searchParams.set('status', 'any');
    if (cursor.updatedAtMin) url.searchParams.set('updated_at_min', cursor.updatedAtMin);
  }
  let throttledMs = 0;
  const res = await requestWithRetry(
    url.href,
    { headers: { 'X-Shopify-Access-Token': options.accessToken, accept: 'application/json' } },
    policy,
    { onRetry: ({ waitMs }) => (throttledMs += waitMs) },
  );
  const body = await jsonOrThrow<{ orders?: ShopifyOrder[] }>(res, 'Shopify orders');
  const pause = callLimitPauseMs(res.headers.get('x-shopify-shop-api-call-limit'));
  if (pause > 0) {
    throttledMs += pause;
    await policy.sleep(pause);
  }
  return { orders: body.orders ?? [], nextPageInfo: nextPageInfo(res.headers.get('link')), throttledMs };
}
