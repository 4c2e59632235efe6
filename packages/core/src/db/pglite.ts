import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle } from 'drizzle-orm/pglite';
import * as schema from '@dyocense/db';
import { Mutex } from './mutex';
import type { Database, Drizzle } from './types';
import { rowsOf } from './types';

export interface PgliteOptions {
  /** A directory to persist to; omitted: in memory. */
  dataDir?: string;
  /** A gzip tarball from dumpDataDir() to start from (tests clone a migrated snapshot). */
  loadDataDir?: Blob | File;
}

/** Starts embedded PostgreSQL (PGlite) with pgvector available. Node only. */
export async function startPglite(options: PgliteOptions = {}): Promise<PGlite> {
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { vector },
  });
}

/**
 * Wraps a migrated PGlite as the app role. PGlite's one session always belongs to its
 * superuser, so the app role is taken with SET ROLE (RLS applies to every query the app
 * makes; only code that deliberately runs RESET ROLE could step out, which is why a server
 * deployment logs in as the app role instead). PGlite is a single connection: a query
 * issued while another caller's transaction is open would run inside it, so every unit of
 * work (a transaction or a lone statement) takes the same lock.
 */
export async function openPglite(pg: PGlite, appRole: string): Promise<Database> {
  await pg.exec(`SET ROLE ${appRole}`);
  const db = drizzle({ client: pg, schema }) as unknown as Drizzle;
  const lock = new Mutex();
  return {
    kind: 'pglite',
    transaction: (fn) => lock.run(() => db.transaction(fn as never) as never),
    query: (statement) => lock.run(async () => rowsOf(await db.execute(statement))),
    close: () => lock.run(() => pg.close()),
  };
}
