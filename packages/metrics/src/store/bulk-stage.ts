import { sql } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import type { Tx } from '@dyocense/core';
import type { CleanPoint } from './points';

/**
 * The staging table of one import: temporary (private to the session, never WAL-logged),
 * dropped at commit, gone on rollback. It has no tenant column — the tenant is stamped when
 * rows move to business_metrics, under the tenant's row-level security.
 */
export const STAGE = 'metrics_bulk_stage';

export async function createStage(tx: Tx): Promise<void> {
  await tx.execute(
    sql.raw(`create temp table ${STAGE} (
      row int not null, metric text not null, time timestamptz not null, value float8 not null,
      unit text not null, source text not null, dimensions jsonb not null, dims_key text not null
    ) on commit drop`),
  );
}

/** Appends checked points to the staging table; `end()` flushes and must be awaited. */
export interface StageWriter {
  write(row: number, point: CleanPoint): Promise<void> | void;
  end(): Promise<void>;
}

/** COPY text format: backslash, tab, newline and carriage return are escaped. */
const copyText = (s: string) => (/[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s);

const CHUNK_BYTES = 256 * 1024;

/** postgres.js: COPY … FROM STDIN on the transaction's own connection, with backpressure. */
async function copyWriter(tx: Tx): Promise<StageWriter> {
  const client = rawClient(tx) as { unsafe(q: string): { writable(): Promise<Writable> } };
  const stream = await client.unsafe(`copy ${STAGE} from stdin`).writable();
  let failed: Error | undefined;
  let wake = () => {};
  stream.on('error', (e) => {
    failed = e;
    wake();
  });
  stream.on('drain', () => wake());
  let buffer = '';
  const flush = async () => {
    if (failed) throw failed;
    if (!buffer) return;
    const chunk = buffer;
    buffer = '';
    if (!stream.write(chunk)) await new Promise<void>((resolve) => (wake = resolve));
    if (failed) throw failed;
  };
  return {
    write(row, p) {
      buffer += `${row}\t${copyText(p.metric)}\t${p.time}\t${p.value}\t${copyText(p.unit)}\t${copyText(p.source)}\t${copyText(JSON.stringify(p.dimensions))}\t${copyText(p.dims_key)}\n`;
      return buffer.length >= CHUNK_BYTES ? flush() : undefined;
    },
    async end() {
      await flush();
      await new Promise<void>((resolve) => {
        wake = resolve;
        stream.end(resolve);
      });
      if (failed) throw failed;
    },
  };
}

const JSON_CHUNK_ROWS = 5_000;

/**
 * PGlite: its COPY reads only from a server file (/dev/blob), which the app role may not
 * do; measured alternatives were equal (jsonb_to_recordset and unnest of arrays, ~50k
 * rows/s), so rows go in chunks through jsonb_to_recordset.
 */
function jsonWriter(tx: Tx): StageWriter {
  let rows: (CleanPoint & { row: number })[] = [];
  const flush = async () => {
    if (!rows.length) return;
    const chunk = JSON.stringify(rows);
    rows = [];
    await tx.execute(sql`insert into ${sql.raw(STAGE)}
      select * from jsonb_to_recordset(${chunk}::jsonb)
        as p(row int, metric text, time timestamptz, value float8, unit text, source text, dimensions jsonb, dims_key text)`);
  };
  return {
    write(row, p) {
      rows.push({ row, ...p });
      return rows.length >= JSON_CHUNK_ROWS ? flush() : undefined;
    },
    end: flush,
  };
}

export function stageWriter(tx: Tx, kind: 'postgres' | 'pglite'): Promise<StageWriter> | StageWriter {
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
