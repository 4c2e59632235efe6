// Composes every function into the one Node server (also what the tests start).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Scalar } from '@scalar/hono-api-reference';
import { createHost, type Runtime } from '@dyocense/core';
import auth from '@dyocense/fn-auth';
import compute from '@dyocense/fn-compute';
import forecast from '@dyocense/fn-forecast';
import connect from '@dyocense/fn-connect';
import evidence from '@dyocense/fn-evidence';
import coach from '@dyocense/fn-coach';
import goals from '@dyocense/fn-goals';
import metrics from '@dyocense/fn-metrics';
import optimize from '@dyocense/fn-optimize';
import portal from '@dyocense/fn-portal';

const require = createRequire(import.meta.url);
let scalarBundle: Promise<string> | undefined;

export function buildServer(runtime: Runtime) {
  const host = createHost(() => runtime, [
    { name: 'auth', app: auth },
    { name: 'compute', app: compute },
    { name: 'metrics', app: metrics },
    { name: 'goals', app: goals },
    { name: 'coach', app: coach },
    { name: 'optimize', app: optimize },
    { name: 'forecast', app: forecast },
    { name: 'connect', app: connect },
    { name: 'evidence', app: evidence },
  ]);

  // API docs, self-hosted: the page must work offline, so Scalar's script comes from us.
  host.get('/api/docs', Scalar({ url: '/api/openapi.json', cdn: '/api/docs/scalar.js', pageTitle: 'Dyocense API', withDefaultFonts: false }));
  host.get('/api/docs/scalar.js', async (c) => {
    scalarBundle ??= readFile(join(dirname(require.resolve('@scalar/api-reference')), 'browser', 'standalone.js'), 'utf8');
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=86400');
    return c.body(await scalarBundle);
  });

  host.route('/', portal);
  return host;
}
