import {
  defaultRetryPolicy,
  ProviderError,
  QUICKBOOKS_CURSOR_KEY,
  SHOPIFY_CURSOR_KEY,
  TokenRevokedError,
  type QuickbooksTokens,
  type RetryPolicy,
} from '@dyocense/connectors';
import type { Runtime } from '@dyocense/core';
import { quickbooksApp, shopifyApp } from '../oauth/apps';
import { syncQuickbooksReports, type QuickbooksCursor } from './quickbooks';
import { syncShopifyOrders, type ShopifyCursor } from './shopify';
import { finishSync, loadSource, openSyncLog, readCredentials, type SourceRow, type SyncLogRow } from './store';

export interface SyncContext {
  runtime: Runtime;
  source: SourceRow;
  log: SyncLogRow;
  retryPolicy: RetryPolicy;
}

export const syncableTypes = new Set(['shopify', 'quickbooks']);

export type StartResult =
  | { started: SyncLogRow; done: Promise<void> }
  | { running: SyncLogRow }
  | { refused: 'not-found' | 'not-syncable' | 'paused' | 'needs-reauth' };

/** A message for the log and the source: the provider's answer, never a token or header. */
function describe(err: unknown): { error: string; needsReauth: boolean } {
  if (err instanceof TokenRevokedError) return { error: 'QuickBooks access was revoked or has expired; reconnect the source.', needsReauth: true };
  if (err instanceof ProviderError && err.unauthorized) return { error: `The provider refused the stored credentials (${err.status}); reconnect the source.`, needsReauth: true };
  return { error: (err instanceof Error ? err.message : String(err)).slice(0, 1000), needsReauth: false };
}

/**
 * Starts a sync of one source: backfill the first time, then incremental from its cursor.
 * Pages are read here (network I/O with the decrypted token) and applied through the job
 * dispatcher; the returned promise settles when the run has finished and its log is closed.
 */
export async function startSync(runtime: Runtime, tenantId: string, sourceId: string): Promise<StartResult> {
  const source = await loadSource(runtime.db, tenantId, sourceId);
  if (!source) return { refused: 'not-found' };
  if (!syncableTypes.has(source.type)) return { refused: 'not-syncable' };
  if (source.status === 'paused') return { refused: 'paused' };
  if (source.status === 'needs_reauth') return { refused: 'needs-reauth' };
  const kind = hasCompletedRun(source) ? 'incremental' : 'backfill';
  const opened = await openSyncLog(runtime.db, source, kind);
  if ('running' in opened) return { running: opened.running };
  const retryPolicy: RetryPolicy = { ...defaultRetryPolicy, attempts: runtime.config.CONNECTOR_RETRY_ATTEMPTS, baseDelayMs: runtime.config.CONNECTOR_RETRY_BASE_MS };
  const ctx: SyncContext = { runtime, source, log: opened.log, retryPolicy };
  const done = run(ctx).then(
    () => finishSync(runtime.db, source, opened.log, {}),
    async (err) => {
      const outcome = describe(err);
      runtime.log.warn('connector sync failed', { sourceId, syncLogId: opened.log.id, type: source.type, error: outcome.error });
      await finishSync(runtime.db, source, opened.log, outcome);
    },
  );
  return { started: opened.log, done: done.catch((err) => runtime.log.error('closing a sync log failed', { sourceId, error: String(err) })) };
}

/** Until one run has read everything, a sync (even a resumed one) is still the backfill. */
function hasCompletedRun(source: SourceRow): boolean {
  const cursor = source.syncCursor ?? {};
  if (source.type === 'shopify') return ((cursor[SHOPIFY_CURSOR_KEY] as ShopifyCursor | undefined)?.updatedAtMin ?? null) !== null;
  return ((cursor[QUICKBOOKS_CURSOR_KEY] as QuickbooksCursor | undefined)?.reportedThrough ?? null) !== null;
}

async function run(ctx: SyncContext): Promise<void> {
  const { config } = ctx.runtime;
  if (ctx.source.type === 'shopify') {
    const creds = await readCredentials<{ accessToken: string }>(config, ctx.source);
    return syncShopifyOrders(ctx, shopifyApp(config), creds.accessToken);
  }
  const creds = await readCredentials<QuickbooksTokens>(config, ctx.source);
  return syncQuickbooksReports(ctx, quickbooksApp(config), creds);
}
