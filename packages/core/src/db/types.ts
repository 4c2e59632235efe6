import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type * as schema from '@dyocense/db';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. */
export type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;
/** A drizzle transaction, whichever driver is underneath. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The one way the app talks to PostgreSQL, as the app role (RLS applies). Embedded PGlite
 * and server PostgreSQL look the same from here: results are plain row arrays.
 */
export interface Database {
  readonly kind: DatabaseKind;
  /** Runs fn in a transaction. Tenant work goes through withTenant() instead. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** One statement outside any transaction (used for the audited SECURITY DEFINER lookups). */
  query<Row extends Record<string, unknown>>(statement: SQL): Promise<Row[]>;
  close(): Promise<void>;
}

/** `execute()` returns an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as Row[]) : [];
}

/** Runs `execute` on a transaction and normalises the result to rows. */
export async function executeRows<Row extends Record<string, unknown>>(tx: Tx | Drizzle, statement: SQL): Promise<Row[]> {
  return rowsOf<Row>(await tx.execute(statement));
}
