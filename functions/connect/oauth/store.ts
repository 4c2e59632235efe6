import { sql } from 'drizzle-orm';
import { audit, connectorKeyring, sealCredentials, withTenant, type Config, type Database } from '@dyocense/core';
import { dataSources, type SourceType } from '@dyocense/db';

export interface ConnectedAccount {
  tenantId: string;
  userId: string;
  type: Extract<SourceType, 'shopify' | 'quickbooks'>;
  /** Shop domain or QuickBooks realmId. */
  account: string;
  name: string;
  credentials: object;
}

/**
 * Stores a freshly authorised account: a new data source, or the existing one for the same
 * account (a reconnect) with new sealed credentials, active again, its sync cursor kept.
 */
export async function saveConnectedAccount(db: Database, config: Config, input: ConnectedAccount): Promise<{ id: string; created: boolean }> {
  const sealed = await sealCredentials(await connectorKeyring(config), input.tenantId, input.credentials);
  return withTenant(db, input.tenantId, async (tx) => {
    const [row] = await tx
      .insert(dataSources)
      .values({
        tenantId: input.tenantId,
        type: input.type,
        name: input.name,
        status: 'active',
        credentialsCiphertext: sealed.ciphertext,
        credentialsKeyId: sealed.keyId,
        externalAccountId: input.account,
        createdBy: input.userId,
      })
      .onConflictDoUpdate({
        target: [dataSources.tenantId, dataSources.type, dataSources.externalAccountId],
        targetWhere: sql`${dataSources.externalAccountId} is not null`,
        set: {
          status: 'active',
          credentialsCiphertext: sealed.ciphertext,
          credentialsKeyId: sealed.keyId,
          lastError: null,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: dataSources.id, createdAt: dataSources.createdAt, updatedAt: dataSources.updatedAt });
    const created = row!.createdAt.getTime() === row!.updatedAt.getTime();
    await audit(tx, {
      tenantId: input.tenantId,
      actorUserId: input.userId,
      action: created ? 'connect.source_connected' : 'connect.source_reconnected',
      target: `data_source:${row!.id}`,
      details: { type: input.type, account: input.account },
    });
    return { id: row!.id, created };
  });
}
