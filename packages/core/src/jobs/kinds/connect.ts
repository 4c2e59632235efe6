import { z } from 'zod';
import {
  ledgerEntries,
  profitAndLossDaily,
  QUICKBOOKS_CURSOR_KEY,
  QUICKBOOKS_PAGE_JOB,
  SHOPIFY_CURSOR_KEY,
  SHOPIFY_PAGE_JOB,
  type DailyValue,
  type LedgerEntry,
  type QuickbooksReport,
  type ShopifyOrder,
} from '@dyocense/connectors';
import { defineJobKind } from '../registry';
import { advanceCursor, applyShopifyLedger, countRecords, lockTenantMetrics, retireWebhookDeltas, writeDaily } from './connect-apply';

/**
 * OAuth connector sync pages. The sync runner (functions/connect/sync) reads a page from the
 * provider — network I/O with the source's decrypted token, kept out of the jobs table — and
 * hands the page's data to one of these jobs: `compute` maps it (pure), `apply` writes the
 * metrics and moves the source's cursor past the page in the job's completing transaction.
 */

const cursorValue = z.record(z.string(), z.unknown()).nullable();

const pageBase = {
  sourceId: z.uuid(),
  syncLogId: z.uuid(),
  /** The metric points' source, e.g. `shopify:acme.myshopify.com`. */
  pointSource: z.string().min(1).max(200),
  /** The cursor the page was read from, and the one to store once it is applied. */
  cursorBefore: cursorValue,
  cursorAfter: z.record(z.string(), z.unknown()),
};

const shopifyOrder = z.object({
  id: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullable().optional().default(null),
  test: z.boolean().optional(),
  total_price: z.string(),
  currency: z.string().optional(),
  customer: z.object({ id: z.number().int() }).nullable().optional(),
  refunds: z
    .array(z.object({ id: z.number().int(), created_at: z.string(), transactions: z.array(z.object({ amount: z.string(), kind: z.string(), status: z.string() })).optional() }))
    .optional(),
});

/** What apply needs besides the mapped data: apply sees only compute's result. */
interface PageTarget {
  sourceId: string;
  syncLogId: string;
  pointSource: string;
  cursorBefore: Record<string, unknown> | null;
  cursorAfter: Record<string, unknown>;
}

const targetOf = (p: PageTarget): PageTarget => ({
  sourceId: p.sourceId,
  syncLogId: p.syncLogId,
  pointSource: p.pointSource,
  cursorBefore: p.cursorBefore,
  cursorAfter: p.cursorAfter,
});

/** A page of Shopify orders → ledger rows → the touched days' revenue, orders, refunds, new customers. */
export const shopifyOrdersPageJob = defineJobKind({
  kind: SHOPIFY_PAGE_JOB,
  payload: z.object({ ...pageBase, orders: z.array(shopifyOrder).max(250) }),
  compute: (page): PageTarget & { entries: LedgerEntry[]; ordersIn: number } => ({
    ...targetOf(page),
    entries: ledgerEntries(page.orders as ShopifyOrder[]),
    ordersIn: page.orders.length,
  }),
  async apply(tx, r, ctx) {
    await advanceCursor(tx, r.sourceId, SHOPIFY_CURSOR_KEY, r.cursorBefore, r.cursorAfter);
    // The first page of a source's first backfill (no cursor yet) takes over from per-event webhook points.
    if (r.cursorBefore === null) {
      await lockTenantMetrics(tx, ctx.tenantId);
      await retireWebhookDeltas(tx, ctx.tenantId, r.sourceId);
    }
    const { written } = await applyShopifyLedger(tx, ctx.tenantId, r.sourceId, r.pointSource, r.entries);
    await countRecords(tx, r.syncLogId, r.ordersIn, written);
  },
});

/** A ProfitAndLoss report by day → revenue, cost of goods and expenses per day. */
export const quickbooksReportPageJob = defineJobKind({
  kind: QUICKBOOKS_PAGE_JOB,
  payload: z.object({ ...pageBase, report: z.record(z.string(), z.unknown()) }),
  compute: (page): PageTarget & { values: DailyValue[] } => ({
    ...targetOf(page),
    values: profitAndLossDaily(page.report as QuickbooksReport),
  }),
  async apply(tx, r, ctx) {
    await advanceCursor(tx, r.sourceId, QUICKBOOKS_CURSOR_KEY, r.cursorBefore, r.cursorAfter);
    await lockTenantMetrics(tx, ctx.tenantId);
    const written = await writeDaily(tx, ctx.tenantId, r.pointSource, r.values);
    await countRecords(tx, r.syncLogId, new Set(r.values.map((v) => v.day)).size, written);
  },
});

export const connectJobs = [shopifyOrdersPageJob, quickbooksReportPageJob];
