// A local Shopify speaking the documented wire formats the order sync relies on: the
// per-shop OAuth install (authorize redirect with an HMAC-signed query, code → offline token),
// and the REST Admin API's orders.json with cursor pagination (Link header, page_info),
// status/updated_at_min filters, the X-Shopify-Shop-Api-Call-Limit leaky bucket, and faults a
// test can inject (429 with Retry-After, 5xx). Every shop lives under /{shop}/...
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';

export interface FakeOrder {
  id: number;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  test: boolean;
  total_price: string;
  currency: string;
  financial_status: string;
  customer: { id: number; email: string } | null;
  refunds: Array<{ id: number; created_at: string; transactions: Array<{ amount: string; kind: string; status: string }> }>;
}

export interface Fault {
  status: number;
  /** Sent as Retry-After (seconds) with a 429. */
  retryAfter?: string;
}

interface Shop {
  orders: FakeOrder[];
  tokens: Set<string>;
  bucket: { used: number; at: number };
}

const BUCKET_SIZE = 40;
const LEAK_PER_SECOND = 2;

/** Shopify's callback signature, computed here independently of the code under test. */
export function signShopifyQuery(params: Record<string, string>, secret: string): Record<string, string> {
  const message = Object.keys(params)
    .filter((k) => k !== 'hmac' && k !== 'signature')
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`)
    .join('&');
  return { ...params, hmac: createHmac('sha256', secret).update(message).digest('hex') };
}

export async function startFakeShopify(app: { apiKey: string; apiSecret: string }) {
  const shops = new Map<string, Shop>();
  const codes = new Map<string, { shop: string; scope: string }>();
  const faults: Array<Fault & { onRequest: number }> = [];
  let forcedCallLimit: number | null = null;
  /** Every orders.json request, in order: the query it carried and how it was answered. */
  const ordersRequests: Array<{ shop: string; query: Record<string, string>; status: number }> = [];
  let nextId = 1000;
  const hono = new Hono();

  const shopOf = (name: string) => {
    let s = shops.get(name);
    if (!s) shops.set(name, (s = { orders: [], tokens: new Set(), bucket: { used: 0, at: Date.now() } }));
    return s;
  };

  hono.get('/:shop/admin/oauth/authorize', (c) => {
    const q = c.req.query();
    if (q.client_id !== app.apiKey) return c.text('Oauth error invalid_request: The client_id is invalid', 400);
    if (!q.redirect_uri || !q.state) return c.text('Oauth error invalid_request: redirect_uri and state are required', 400);
    const shop = c.req.param('shop');
    const code = randomBytes(16).toString('hex');
    codes.set(code, { shop, scope: q.scope ?? '' });
    const params = signShopifyQuery(
      { code, host: Buffer.from(`${shop}/admin`).toString('base64url'), shop, state: q.state, timestamp: String(Math.floor(Date.now() / 1000)) },
      app.apiSecret,
    );
    const back = new URL(q.redirect_uri);
    for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
    return c.redirect(back.href, 302);
  });

  hono.post('/:shop/admin/oauth/access_token', async (c) => {
    const type = c.req.header('content-type') ?? '';
    const body = (type.includes('json') ? await c.req.json() : await c.req.parseBody()) as Record<string, string>;
    const grant = codes.get(String(body.code));
    codes.delete(String(body.code));
    if (body.client_id !== app.apiKey || body.client_secret !== app.apiSecret) return c.json({ error: 'invalid_client' }, 400);
    if (!grant || grant.shop !== c.req.param('shop')) return c.json({ error: 'invalid_request', error_description: 'The authorization code was not found or was already used' }, 400);
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    shopOf(grant.shop).tokens.add(token);
    return c.json({ access_token: token, scope: grant.scope });
  });

  /** The leaky bucket: +1 per call, draining two a second. */
  const callLimit = (shop: Shop) => {
    const now = Date.now();
    shop.bucket.used = Math.max(0, shop.bucket.used - ((now - shop.bucket.at) / 1000) * LEAK_PER_SECOND);
    shop.bucket.at = now;
    shop.bucket.used = Math.min(BUCKET_SIZE, shop.bucket.used + 1);
    return `${forcedCallLimit ?? Math.ceil(shop.bucket.used)}/${BUCKET_SIZE}`;
  };

  const encodeCursor = (cursor: { filter: Record<string, string>; beforeId: number; limit: number }) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
  const decodeCursor = (text: string) => {
    try {
      return JSON.parse(Buffer.from(text, 'base64url').toString()) as { filter: Record<string, string>; beforeId: number; limit: number };
    } catch {
      return null;
    }
  };

  hono.get('/:shop/admin/api/:version/orders.json', (c: Context) => {
    const shopName = c.req.param('shop')!;
    const query = c.req.query();
    const record = (status: number) => ordersRequests.push({ shop: shopName, query, status });
    const shop = shopOf(shopName);
    const fault = faults.findIndex((f) => f.onRequest === ordersRequests.length + 1);
    if (fault >= 0) {
      const f = faults.splice(fault, 1)[0]!;
      record(f.status);
      if (f.status === 429) return c.json({ errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, 429, { 'Retry-After': f.retryAfter ?? '2.0' });
      return c.json({ errors: 'Internal Server Error' }, f.status as 500);
    }
    if (!/^\d{4}-\d{2}$/.test(c.req.param('version')!)) return (record(404), c.json({ errors: 'Not Found' }, 404));
    if (!shop.tokens.has(c.req.header('x-shopify-access-token') ?? '')) {
      record(401);
      return c.json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, 401);
    }

    let filter: Record<string, string>;
    let beforeId = Number.POSITIVE_INFINITY;
    let limit = Math.min(250, Number(query.limit ?? 50));
    if (query.page_info) {
      const extra = Object.keys(query).filter((k) => !['page_info', 'limit', 'fields'].includes(k));
      if (extra.length) return (record(400), c.json({ errors: { page_info: [`${extra[0]} cannot be passed when page_info is present`] } }, 400));
      const cursor = decodeCursor(query.page_info);
      if (!cursor) return (record(400), c.json({ errors: { page_info: ['Invalid value.'] } }, 400));
      filter = cursor.filter;
      beforeId = cursor.beforeId;
      limit = Math.min(250, Number(query.limit ?? cursor.limit));
    } else {
      filter = { status: query.status ?? 'open', ...(query.updated_at_min ? { updated_at_min: query.updated_at_min } : {}) };
    }

    // Shopify's default sort: newest id first.
    const matching = shop.orders
      .filter((o) => (filter.status === 'any' ? true : filter.status === 'cancelled' ? !!o.cancelled_at : !o.cancelled_at))
      .filter((o) => !filter.updated_at_min || Date.parse(o.updated_at) >= Date.parse(filter.updated_at_min))
      .sort((a, b) => b.id - a.id);
    const page = matching.filter((o) => o.id < beforeId).slice(0, limit);
    const more = page.length > 0 && matching.some((o) => o.id < page[page.length - 1]!.id);
    const fields = query.fields?.split(',').map((f) => f.trim());
    const shaped = page.map((o) => (fields ? Object.fromEntries(fields.filter((f) => f in o).map((f) => [f, o[f as keyof FakeOrder]])) : o));

    const links: string[] = [];
    const self = new URL(c.req.url);
    const linkTo = (info: string) => {
      const u = new URL(`${self.origin}${self.pathname}`);
      u.searchParams.set('limit', String(limit));
      if (query.fields) u.searchParams.set('fields', query.fields);
      u.searchParams.set('page_info', info);
      return u.href;
    };
    if (query.page_info) links.push(`<${linkTo(encodeCursor({ filter, beforeId: Number.MAX_SAFE_INTEGER, limit }))}>; rel="previous"`);
    if (more) links.push(`<${linkTo(encodeCursor({ filter, beforeId: page[page.length - 1]!.id, limit }))}>; rel="next"`);
    record(200);
    const headers: Record<string, string> = { 'X-Shopify-Shop-Api-Call-Limit': callLimit(shop), 'X-Request-Id': randomUUID() };
    if (links.length) headers.Link = links.join(', ');
    return c.json({ orders: shaped }, 200, headers);
  });

  const server = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    /** The SHOPIFY_ADMIN_ORIGIN template pointing here. */
    origin: `${url}/{shop}`,
    ordersRequests,
    orders: (shop: string) => shopOf(shop).orders,
    /** Adds an order (ids increase, as Shopify's do) and returns it. */
    addOrder(shop: string, o: Partial<FakeOrder> & { created_at: string; total_price: string }): FakeOrder {
      const order: FakeOrder = {
        id: ++nextId,
        updated_at: o.created_at,
        cancelled_at: null,
        test: false,
        currency: 'USD',
        financial_status: 'paid',
        customer: null,
        refunds: [],
        ...o,
      };
      shopOf(shop).orders.push(order);
      return order;
    },
    /** Answers the n-th orders.json request (counting from 1, over the server's life) with a fault. */
    failRequest(onRequest: number, fault: Fault) {
      faults.push({ ...fault, onRequest });
    },
    /** Reports this many calls used in every X-Shopify-Shop-Api-Call-Limit (null: the real bucket). */
    forceCallLimit(used: number | null) {
      forcedCallLimit = used;
    },
    hasToken: (shop: string, token: string) => shopOf(shop).tokens.has(token),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type FakeShopify = Awaited<ReturnType<typeof startFakeShopify>>;
