import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role } from '@dyocense/db';
import { resolveApiToken } from '../auth/api-tokens';
import type { AuthContext } from '../auth/context';
import { atLeast, grants, type Scope } from '../auth/scopes';
import { resolveSession } from '../auth/sessions';
import { forbidden, unauthenticated } from '../errors';
import { clearSessionCookie, setSessionCookie } from './cookies';
import type { AppEnv } from './env';

export interface AuthRequirement {
  /** The least role that may call the route. */
  role?: Role;
  /** The scope an API token must hold (sessions hold every scope their role allows). */
  scope?: Scope;
}

/**
 * Resolves the caller from `Authorization: Bearer dyo_…` or the session cookie, then checks
 * role and scope. One database round trip in the common case.
 */
export function requireAuth(requirement: AuthRequirement = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db, config } = c.get('runtime');
    let auth: AuthContext | null = null;
    const header = c.req.header('authorization');
    if (header) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      auth = bearer ? await resolveApiToken(db, bearer) : null;
      if (!auth) throw unauthenticated('The API token is missing, malformed, expired or revoked.');
    } else {
      const token = getCookie(c, config.SESSION_COOKIE);
      if (token) {
        const session = await resolveSession(db, token, config.SESSION_DAYS, config.SESSION_CACHE_MS);
        if (session?.renewed) setSessionCookie(c, token, session.expiresAt);
        if (!session) clearSessionCookie(c);
        auth = session;
      }
      if (!auth) throw unauthenticated();
    }
    if (requirement.role && !atLeast(auth.role, requirement.role)) {
      throw forbidden(`This needs the ${requirement.role} role or higher; you are ${auth.role}.`);
    }
    if (requirement.scope && !grants(auth.scopes, requirement.scope)) {
      throw forbidden(`This API token lacks the ${requirement.scope} scope.`);
    }
    c.set('auth', auth);
    return next();
  };
}

/** The resolved caller; only valid behind requireAuth(). */
export function authOf(c: { get(key: 'auth'): AuthContext | undefined }): AuthContext {
  const auth = c.get('auth');
  if (!auth) throw unauthenticated();
  return auth;
}
