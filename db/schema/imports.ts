import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from './columns';
import { tenants, users } from './identity';

export const importFormats = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];
export const importStatuses = ['running', 'succeeded', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** One file uploaded to /api/connect/import: who, what, how it went. */
export const imports = pgTable(
  'imports',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: importFormats }).notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('running'),
    /** Data rows read (the header not counted); while running, the last progress written. */
    rowsRead: integer('rows_read').notNull().default(0),
    /** Points written (new ones and ones replacing the same point from an earlier import). */
    pointsWritten: integer('points_written').notNull().default(0),
    /** Distinct series (metric + dimensions) written. */
    series: integer('series').notNull().default(0),
    /** The span of the points written. */
    timeFrom: timestamp('time_from', { withTimezone: true }),
    timeTo: timestamp('time_to', { withTimezone: true }),
    errorCount: integer('error_count').notNull().default(0),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    /** The column mapping used, whether detected or sent. */
    mapping: jsonb('mapping'),
    warnings: jsonb('warnings').notNull().default([]),
    /** Why a failed import failed, in one sentence. */
    failure: text('failure'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
  },
  (t) => [index('imports_tenant_created_idx').on(t.tenantId, t.createdAt)],
);

/** The rows of a failed import that could not be read: the downloadable error report. */
export const importErrors = pgTable(
  'import_errors',
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    row: integer('row').notNull(),
    column: text('column').notNull(),
    value: text('value').notNull(),
    message: text('message').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.position] })],
);
