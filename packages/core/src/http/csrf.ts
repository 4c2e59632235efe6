import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HttpProblem } from '../errors';
import type { AppEnv } from './env';

/**
 * Cross-site request forgery check for unsafe methods. A request whose Origin is foreign is
 * refused outright (that also stops login CSRF). A request carrying the session cookie must
 * prove it is same-origin: a matching Origin, or Sec-Fetch-Site: same-origin. Token-only
 * clients (Authorization header, no cookie) and server-to-server webhooks are not browsers
 * and pass. Returns the problem to answer with, or null.
 */
export function csrfProblem(c: Context<AppEnv>): HttpProblem | null {
  const { config } = c.get('runtime');
  const origin = c.req.header('origin');
  const refuse = (why: string) => new HttpProblem(403, 'csrf-rejected', why);
  if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin && !config.allowedOrigins.includes(origin)) {
    return refuse(`Requests from ${origin} are not accepted.`);
  }
  const cookieAuthenticated = !c.req.header('authorization') && getCookie(c, config.SESSION_COOKIE) !== undefined;
  if (!cookieAuthenticated) return null;
  if (origin === 'null') return refuse('Requests from an opaque origin are not accepted.');
  if (!origin && c.req.header('sec-fetch-site') !== 'same-origin') {
    return refuse('A signed-in browser request must come from the Dyocense portal (missing Origin header).');
  }
  return null;
}
