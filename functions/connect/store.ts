import { and, desc, eq, sql } from 'drizzle-orm';
import { connectorSyncLogs, dataSources, webhookEvents, type SourceStatus, type SourceType } from '@dyocense/db';
import type { Database, Tx } from '@dyocense/core';

export type SourceRow = typeof dataSources.$inferSelect;

/** A source as the API shows it: never the credentials, only whether they are set. */
export function sourceView(row: SourceRow) {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    status: row.status,
    externalAccountId: row.externalAccountId,
    hasCredentials: row.credentialsCiphertext !== null,
    syncCursor: row.syncCursor ?? null,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listSources(tx: Tx, type?: SourceType) {
  return tx.select().from(dataSources).where(type ? eq(dataSources.type, type) : undefined).orderBy(desc(dataSources.createdAt));
}

export async function findSource(tx: Tx, id: string): Promise<SourceRow | null> {
  const [row] = await tx.select().from(dataSources).where(eq(dataSources.id, id));
  return row ?? null;
}

export async function insertSource(tx: Tx, row: typeof dataSources.$inferInsert): Promise<SourceRow> {
  const [created] = await tx.insert(dataSources).values(row).returning();
  return created!;
}

export async function updateSource(tx: Tx, id: string, set: Partial<typeof dataSources.$inferInsert>): Promise<SourceRow | null> {
  const [row] = await tx.update(dataSources).set({ ...set, updatedAt: new Date() }).where(eq(dataSources.id, id)).returning();
  return row ?? null;
}

export async function deleteSource(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.delete(dataSources).where(eq(dataSources.id, id)).returning({ id: dataSources.id });
  return rows.length > 0;
}

export async function listSyncLogs(tx: Tx, sourceId: string, limit: number) {
  const rows = await tx
    .select()
    .from(connectorSyncLogs)
    .where(eq(connectorSyncLogs.sourceId, sourceId))
    .orderBy(desc(connectorSyncLogs.startedAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    recordsIn: r.recordsIn,
    recordsOut: r.recordsOut,
    recordsSkipped: r.recordsSkipped,
    durationMs: r.durationMs,
    error: r.error,
  }));
}

export async function listEvents(tx: Tx, sourceId: string, limit: number, topic?: string) {
  const rows = await tx
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.sourceId, sourceId), topic ? eq(webhookEvents.topic, topic) : undefined))
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    eventId: r.eventId,
    topic: r.topic,
    receivedAt: r.receivedAt.toISOString(),
    appliedAt: r.appliedAt?.toISOString() ?? null,
    effect: r.effect ?? null,
  }));
}

export interface WebhookSource {
  tenantId: string;
  type: SourceType;
  status: SourceStatus;
  credentialsCiphertext: string | null;
  credentialsKeyId: string | null;
  externalAccountId: string | null;
}

/** The one lookup made before the tenant is known (a SECURITY DEFINER function; see 0009_connect_rls). */
export async function webhookSource(db: Database, sourceId: string): Promise<WebhookSource | null> {
  const [row] = await db.query<{
    tenant_id: string;
    type: SourceType;
    status: SourceStatus;
    credentials_ciphertext: string | null;
    credentials_key_id: string | null;
    external_account_id: string | null;
  }>(sql`select * from connect_webhook_source(${sourceId}::uuid)`);
  if (!row) return null;
  return {
    tenantId: row.tenant_id,
    type: row.type,
    status: row.status,
    credentialsCiphertext: row.credentials_ciphertext,
    credentialsKeyId: row.credentials_key_id,
    externalAccountId: row.external_account_id,
  };
}

/** Every source connected to a shop, in any tenant (app-level webhooks name only the shop). */
export async function sourcesForShop(db: Database, shop: string): Promise<string[]> {
  const rows = await db.query<{ source_id: string }>(sql`select source_id from connect_sources_by_account('shopify', ${shop})`);
  return rows.map((r) => r.source_id);
}
