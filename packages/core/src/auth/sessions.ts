import { eq, sql } from 'drizzle-orm';
import { sessions, type Role } from '@dyocense/db';
import type { Database, Tx } from '../db/types';
import { withTenant } from '../tenancy';
import type { AuthContext } from './context';
import { SessionCache } from './session-cache';
import { generateToken, hashToken } from './tokens';

const DAY_MS = 86_400_000;

export interface NewSession {
  token: string;
  expiresAt: Date;
}

/** Starts a session inside the tenant's transaction; only the token's hash is stored. */
export async function createSession(
  tx: Tx,
  input: { userId: string; tenantId: string; days: number; ip?: string | null; userAgent?: string | null },
): Promise<NewSession> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + input.days * DAY_MS);
  await tx.insert(sessions).values({
    id: hashToken(token),
    userId: input.userId,
    tenantId: input.tenantId,
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

interface ResolvedSessionRow extends Record<string, unknown> {
  session_id: string;
  user_id: string;
  tenant_id: string;
  role: Role;
  expires_at: Date | string;
  email: string;
  user_name: string;
  tenant_name: string;
}

export interface ResolvedSession extends AuthContext {
  expiresAt: Date;
  /** Set when the expiry slid forward and the cookie must be re-sent. */
  renewed: boolean;
}

/**
 * One round trip resolves cookie → user, tenant, role (auth_resolve_session is the audited
 * SECURITY DEFINER path). Sliding expiry: in the second half of its life a session is
 * extended, so an active user stays signed in and writes happen at most about once per
 * half-life, not on every request.
 */
let cache: SessionCache<ResolvedSession> | undefined;

export async function resolveSession(db: Database, token: string, days: number, cacheMs = 0): Promise<ResolvedSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  if (cacheMs > 0) {
    cache ??= new SessionCache(cacheMs);
    const hit = cache.get(id);
    if (hit) return hit;
  }
  const [row] = await db.query<ResolvedSessionRow>(sql`select * from auth_resolve_session(${id})`);
  if (!row) return null;
  let expiresAt = new Date(row.expires_at);
  let renewed = false;
  if (expiresAt.getTime() - Date.now() < (days * DAY_MS) / 2) {
    expiresAt = new Date(Date.now() + days * DAY_MS);
    await withTenant(db, row.tenant_id, (tx) => tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)));
    renewed = true;
  }
  const resolved: ResolvedSession = {
    via: 'session',
    userId: row.user_id,
    tenantId: row.tenant_id,
    role: row.role,
    scopes: ['*'],
    sessionId: id,
    user: { id: row.user_id, email: row.email, name: row.user_name },
    tenant: { id: row.tenant_id, name: row.tenant_name },
    expiresAt,
    renewed,
  };
  cache?.set(id, { ...resolved, renewed: false });
  return resolved;
}

export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
  cache?.delete(sessionId);
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}
