import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from './env';

/** HttpOnly, Secure, SameSite=Lax: unreadable by scripts, sent only over HTTPS (and localhost). */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  const { config } = c.get('runtime');
  setCookie(c, config.SESSION_COOKIE, token, {
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'Lax',
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const { config } = c.get('runtime');
  deleteCookie(c, config.SESSION_COOKIE, { path: '/', secure: config.cookieSecure, httpOnly: true, sameSite: 'Lax' });
}

/** The client address: the first hop a trusted proxy saw, else the socket's. */
export function clientIp(c: Context<AppEnv>): string {
  const forwarded = c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
