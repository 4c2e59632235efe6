// Node-only parts of @dyocense/core: the embedded database, migrations, worker threads.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { Config } from './config';
import { migratePglite, migratePostgres } from './db/migrate';
import { openPglite, startPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import type { Database } from './db/types';
import { createDispatcher } from './jobs/dispatcher';
import { jobKinds } from './jobs/kinds';
import { startJobPoller } from './jobs/poller';
import { qstashPublisher } from './jobs/qstash';
import { createWorkerPool } from './jobs/pool';
import { createLogger, type Logger } from './log';
import type { Runtime } from './runtime';

export { migratePglite, migratePostgres } from './db/migrate';
export { startPglite, openPglite } from './db/pglite';
export { createWorkerPool } from './jobs/pool';
export { startJobPoller } from './jobs/poller';
export { jobKinds } from './jobs/kinds';

export interface NodeRuntime extends Runtime {
  /** Stops the job poller, the worker threads and the database. */
  close(): Promise<void>;
  /** Set when the database is the embedded PGlite. */
  pglite?: PGlite;
}

export interface NodeRuntimeOptions {
  /** Use this (already migrated) PGlite instead of opening DATA_DIR (tests clone a snapshot). */
  pglite?: PGlite;
  log?: Logger;
  /** Skip migrations (the caller already ran them). */
  migrated?: boolean;
  /** Run the background poller for retries and orphaned jobs (default on for inline). */
  poller?: boolean;
  publish?: Parameters<typeof createDispatcher>[0]['publish'];
}

/** Opens the configured database as the app role, migrating it first. */
export async function openDatabase(config: Config, options: NodeRuntimeOptions = {}): Promise<{ db: Database; pglite?: PGlite }> {
  if (config.DATABASE_URL) {
    if (!options.migrated) await migratePostgres(config.DATABASE_URL);
    return { db: await openAppPostgres(config, options.log) };
  }
  let pg = options.pglite;
  if (!pg) {
    const dataDir = resolve(config.DATA_DIR, 'pgdata');
    mkdirSync(resolve(config.DATA_DIR), { recursive: true });
    pg = await startPglite({ dataDir });
  }
  if (!options.migrated) await migratePglite(pg);
  return { db: await openPglite(pg, config.APP_DB_ROLE), pglite: pg };
}

/**
 * The app logs in as its own role, so no RESET ROLE can climb back to the owner. Without
 * APP_DATABASE_URL, the owner URL with the user swapped is tried (trust or shared password);
 * if the server refuses that login, the owner connection SETs ROLE instead, with a warning.
 */
async function openAppPostgres(config: Config, log?: Logger): Promise<Database> {
  const common = { max: config.DATABASE_POOL_SIZE };
  if (config.APP_DATABASE_URL) return openPostgres({ url: config.APP_DATABASE_URL, ...common });
  const url = new URL(config.DATABASE_URL!);
  url.username = config.APP_DB_ROLE;
  const db = openPostgres({ url: url.href, ...common });
  try {
    await db.query(sql`select 1`);
    return db;
  } catch (err) {
    await db.close();
    (log ?? createLogger(config.LOG_LEVEL)).warn('cannot log in as the app role; using SET ROLE on the owner connection (set APP_DATABASE_URL)', {
      error: String(err),
    });
    return openPostgres({ url: config.DATABASE_URL!, role: config.APP_DB_ROLE, ...common });
  }
}

/** The runtime of the bundled Node server: database, job dispatcher (+ threads), logger. */
export async function createNodeRuntime(config: Config, options: NodeRuntimeOptions = {}): Promise<NodeRuntime> {
  const log = options.log ?? createLogger(config.LOG_LEVEL, { app: 'dyocense' });
  const { db, pglite } = await openDatabase(config, { ...options, log });
  // JOBS_WARM_WORKERS threads start now and stay; more start on demand and idle out.
  const pool = createWorkerPool({ maxThreads: config.JOBS_WORKERS, warmThreads: config.JOBS_WARM_WORKERS });
  const jobs = createDispatcher({
    transport: config.JOBS_TRANSPORT,
    db,
    log,
    registry: jobKinds,
    runner: pool.runner,
    retryBaseMs: config.JOBS_RETRY_BASE_MS,
    computeUrl: config.COMPUTE_URL,
    computeToken: config.COMPUTE_TOKEN,
    publish: options.publish ?? (config.JOBS_TRANSPORT === 'qstash' ? qstashPublisher(config) : undefined),
  });
  const poller =
    config.JOBS_TRANSPORT === 'inline' && options.poller !== false
      ? startJobPoller({ db, log, registry: jobKinds, runner: pool.runner, retryBaseMs: config.JOBS_RETRY_BASE_MS })
      : undefined;
  return {
    config,
    db,
    jobs,
    log,
    jobRunner: pool.runner,
    pglite,
    async close() {
      await poller?.stop();
      await pool.close();
      await db.close();
    },
  };
}
