// Cloudflare Workers entry helpers: one function (or a few) per Worker, PostgreSQL through
// Hyperdrive, heavy work handed to functions/compute over HTTP or QStash.
import type { Context } from 'hono';
import { loadConfig, type Config } from './config';
import { openPostgres } from './db/postgres';
import { createHost, type HostedFunction } from './host';
import type { AppEnv } from './http/env';
import { createDispatcher } from './jobs/dispatcher';
import { qstashPublisher } from './jobs/qstash';
import { createLogger } from './log';
import type { Runtime } from './runtime';

export interface EdgeBindings {
  /** Hyperdrive binding whose connection string logs in as the app role. */
  HYPERDRIVE?: { connectionString: string };
  [name: string]: unknown;
}

let cachedConfig: { source: EdgeBindings; config: Config } | undefined;

function configOf(env: EdgeBindings): Config {
  if (cachedConfig?.source === env) return cachedConfig.config;
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const config = loadConfig({ JOBS_TRANSPORT: 'qstash', ...strings, DATABASE_URL: env.HYPERDRIVE?.connectionString ?? strings.DATABASE_URL });
  cachedConfig = { source: env, config };
  return config;
}

/**
 * A Worker's runtime is per request: Workers forbid using one request's sockets in another,
 * and Hyperdrive pools the real connections, so a client per request is the cheap, correct
 * shape. The client is not ended explicitly (postgres.js's end() rejects inside workerd);
 * its single idle socket is dropped with the request.
 */
function edgeRuntime(c: Context<AppEnv>): Runtime {
  const env = (c.env ?? {}) as EdgeBindings;
  const config = configOf(env);
  if (!config.DATABASE_URL) throw new Error('a HYPERDRIVE binding (or DATABASE_URL) is required on the edge');
  const db = openPostgres({ url: config.DATABASE_URL, max: 1, edge: true });
  const log = createLogger(config.LOG_LEVEL, { app: 'dyocense', runtime: 'workers' });
  const jobs = createDispatcher({
    transport: config.JOBS_TRANSPORT === 'inline' ? 'http' : config.JOBS_TRANSPORT,
    db,
    log,
    computeUrl: config.COMPUTE_URL,
    computeToken: config.COMPUTE_TOKEN,
    publish: config.JOBS_TRANSPORT === 'qstash' && config.QSTASH_TOKEN ? qstashPublisher(config) : undefined,
  });
  return { config, db, jobs, log };
}

/** The Worker's `export default`: the given functions behind the standard host. */
export function createEdgeWorker(functions: HostedFunction[]) {
  const host = createHost(edgeRuntime, functions);
  return { fetch: host.fetch };
}
