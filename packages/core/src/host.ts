import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from './http/env';
import { onError, onNotFound } from './http/problems';
import { requestContext } from './http/request-context';
import type { Runtime } from './runtime';

export interface HostedFunction {
  name: string;
  app: OpenAPIHono<AppEnv>;
}

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Dyocense API',
    version: '0.1.0',
    description:
      'The business coach whose numbers come from engines. Errors are application/problem+json (RFC 9457) with a stable `type` URN.',
  },
};

/**
 * Mounts functions into one app: the Node server mounts them all, a Worker mounts one.
 * The runtime (database, jobs, config) is provided per request, so the same function code
 * runs in both places.
 */
export function createHost(runtime: (c: Context<AppEnv>) => Runtime | Promise<Runtime>, functions: HostedFunction[]) {
  const host = new OpenAPIHono<AppEnv>();
  host.use('*', async (c, next) => {
    c.set('runtime', await runtime(c));
    return next();
  });
  host.use('*', requestContext('dyocense'));
  host.onError(onError);
  host.notFound(onNotFound);

  host.get('/health', (c) => c.json({ status: 'ok', functions: functions.map((f) => f.name) }));
  host.get('/ready', async (c) => {
    try {
      await c.get('runtime').db.query(sql`select 1 as ok`);
      return c.json({ status: 'ready' });
    } catch (err) {
      c.get('log').error('not ready', { error: String(err) });
      return c.json({ status: 'unavailable', detail: 'The database is not reachable.' }, 503);
    }
  });

  host.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'dyocense_session' });
  host.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (dyo_…) from POST /api/auth/tokens.',
  });
  for (const fn of functions) host.route('/', fn.app);
  host.doc31('/api/openapi.json', openApiInfo);
  return host;
}
