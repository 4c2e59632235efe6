import { sql, type SQL } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import type { Tx } from '@dyocense/core';
import type { CleanPoint } from './points';

/**
 * The staging tables of one import: temporary (private to the session, never WAL-logged),
 * dropped at commit, gone on rollback. They have no tenant column — the tenant is stamped
 * when rows move to business_metrics, under the tenant's row-level security. CHUNK holds the
 * chunk on its way into business_metrics; STAGE the points kept for the upsert at the end.
 */
export const STAGE = 'metrics_bulk_stage';
export const CHUNK = 'metrics_bulk_chunk';
export type StageTable = typeof STAGE | typeof CHUNK;

export async function createStage(tx: Tx): Promise<void> {
  await tx.execute(
    sql.raw(`create temp table ${STAGE} (
      row int not null, metric text not null, time timestamptz not null, value float8 not null,
      unit text not null, source text not null, dimensions jsonb not null, dims_key text not null
    ) on commit drop`),
  );
  await tx.execute(sql.raw(`create temp table ${CHUNK} (like ${STAGE}) on commit drop`));
}

/**
 * Collects checked points. `add` is synchronous (it only formats the row); `take` hands over
 * the points collected so far as a function that writes them into a staging table — called
 * later, once the chunk before has left the chunk table.
 */
export interface StageWriter {
  add(row: number, point: CleanPoint): void;
  /** Size of the points collected so far, in bytes of COPY text (0 where rows are not text yet). */
  readonly bytes: number;
  take(): (table: StageTable) => Promise<void>;
}

/** COPY text format: backslash, tab, newline and carriage return are escaped. */
export const copyText = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s);

/** COPY … FROM STDIN of ready-made text on the transaction's own connection (postgres.js). */
export async function copyIn(tx: Tx, table: string, pieces: Buffer[]): Promise<void> {
  const client = rawClient(tx) as { unsafe(q: string): { writable(): Promise<Writable> } };
  const stream = await client.unsafe(`copy ${table} from stdin`).writable();
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    for (const piece of pieces) stream.write(piece);
    stream.end(() => resolve());
  });
}

/** Bytes of text kept as one Buffer: a line built from a template is a rope of small strings, ~8× its size (measured). */
const PIECE_BYTES = 64 * 1024;

/**
 * COPY text gathered line by line into 64 KB Buffers: compact to hold, and one COPY message
 * per piece (a write per line costs a message each: 42k day totals took 0.6 s that way).
 */
export class CopyLines {
  #pieces: Buffer[] = [];
  #text = '';
  #bytes = 0;

  /** Characters added since the last `take`. */
  get bytes(): number {
    return this.#bytes;
  }

  add(line: string): void {
    this.#text += line;
    this.#bytes += line.length;
    if (this.#text.length >= PIECE_BYTES) {
      this.#pieces.push(Buffer.from(this.#text));
      this.#text = '';
    }
  }

  /** Hands over everything added so far and starts afresh. */
  take(): Buffer[] {
    if (this.#text) this.#pieces.push(Buffer.from(this.#text));
    const taken = this.#pieces;
    this.#pieces = [];
    this.#text = '';
    this.#bytes = 0;
    return taken;
  }
}

/** postgres.js: one COPY per chunk (rows go in as tab-separated text). */
function copyWriter(tx: Tx): StageWriter {
  const lines = new CopyLines();
  return {
    get bytes() {
      return lines.bytes;
    },
    add(row, p) {
      lines.add(`${row}\t${copyText(p.metric)}\t${p.time}\t${p.value}\t${copyText(p.unit)}\t${copyText(p.source)}\t${copyText(JSON.stringify(p.dimensions))}\t${copyText(p.dims_key)}\n`);
    },
    take() {
      const taken = lines.take();
      return async (table) => {
        if (taken.length) await copyIn(tx, table, taken);
      };
    },
  };
}

/** Inserts objects into `table` through jsonb_to_recordset, `columns` naming their fields and types. */
export async function insertJsonRecords(tx: Tx, table: SQL, columns: SQL, records: object[], perStatement = 20_000): Promise<void> {
  for (let i = 0; i < records.length; i += perStatement) {
    const chunk = JSON.stringify(records.slice(i, i + perStatement));
    await tx.execute(sql`insert into ${table} select * from jsonb_to_recordset(${chunk}::jsonb) as r(${columns})`);
  }
}

const STAGE_COLUMNS = sql`row int, metric text, time timestamptz, value float8, unit text, source text, dimensions jsonb, dims_key text`;

/**
 * PGlite: its COPY reads only from a server file (/dev/blob), which the app role may not
 * do; measured alternatives were equal (jsonb_to_recordset and unnest of arrays, ~50k
 * rows/s), so rows go in through jsonb_to_recordset, a few thousand per statement.
 */
function jsonWriter(tx: Tx): StageWriter {
  let rows: (CleanPoint & { row: number })[] = [];
  return {
    bytes: 0,
    add(row, p) {
      rows.push({ row, ...p });
    },
    take() {
      const all = rows;
      rows = [];
      return (table) => insertJsonRecords(tx, sql.raw(table), STAGE_COLUMNS, all, 5_000);
    },
  };
}

export function stageWriter(tx: Tx, kind: 'postgres' | 'pglite'): StageWriter {
  return kind === 'postgres' ? copyWriter(tx) : jsonWriter(tx);
}

/**
 * The driver connection under a drizzle transaction (postgres.js: the transaction's reserved
 * connection), for COPY, which drizzle does not expose.
 */
function rawClient(tx: Tx): unknown {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('bulk ingest: no driver connection under this transaction');
  return client;
}
