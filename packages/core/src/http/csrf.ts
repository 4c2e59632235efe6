import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HttpProblem } from '../errors';
import type { AppEnv } from './env';
import { problemResponse } from './problems';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for unsafe methods. A request whose Origin is foreign is
 * refused outright (that also stops login CSRF). A request carrying the session cookie must
 * prove it is same-origin: a matching Origin, or Sec-Fetch-Site: same-origin. Token-only
 * clients (Authorization header, no cookie) and server-to-server webhooks are not browsers
 * and pass.
 */
export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const { config } = c.get('runtime');
    const origin = c.req.header('origin');
    const ownOrigin = new URL(c.req.url).origin;
    const allowed = (o: string) => o === ownOrigin || config.allowedOrigins.includes(o);
    const refuse = (why: string) => problemResponse(c, new HttpProblem(403, 'csrf-rejected', why));

    if (origin && origin !== 'null' && !allowed(origin)) {
      return refuse(`Requests from ${origin} are not accepted.`);
    }
    const cookieAuthenticated = getCookie(c, config.SESSION_COOKIE) !== undefined && !c.req.header('authorization');
    if (cookieAuthenticated && !origin) {
      if (c.req.header('sec-fetch-site') !== 'same-origin') {
        return refuse('A signed-in browser request must come from the Dyocense portal (missing Origin header).');
      }
    }
    if (cookieAuthenticated && origin === 'null') return refuse('Requests from an opaque origin are not accepted.');
    return next();
  };
}
