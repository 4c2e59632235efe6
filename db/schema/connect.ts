import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns';
import { tenants, users } from './identity';

export const sourceTypes = ['stripe', 'shopify', 'quickbooks', 'csv'] as const;
export type SourceType = (typeof sourceTypes)[number];
export const sourceStatuses = ['active', 'paused', 'needs_reauth', 'error'] as const;
export type SourceStatus = (typeof sourceStatuses)[number];
export const syncStatuses = ['running', 'succeeded', 'failed'] as const;
export type SyncStatus = (typeof syncStatuses)[number];

/**
 * A tenant's connection to an outside system. Credentials (API keys, webhook secrets, OAuth
 * tokens) are one JSON object sealed with AES-256-GCM (see @dyocense/core sealSecret): the
 * ciphertext and the id of the key that sealed it, so keys can rotate without a migration.
 */
export const dataSources = pgTable(
  'data_sources',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    type: text('type', { enum: sourceTypes }).notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: sourceStatuses }).notNull().default('active'),
    /** base64 of IV (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes); null when none are stored. */
    credentialsCiphertext: text('credentials_ciphertext'),
    credentialsKeyId: text('credentials_key_id'),
    /** Shopify shop domain, QuickBooks realmId, Stripe account id. */
    externalAccountId: text('external_account_id'),
    syncCursor: jsonb('sync_cursor').$type<Record<string, unknown>>(),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('data_sources_tenant_idx').on(t.tenantId, t.type),
    // One source per outside account and type within a business (reconnecting updates it).
    uniqueIndex('data_sources_account_uq')
      .on(t.tenantId, t.type, t.externalAccountId)
      .where(sql`${t.externalAccountId} is not null`),
  ],
);

/** One row per sync run: what came in, what was written, what was skipped, and why it failed. */
export const connectorSyncLogs = pgTable(
  'connector_sync_logs',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id').notNull().references(() => dataSources.id, { onDelete: 'cascade' }),
    /** backfill, incremental, import, ... — free text chosen by the syncing code. */
    kind: text('kind').notNull().default('incremental'),
    status: text('status', { enum: syncStatuses }).notNull().default('running'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    recordsIn: integer('records_in').notNull().default(0),
    recordsOut: integer('records_out').notNull().default(0),
    recordsSkipped: integer('records_skipped').notNull().default(0),
    durationMs: integer('duration_ms'),
    error: text('error'),
  },
  (t) => [index('connector_sync_logs_source_idx').on(t.tenantId, t.sourceId, t.startedAt)],
);

/**
 * Every webhook delivery that passed its signature check, stored raw. `event_id` (Stripe's
 * event id, Shopify's webhook id) is unique per source, and so is the semantic key (Shopify:
 * shop + topic + resource id): a redelivery inserts nothing and so applies nothing.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id').notNull().references(() => dataSources.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: sourceTypes }).notNull(),
    eventId: text('event_id').notNull(),
    semanticKey: text('semantic_key'),
    topic: text('topic').notNull(),
    /** The body exactly as received (compliance redaction rewrites personal fields in place). */
    rawBody: text('raw_body').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    effect: jsonb('effect').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('webhook_events_event_uq').on(t.sourceId, t.eventId),
    uniqueIndex('webhook_events_semantic_uq').on(t.sourceId, t.semanticKey).where(sql`${t.semanticKey} is not null`),
    index('webhook_events_tenant_idx').on(t.tenantId, t.sourceId, t.receivedAt),
  ],
);

/**
 * What each outside object has already contributed to metrics (an order's revenue, a
 * charge's refunded total), so events about the same object — in any order, from either a
 * webhook or a sync — never count it twice.
 */
export const connectorEffects = pgTable(
  'connector_effects',
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id').notNull().references(() => dataSources.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** Amount already counted (cumulative refunds), or 0 for a one-off effect. */
    value: doublePrecision('value').notNull().default(0),
    /** counted, void (cancelled before it was counted), ... */
    state: text('state').notNull().default('counted'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.key] }), index('connector_effects_tenant_idx').on(t.tenantId)],
);
