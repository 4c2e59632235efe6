import { boolean, date, doublePrecision, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantId, updatedAt } from './columns';
import { dataSources } from './connect';
import { tenants } from './identity';

export const syncRecordKinds = ['order', 'refund'] as const;
export type SyncRecordKind = (typeof syncRecordKinds)[number];

/**
 * The facts an OAuth sync has read (one row per Shopify order and per refund), keyed by the
 * provider's id; the order and refund webhooks of a synced shop write here too. A page of a sync upserts its rows and recomputes the daily metrics of the
 * days it touched from this table, so a page read twice (a retry, a resumed crash, an order
 * that changed) replaces figures instead of adding to them.
 */
export const connectorSyncRecords = pgTable(
  'connector_sync_records',
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id').notNull().references(() => dataSources.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: syncRecordKinds }).notNull(),
    externalId: text('external_id').notNull(),
    /** The calendar day the record belongs to, as the provider's account saw it. */
    day: date('day').notNull(),
    amount: doublePrecision('amount').notNull(),
    /** Orders: the provider's customer id; null for guests and refunds. */
    customerKey: text('customer_key'),
    /** False for cancelled and test orders: kept, so a later change can count them again. */
    counts: boolean('counts').notNull(),
    /**
     * The provider's own last-change time of the state stored (Shopify's order `updated_at`):
     * an older state, from a webhook delivered late or a sync read before it, never replaces
     * a newer one. Null when unknown (refunds, which do not change).
     */
    providerUpdatedAt: timestamp('provider_updated_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.kind, t.externalId] }),
    index('connector_sync_records_day_idx').on(t.tenantId, t.sourceId, t.day),
    index('connector_sync_records_customer_idx').on(t.sourceId, t.customerKey),
  ],
);
