import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import {
  apiTokens,
  auditLog,
  invitations,
  memberships,
  oauthAccounts,
  sessions,
  tenants,
  users,
  type Role,
} from '@dyocense/db';
import { audit, createSession, enterTenant, type Database, type Tx } from '@dyocense/core';

export interface RequestMeta {
  ip: string;
  userAgent: string | undefined;
  sessionDays: number;
}

export interface LoginCandidate extends Record<string, unknown> {
  user_id: string;
  password_hash: string | null;
  tenant_id: string | null;
  role: Role | null;
}

/** The user behind an e-mail and their businesses, oldest first (audited definer function). */
export function findLogin(db: Database, email: string): Promise<LoginCandidate[]> {
  return db.query<LoginCandidate>(sql`select * from auth_find_login(${email})`);
}

/** A new business, its owner and their first session, in one transaction. */
export async function createBusiness(
  tx: Tx,
  input: { email: string; name: string; passwordHash: string | null; emailVerified?: boolean; businessName: string },
  meta: RequestMeta,
) {
  const tenantId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  await enterTenant(tx, tenantId, userId);
  await tx.insert(tenants).values({ id: tenantId, name: input.businessName });
  await tx.insert(users).values({
    id: userId,
    email: input.email,
    name: input.name,
    passwordHash: input.passwordHash,
    emailVerified: input.emailVerified ?? false,
  });
  await tx.insert(memberships).values({ tenantId, userId, role: 'owner' });
  const session = await createSession(tx, { userId, tenantId, days: meta.sessionDays, ip: meta.ip, userAgent: meta.userAgent });
  await audit(tx, { tenantId, actorUserId: userId, action: 'auth.signup', target: `user:${userId}`, ip: meta.ip });
  return {
    user: { id: userId, email: input.email, name: input.name },
    tenant: { id: tenantId, name: input.businessName },
    role: 'owner' as Role,
    session,
  };
}

/** Profile of the user and tenant the open transaction acts for. */
export async function loadIdentity(tx: Tx, userId: string, tenantId: string) {
  const [row] = await tx
    .select({ userId: users.id, email: users.email, name: users.name, tenantName: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  if (!row) return null;
  return {
    user: { id: row.userId, email: row.email, name: row.name },
    tenant: { id: tenantId, name: row.tenantName },
    role: row.role,
  };
}

export async function listMembers(tx: Tx) {
  const rows = await tx
    .select({ id: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(memberships.createdAt);
  return rows.map((r) => ({ user: { id: r.id, email: r.email, name: r.name }, role: r.role, joinedAt: r.joinedAt.toISOString() }));
}

export async function memberRole(tx: Tx, userId: string): Promise<Role | null> {
  const [row] = await tx.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
  return row?.role ?? null;
}

export async function ownerCount(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.role, 'owner'));
  return Number(row?.n ?? 0);
}

export async function setMemberRole(tx: Tx, userId: string, role: Role) {
  await tx.update(memberships).set({ role }).where(eq(memberships.userId, userId));
}

/** Removing a member also ends their sessions and revokes their tokens in this business. */
export async function removeMember(tx: Tx, userId: string) {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  await tx.delete(memberships).where(eq(memberships.userId, userId));
}

export async function insertInvitation(tx: Tx, row: typeof invitations.$inferInsert) {
  const [created] = await tx.insert(invitations).values(row).returning();
  return created!;
}

export async function markInvitationAccepted(tx: Tx, invitationId: string) {
  const updated = await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return updated.length === 1;
}

export async function addMembership(tx: Tx, tenantId: string, userId: string, role: Role) {
  await tx.insert(memberships).values({ tenantId, userId, role }).onConflictDoNothing();
}

export async function insertUser(tx: Tx, row: typeof users.$inferInsert) {
  await tx.insert(users).values(row);
}

export async function updatePasswordHash(tx: Tx, userId: string, passwordHash: string) {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export function tokenRowView(t: typeof apiTokens.$inferSelect) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    userId: t.userId,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export async function listTokens(tx: Tx, onlyUserId?: string) {
  const rows = await tx
    .select()
    .from(apiTokens)
    .where(onlyUserId ? eq(apiTokens.userId, onlyUserId) : undefined)
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(tokenRowView);
}

export async function insertToken(tx: Tx, row: typeof apiTokens.$inferInsert) {
  const [created] = await tx.insert(apiTokens).values(row).returning();
  return tokenRowView(created!);
}

export async function findToken(tx: Tx, tokenId: string) {
  const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
  return row ?? null;
}

export async function revokeToken(tx: Tx, tokenId: string) {
  await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
}

export async function recentAudit(tx: Tx, limit: number) {
  const rows = await tx.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actorUserId: r.actorUserId,
    target: r.target,
    ip: r.ip,
    details: r.details as Record<string, unknown>,
    at: r.at.toISOString(),
  }));
}

export async function linkOAuthAccount(tx: Tx, row: typeof oauthAccounts.$inferInsert) {
  await tx.insert(oauthAccounts).values(row).onConflictDoNothing();
}
