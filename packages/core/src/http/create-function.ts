import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import { HttpProblem } from '../errors';
import { csrfGuard } from './csrf';
import type { AppEnv } from './env';
import { onError, onNotFound, problemResponse, validationHook } from './problems';
import { requestContext } from './request-context';

export interface FunctionOptions {
  /** Overrides the configured body limit (uploads need more, most routes less). */
  bodyLimitBytes?: number;
  /** The paths this function owns; default `/api/<name>`. The portal owns everything else (''). */
  basePath?: string;
}

/**
 * The base of every Dyocense function: an OpenAPIHono with request ids and access logs,
 * problem+json errors (zod failures → 400 with field errors), secure headers, a body-size
 * limit and the CSRF guard. Authentication and rate limits are per route (requireAuth,
 * rateLimit), since some routes (login, webhooks) must work without a session.
 *
 * The standard middleware only runs for the function's own paths: when the Node server
 * mounts every function into one app, each request pays for one stack, not one per function.
 */
export function createFunction(name: string, options: FunctionOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  const base = options.basePath ?? `/api/${name}`;
  const owns = base === '' ? (path: string) => !path.startsWith('/api/') : (path: string) => path === base || path.startsWith(`${base}/`);
  const limit: MiddlewareHandler<AppEnv> = (c, next) => {
    const maxSize = options.bodyLimitBytes ?? c.get('runtime').config.BODY_LIMIT_BYTES;
    return bodyLimit({
      maxSize,
      onError: (c) => problemResponse(c, new HttpProblem(413, 'payload-too-large', `The request body is larger than ${maxSize} bytes.`)),
    })(c, next);
  };
  const standard = every(requestContext(name), secureHeaders({ crossOriginResourcePolicy: 'same-origin' }), limit, csrfGuard());
  app.use('*', (c, next) => (owns(c.req.path) ? standard(c, next) : next()));
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
