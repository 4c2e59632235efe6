import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '@dyocense/db';
import type { Database, Drizzle } from './types';
import { rowsOf } from './types';

export interface PostgresOptions {
  url: string;
  /** SET ROLE to this on every connection (when the URL logs in as the owner). */
  role?: string;
  max?: number;
  /** Workers: no prepared statements across Hyperdrive, and short-lived sockets. */
  edge?: boolean;
}

/** Server PostgreSQL through postgres.js. Edge-safe (cloudflare:sockets under nodejs_compat). */
export function openPostgres(options: PostgresOptions): Database {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.role ? { connection: { role: options.role } } : {}),
    ...(options.edge ? { prepare: false, fetch_types: false } : {}),
  });
  const db = drizzle({ client: sql, schema }) as unknown as Drizzle;
  return {
    kind: 'postgres',
    transaction: (fn) => db.transaction(fn as never) as never,
    query: async (statement) => rowsOf(await db.execute(statement)),
    close: () => sql.end({ timeout: 5 }),
  };
}
