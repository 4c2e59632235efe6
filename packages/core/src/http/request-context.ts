import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from './env';

const traceparent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * Request id, W3C trace id, and one JSON access-log line per request (trace id, tenant id,
 * route, status, latency). Idempotent: when the host already ran it, a function's own copy
 * steps aside, so a request is logged once whether functions run bundled or alone.
 */
export function requestContext(service: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('requestId')) return next();
    const started = performance.now();
    const fresh = crypto.randomUUID();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : fresh;
    // A new trace id is the same 128 random bits, without the dashes.
    const traceId = traceparent.exec(c.req.header('traceparent') ?? '')?.[1] ?? fresh.replaceAll('-', '');
    c.set('requestId', requestId);
    c.set('traceId', traceId);
    const log = c.get('runtime').log.child({ service, requestId, traceId });
    c.set('log', log);
    c.header('x-request-id', requestId);
    try {
      await next();
    } finally {
      const status = c.res.status;
      log[status >= 500 ? 'error' : 'info']('request', {
        method: c.req.method,
        route: routePath(c, -1),
        path: c.req.path,
        status,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        tenantId: c.get('auth')?.tenantId,
        userId: c.get('auth')?.userId,
      });
    }
  };
}
