import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { HttpProblem } from '../errors';
import { csrfGuard } from './csrf';
import type { AppEnv } from './env';
import { onError, onNotFound, problemResponse, validationHook } from './problems';
import { requestContext } from './request-context';

export interface FunctionOptions {
  /** Overrides the configured body limit (uploads need more, most routes less). */
  bodyLimitBytes?: number;
}

/**
 * The base of every Dyocense function: an OpenAPIHono with request ids and access logs,
 * problem+json errors (zod failures → 400 with field errors), secure headers, a body-size
 * limit and the CSRF guard. Authentication and rate limits are per route (requireAuth,
 * rateLimit), since some routes (login, webhooks) must work without a session.
 */
export function createFunction(name: string, options: FunctionOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
  app.use('*', requestContext(name));
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use('*', async (c, next) => {
    const maxSize = options.bodyLimitBytes ?? c.get('runtime').config.BODY_LIMIT_BYTES;
    return bodyLimit({
      maxSize,
      onError: (c) => problemResponse(c, new HttpProblem(413, 'payload-too-large', `The request body is larger than ${maxSize} bytes.`)),
    })(c, next);
  });
  app.use('*', csrfGuard());
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
