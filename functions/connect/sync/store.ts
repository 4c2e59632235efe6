import { and, eq, sql } from 'drizzle-orm';
import { connectorKeyring, openCredentials, sealCredentials, withTenant, type Config, type Database } from '@dyocense/core';
import { connectorSyncLogs, dataSources } from '@dyocense/db';

export type SourceRow = typeof dataSources.$inferSelect;
export type SyncLogRow = typeof connectorSyncLogs.$inferSelect;

/** A sync left `running` this long ago belongs to a process that died; it no longer blocks. */
const STALE_RUN = '30 minutes';

export async function loadSource(db: Database, tenantId: string, sourceId: string): Promise<SourceRow | null> {
  return withTenant(db, tenantId, async (tx) => {
    const [row] = await tx.select().from(dataSources).where(eq(dataSources.id, sourceId));
    return row ?? null;
  });
}

export async function readCredentials<T extends object>(config: Config, source: SourceRow): Promise<T> {
  if (!source.credentialsCiphertext || !source.credentialsKeyId) throw new Error('the source has no stored credentials');
  return openCredentials<T>(await connectorKeyring(config), source.tenantId, { ciphertext: source.credentialsCiphertext, keyId: source.credentialsKeyId });
}

export async function saveCredentials(db: Database, config: Config, source: SourceRow, credentials: object): Promise<void> {
  const sealed = await sealCredentials(await connectorKeyring(config), source.tenantId, credentials);
  await withTenant(db, source.tenantId, (tx) =>
    tx
      .update(dataSources)
      .set({ credentialsCiphertext: sealed.ciphertext, credentialsKeyId: sealed.keyId, updatedAt: sql`now()` })
      .where(eq(dataSources.id, source.id)),
  );
}

/**
 * Opens a sync log row unless the source already has a live one. The source row is locked
 * while checking, so two requests cannot both start a sync of the same source.
 */
export async function openSyncLog(db: Database, source: SourceRow, kind: string): Promise<{ log: SyncLogRow } | { running: SyncLogRow }> {
  return withTenant(db, source.tenantId, async (tx) => {
    await tx.select({ id: dataSources.id }).from(dataSources).where(eq(dataSources.id, source.id)).for('update');
    await tx
      .update(connectorSyncLogs)
      .set({ status: 'failed', finishedAt: sql`now()`, error: 'interrupted: the process running this sync stopped' })
      .where(and(eq(connectorSyncLogs.sourceId, source.id), eq(connectorSyncLogs.status, 'running'), sql`${connectorSyncLogs.startedAt} < now() - ${STALE_RUN}::interval`));
    const [running] = await tx
      .select()
      .from(connectorSyncLogs)
      .where(and(eq(connectorSyncLogs.sourceId, source.id), eq(connectorSyncLogs.status, 'running')));
    if (running) return { running };
    const [log] = await tx.insert(connectorSyncLogs).values({ tenantId: source.tenantId, sourceId: source.id, kind }).returning();
    return { log: log! };
  });
}

export async function readSyncLog(db: Database, tenantId: string, logId: string): Promise<SyncLogRow | null> {
  return withTenant(db, tenantId, async (tx) => {
    const [row] = await tx.select().from(connectorSyncLogs).where(eq(connectorSyncLogs.id, logId));
    return row ?? null;
  });
}

/** The source's cursor as the last committed page left it. */
export async function readCursor<T>(db: Database, tenantId: string, sourceId: string, key: string): Promise<T | null> {
  const source = await loadSource(db, tenantId, sourceId);
  return ((source?.syncCursor ?? {})[key] as T | undefined) ?? null;
}

/** Replaces one connector's cursor without the page fence (used to drop a page cursor the provider refused). */
export async function resetCursor(db: Database, tenantId: string, sourceId: string, key: string, value: unknown): Promise<void> {
  await withTenant(db, tenantId, (tx) =>
    tx.execute(
      sql`update data_sources set sync_cursor = coalesce(sync_cursor, '{}'::jsonb) || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb), updated_at = now() where id = ${sourceId}::uuid`,
    ),
  );
}

export interface SyncOutcome {
  error?: string;
  /** The provider no longer accepts the credentials: the source needs a new consent. */
  needsReauth?: boolean;
}

/** Closes the log and records the outcome on the source, in one transaction. */
export async function finishSync(db: Database, source: SourceRow, log: SyncLogRow, outcome: SyncOutcome): Promise<void> {
  await withTenant(db, source.tenantId, async (tx) => {
    await tx
      .update(connectorSyncLogs)
      .set({
        status: outcome.error ? 'failed' : 'succeeded',
        finishedAt: sql`now()`,
        durationMs: sql`(extract(epoch from (now() - ${connectorSyncLogs.startedAt})) * 1000)::int`,
        error: outcome.error ?? null,
      })
      .where(eq(connectorSyncLogs.id, log.id));
    await tx
      .update(dataSources)
      .set(
        outcome.error
          ? { lastError: outcome.error, updatedAt: sql`now()`, ...(outcome.needsReauth ? { status: 'needs_reauth' as const } : {}) }
          : { lastError: null, lastSyncAt: sql`now()`, updatedAt: sql`now()` },
      )
      .where(eq(dataSources.id, source.id));
  });
}
