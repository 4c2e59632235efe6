import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpProblem } from '../errors';
import { csrfProblem } from './csrf';
import type { AppEnv } from './env';
import { onError, onNotFound, problemResponse, validationHook } from './problems';
import { requestContext } from './request-context';
import { setSecurityHeaders } from './security-headers';
import { limitStreamedBody } from './streamed-body-limit';

export interface FunctionOptions {
  /** Overrides the configured body limit (uploads need more, most routes less). */
  bodyLimitBytes?: number;
  /** The paths this function owns; default `/api/<name>`. The portal owns everything else (''). */
  basePath?: string;
  /**
   * The limit for paths whose routes stream their body (uploads), or undefined for the usual
   * limit. Such bodies are counted as they stream and never buffered (see limitStreamedBody).
   */
  streamedBodyLimit?: (path: string) => number | undefined;
}

const bodyless = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The base of every Dyocense function: an OpenAPIHono with request ids and access logs,
 * problem+json errors (zod failures → 400 with field errors), secure headers, a body-size
 * limit and the CSRF guard. Authentication and rate limits are per route (requireAuth,
 * rateLimit), since some routes (login, webhooks) must work without a session.
 *
 * The standard middleware only runs for the function's own paths: when the Node server
 * mounts every function into one app, each request pays for one stack, not one per function.
 * It is one plain middleware rather than a composition, because it runs on every request.
 */
export function createFunction(name: string, options: FunctionOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  const base = options.basePath ?? `/api/${name}`;
  const owns = base === '' ? (path: string) => !path.startsWith('/api/') : (path: string) => path === base || path.startsWith(`${base}/`);
  const context = requestContext(name);
  let limit: MiddlewareHandler<AppEnv> | undefined;

  const guarded: MiddlewareHandler<AppEnv> = async (c, next) => {
    setSecurityHeaders(c);
    if (bodyless.has(c.req.method)) return next();
    const refused = csrfProblem(c);
    if (refused) return problemResponse(c, refused);
    const streamed = options.streamedBodyLimit?.(c.req.path);
    if (streamed !== undefined) return limitStreamedBody(c, next, streamed);
    limit ??= bodyLimit({
      maxSize: options.bodyLimitBytes ?? c.get('runtime').config.BODY_LIMIT_BYTES,
      onError: (c) => problemResponse(c, new HttpProblem(413, 'payload-too-large', `The request body is larger than ${options.bodyLimitBytes ?? c.get('runtime').config.BODY_LIMIT_BYTES} bytes.`)),
    });
    return limit(c, next);
  };

  app.use('*', (c, next) => {
    if (!owns(c.req.path)) return next();
    // The bundled host has already run the request context; a Worker's function runs its own.
    if (c.get('requestId')) return guarded(c, next);
    return context(c, async () => {
      const early = await guarded(c, next);
      if (early) c.res = early;
    });
  });
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
