import { sql } from 'drizzle-orm';
import type { Database, Tx } from './db/types';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TenancyError extends Error {
  override name = 'TenancyError';
}

function checked(what: string, id: string | undefined): string {
  if (id === undefined) return '';
  if (!uuidPattern.test(id)) throw new TenancyError(`not a ${what} id: ${JSON.stringify(id)}`);
  return id;
}

/**
 * Sets who the open transaction acts for. Transaction-local (set_config(..., true)), so it
 * cannot leak to the next user of a pooled connection; policies read it null-safely.
 * app.current_user is read by the users and oauth_accounts policies.
 */
export async function enterTenant(tx: Tx, tenantId: string | undefined, userId?: string): Promise<void> {
  const tenant = checked('tenant', tenantId);
  const user = checked('user', userId);
  await tx.execute(
    sql`select set_config('app.current_tenant', ${tenant}, true), set_config('app.current_user', ${user}, true)`,
  );
}

/** Runs fn in a transaction that sees only this tenant's rows (and, if given, this user). */
export function withTenant<T>(
  db: Database,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  scope: { userId?: string } = {},
): Promise<T> {
  checked('tenant', tenantId);
  return db.transaction(async (tx) => {
    await enterTenant(tx, tenantId, scope.userId);
    return fn(tx);
  });
}
