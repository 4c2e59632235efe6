import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { apiTokens, type Role } from '@dyocense/db';
import type { Database } from '../db/types';
import { withTenant } from '../tenancy';
import type { AuthContext } from './context';
import { API_TOKEN_PREFIX, hashToken } from './tokens';

interface ResolvedTokenRow extends Record<string, unknown> {
  token_id: string;
  user_id: string;
  tenant_id: string;
  role: Role;
  scopes: string[];
  email: string;
  user_name: string;
  tenant_name: string;
  last_used_at: Date | string | null;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves `Authorization: Bearer dyo_…`; last use is recorded at most once a minute. */
export async function resolveApiToken(db: Database, token: string): Promise<AuthContext | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return null;
  const hash = hashToken(token);
  const [row] = await db.query<ResolvedTokenRow>(sql`select * from auth_resolve_api_token(${hash})`);
  if (!row) return null;
  const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
  if (Date.now() - lastUsed > LAST_USED_RESOLUTION_MS) {
    const stale = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
    await withTenant(db, row.tenant_id, (tx) =>
      tx
        .update(apiTokens)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(apiTokens.id, row.token_id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale)))),
    );
  }
  return {
    via: 'token',
    userId: row.user_id,
    tenantId: row.tenant_id,
    role: row.role,
    scopes: row.scopes,
    tokenId: row.token_id,
    user: { id: row.user_id, email: row.email, name: row.user_name },
    tenant: { id: row.tenant_id, name: row.tenant_name },
  };
}
