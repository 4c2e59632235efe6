import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePgliteDb } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgresDb } from 'drizzle-orm/postgres-js/migrator';
import { migrationsFolder } from '@dyocense/db/paths';

/** Any number of processes may start at once: an advisory lock lets one migrate at a time. */
const MIGRATION_LOCK = 727_001;

/** Applies pending migrations to a server PostgreSQL, as the URL's (owner) user. Node only. */
export async function migratePostgres(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgresDb(drizzlePostgres({ client: sql }), { migrationsFolder });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Applies pending migrations to PGlite, as its superuser, before the app role takes over. */
export async function migratePglite(pg: PGlite): Promise<void> {
  await migratePgliteDb(drizzlePglite({ client: pg }), { migrationsFolder });
}
