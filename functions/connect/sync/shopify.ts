import { fetchOrdersPage, latestUpdate, ProviderError, SHOPIFY_CURSOR_KEY, SHOPIFY_PAGE_JOB, shopifyPointSource, type ShopifyOrder } from '@dyocense/connectors';
import type { ShopifyApp } from '../oauth/apps';
import { applyPage } from './pages';
import { readCursor, resetCursor } from './store';
import type { SyncContext } from './runner';

/**
 * Where the order sync stands. `updatedAtMin` is the high-water mark of the last complete
 * run (null before the first: a backfill of every order); `run` is a run in progress, so a
 * sync that stopped half-way resumes at the page after the last one committed.
 */
export interface ShopifyCursor {
  updatedAtMin: string | null;
  run: { pageInfo: string | null; from: string | null; newest: string | null; startedAt: string } | null;
}

/** Changes Shopify stamped shortly before a run started may land late; the next run re-reads them. */
const CLOCK_MARGIN_MS = 5 * 60_000;

const laterOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b);

/** What the ledger needs of an order: the customer's id, never their name or e-mail. */
const minimal = (o: ShopifyOrder): ShopifyOrder => ({
  id: o.id,
  created_at: o.created_at,
  updated_at: o.updated_at,
  cancelled_at: o.cancelled_at ?? null,
  test: o.test ?? false,
  total_price: o.total_price,
  customer: o.customer?.id != null ? { id: o.customer.id } : null,
  refunds: (o.refunds ?? []).map((r) => ({ id: r.id, created_at: r.created_at, transactions: (r.transactions ?? []).map((t) => ({ amount: t.amount, kind: t.kind, status: t.status })) })),
});

export async function syncShopifyOrders(ctx: SyncContext, app: ShopifyApp, accessToken: string): Promise<void> {
  const { runtime, source, log } = ctx;
  const shop = source.externalAccountId!;
  let cursor = await readCursor<ShopifyCursor>(runtime.db, source.tenantId, source.id, SHOPIFY_CURSOR_KEY);
  const client = { apiBase: app.origin, apiVersion: app.apiVersion, shop, accessToken, policy: ctx.retryPolicy };

  for (let page = 1; ; page++) {
    const base: ShopifyCursor = cursor ?? { updatedAtMin: null, run: null };
    const run = base.run ?? { pageInfo: null, from: base.updatedAtMin, newest: null, startedAt: new Date().toISOString() };
    let fetched;
    try {
      fetched = await fetchOrdersPage(client, run.pageInfo ? { pageInfo: run.pageInfo } : { updatedAtMin: run.from });
    } catch (err) {
      // A page cursor Shopify no longer accepts: read the run again from its start (the ledger
      // makes re-reading harmless).
      if (err instanceof ProviderError && err.status === 400 && run.pageInfo) {
        cursor = { ...base, run: { ...run, pageInfo: null } };
        await resetCursor(runtime.db, source.tenantId, source.id, SHOPIFY_CURSOR_KEY, cursor);
        continue;
      }
      throw err;
    }
    const newest = laterOf(run.newest, latestUpdate(fetched.orders));
    const highWater = newest === null ? base.updatedAtMin : new Date(Math.min(Date.parse(newest), Date.parse(run.startedAt) - CLOCK_MARGIN_MS)).toISOString();
    const after: ShopifyCursor = fetched.nextPageInfo
      ? { updatedAtMin: base.updatedAtMin, run: { ...run, pageInfo: fetched.nextPageInfo, newest } }
      : { updatedAtMin: laterOf(highWater, base.updatedAtMin), run: null };
    await applyPage(runtime, source.tenantId, SHOPIFY_PAGE_JOB, `${log.id}:${page}`, {
      sourceId: source.id,
      syncLogId: log.id,
      pointSource: shopifyPointSource(shop),
      cursorBefore: cursor,
      cursorAfter: after,
      orders: fetched.orders.map(minimal),
    });
    cursor = after;
    if (!fetched.nextPageInfo) return;
  }
}
