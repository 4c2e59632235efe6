import { sql } from 'drizzle-orm';
import { audit, createSession, withTenant, type Database } from '@dyocense/core';
import type { Role } from '@dyocense/db';
import type { RequestMeta } from '../store';
import { createBusiness, findLogin, linkOAuthAccount } from '../store';
import type { ProviderIdentity } from './identity';

export class OAuthSignInError extends Error {
  override name = 'OAuthSignInError';
  constructor(readonly code: 'email_unverified' | 'no_business') {
    super(code);
  }
}

/**
 * Signs in the person the provider vouched for: a known provider account; else an existing
 * user with the same verified e-mail (linked now); else a new business with them as owner.
 */
export async function signInWithProvider(db: Database, provider: string, identity: ProviderIdentity, meta: RequestMeta) {
  const [linked] = await db.query<{ user_id: string; tenant_id: string | null; role: Role | null }>(
    sql`select * from auth_find_oauth_user(${provider}, ${identity.subject})`,
  );
  let userId = linked?.user_id;
  let tenantId = linked?.tenant_id ?? null;

  if (!userId) {
    if (!identity.email || !identity.emailVerified) throw new OAuthSignInError('email_unverified');
    const [existing] = await findLogin(db, identity.email);
    if (!existing) {
      return db.transaction(async (tx) => {
        const created = await createBusiness(
          tx,
          {
            email: identity.email!,
            name: identity.name ?? identity.email!.split('@')[0]!,
            passwordHash: null,
            emailVerified: true,
            businessName: `${identity.name ?? identity.email!.split('@')[0]}'s business`,
          },
          meta,
        );
        await linkOAuthAccount(tx, { provider, providerUserId: identity.subject, userId: created.user.id, email: identity.email });
        return created.session;
      });
    }
    userId = existing.user_id;
    tenantId = existing.tenant_id;
    if (!tenantId) throw new OAuthSignInError('no_business');
    await withTenant(db, tenantId, async (tx) => {
      await linkOAuthAccount(tx, { provider, providerUserId: identity.subject, userId: userId!, email: identity.email });
      await audit(tx, { tenantId: tenantId!, actorUserId: userId, action: 'auth.oauth_linked', ip: meta.ip, details: { provider } });
    }, { userId });
  }
  if (!tenantId) throw new OAuthSignInError('no_business');
  const tenant = tenantId;
  return withTenant(db, tenant, async (tx) => {
    const session = await createSession(tx, { userId: userId!, tenantId: tenant, days: meta.sessionDays, ip: meta.ip, userAgent: meta.userAgent });
    await audit(tx, { tenantId: tenant, actorUserId: userId, action: 'auth.login', ip: meta.ip, details: { method: `oauth:${provider}` } });
    return session;
  }, { userId });
}
