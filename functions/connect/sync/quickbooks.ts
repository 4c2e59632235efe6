import {
  fetchProfitAndLoss,
  needsRefresh,
  ProviderError,
  QUICKBOOKS_CURSOR_KEY,
  QUICKBOOKS_PAGE_JOB,
  refreshQuickbooksTokens,
  type QuickbooksTokens,
} from '@dyocense/connectors';
import type { QuickbooksApp } from '../oauth/apps';
import { applyPage } from './pages';
import { readCursor, saveCredentials } from './store';
import type { SyncContext } from './runner';

/**
 * Where the report sync stands: every day through `reportedThrough` has been read; `run` is a
 * range in progress, read in chunks, so a stopped sync resumes at the first unread chunk.
 */
export interface QuickbooksCursor {
  reportedThrough: string | null;
  run: { nextStart: string; end: string } | null;
}

/** A first connect reads this much history. */
export const BACKFILL_DAYS = 365;
/** Books are edited after the fact: each sync re-reads this many days before the last one read. */
export const RESTATE_DAYS = 7;
/** Days per ProfitAndLoss request (one column per day). */
const CHUNK_DAYS = 31;

const DAY = 86_400_000;
const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const earlier = (a: string, b: string) => (a <= b ? a : b);

/** Access tokens last an hour: refreshed ahead of expiry, and the rotated refresh token stored at once. */
async function freshTokens(ctx: SyncContext, app: QuickbooksApp, tokens: QuickbooksTokens, force = false): Promise<QuickbooksTokens> {
  if (!force && !needsRefresh(tokens)) return tokens;
  const next = await refreshQuickbooksTokens({ endpoints: app.endpoints, app: app.app, refreshToken: tokens.refreshToken });
  await saveCredentials(ctx.runtime.db, ctx.runtime.config, ctx.source, next);
  return next;
}

export async function syncQuickbooksReports(ctx: SyncContext, app: QuickbooksApp, stored: QuickbooksTokens): Promise<void> {
  const { runtime, source, log } = ctx;
  const realmId = source.externalAccountId!;
  let tokens = await freshTokens(ctx, app, stored);
  let cursor = await readCursor<QuickbooksCursor>(runtime.db, source.tenantId, source.id, QUICKBOOKS_CURSOR_KEY);
  const today = new Date().toISOString().slice(0, 10);

  for (let page = 1; ; page++) {
    const base: QuickbooksCursor = cursor ?? { reportedThrough: null, run: null };
    const run = base.run ?? {
      nextStart: base.reportedThrough ? earlier(shift(base.reportedThrough, -RESTATE_DAYS), today) : shift(today, -(BACKFILL_DAYS - 1)),
      end: today,
    };
    const chunkEnd = earlier(shift(run.nextStart, CHUNK_DAYS - 1), run.end);
    const read = (accessToken: string) =>
      fetchProfitAndLoss({ apiBase: app.apiBase, realmId, accessToken, startDate: run.nextStart, endDate: chunkEnd }, ctx.retryPolicy);
    let fetched;
    try {
      fetched = await read(tokens.accessToken);
    } catch (err) {
      // Revoked or expired early: one refresh, then the same chunk again.
      if (!(err instanceof ProviderError && err.status === 401)) throw err;
      tokens = await freshTokens(ctx, app, tokens, true);
      fetched = await read(tokens.accessToken);
    }
    const done = chunkEnd >= run.end;
    const after: QuickbooksCursor = done ? { reportedThrough: run.end, run: null } : { reportedThrough: base.reportedThrough, run: { nextStart: shift(chunkEnd, 1), end: run.end } };
    await applyPage(runtime, source.tenantId, QUICKBOOKS_PAGE_JOB, `${log.id}:${page}`, {
      sourceId: source.id,
      syncLogId: log.id,
      pointSource: `quickbooks:${realmId}`,
      cursorBefore: cursor,
      cursorAfter: after,
      report: fetched.report,
    });
    cursor = after;
    if (done) return;
  }
}
