import { sql } from 'drizzle-orm';
import type { Tx } from '@dyocense/core';

/**
 * Rollups (and connectors' day totals) are recomputed from what a transaction can see, so two
 * concurrent writers of one tenant would each write a figure missing the other's rows. Every
 * writer of a tenant's points takes this lock first (held to commit): the recompute then runs
 * after the previous writer committed, and READ COMMITTED lets it see that writer's rows.
 * Re-entrant within a transaction, so callers that already hold it may call writers that take it.
 */
export async function lockTenantMetrics(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`dyocense:metrics:${tenantId}`}, 0))`);
}
