import { sql } from 'drizzle-orm';
import { pgErrorCode, type Tx } from '@dyocense/core';
import { CHUNK, STAGE, type StageWriter } from './bulk-stage';
import type { CleanPoint } from './points';

/** Makes sure the monthly partitions reaching from `from` to `to` (ISO times) exist. */
export type EnsurePartitions = (from: string, to: string) => Promise<void>;

/** Chunks handed to the database ahead of the reader: one being written, one waiting. */
const AHEAD = 2;
/**
 * A chunk is shipped at `chunkRows` points or this much COPY text, whichever comes first:
 * with two chunks ahead and one being collected, some 12 MB of text is held at most.
 */
const CHUNK_BYTES = 4 * 2 ** 20;
/** While chunks are in flight the reader lets the event loop run this often (points), or replies would wait for it. */
const YIELD_EVERY = 256;

interface Chunk {
  min: string;
  max: string;
}

/**
 * Loads an import chunk by chunk while it is still being read: each full chunk is copied
 * into the chunk table and moved from there into business_metrics with one plain INSERT in a
 * savepoint, while the reader checks and formats the next. (Staging the whole file and then
 * inserting it left the database idle while the file was read and the reader idle while the
 * database inserted; the two took about as long.)
 *
 * Points go to the stage instead, for the upsert at the end, from the first chunk that meets
 * a stored point (a re-import, an overlap with earlier data, or the file repeating a point;
 * that chunk's savepoint is rolled back) or from `toStage()` on. `direct` says whether any
 * chunk went straight in (a staged point may then repeat one of them).
 */
export class ChunkLoader {
  /** True once points go to the stage. */
  staged = false;
  /** True once a chunk went straight into business_metrics. */
  direct = false;
  #rows = 0;
  #min = '';
  #max = '';
  /** Months (YYYY-MM) known to have partitions: a chunk within them needs no DDL. */
  #covered: [string, string] | null = null;
  /** Chunks not yet awaited by the reader, oldest first; each runs after the one before and never rejects. */
  #pending: Promise<void>[] = [];
  #chain: Promise<void> = Promise.resolve();
  #failure: { error: unknown } | null = null;
  #stageNext = false;

  constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
    private readonly writer: StageWriter,
    private readonly ensurePartitions: EnsurePartitions,
    private readonly chunkRows: number,
  ) {}

  /** Adds a checked point; returns a promise only when the reader should wait or let replies in. */
  add(row: number, point: CleanPoint): Promise<void> | void {
    this.writer.add(row, point);
    if (this.#rows === 0) this.#min = this.#max = point.time;
    else if (point.time < this.#min) this.#min = point.time;
    else if (point.time > this.#max) this.#max = point.time;
    if (++this.#rows === this.chunkRows || this.writer.bytes >= CHUNK_BYTES) {
      this.#ship();
      if (this.#pending.length >= AHEAD) return this.#settle(AHEAD - 1);
    }
    if (this.#pending.length && this.#rows % YIELD_EVERY === 0) return new Promise((resolve) => setImmediate(resolve));
  }

  /** Sends the chunk being collected, and every later one, to the stage (the day totals outgrew memory). */
  toStage(): void {
    this.#stageNext = true;
  }

  /** Ships the last chunk and waits for every chunk to be written; rethrows a chunk's failure. */
  async end(): Promise<void> {
    if (this.#rows > 0) this.#ship();
    await this.#settle(0);
  }

  /** Waits for chunks in flight without shipping more (before a rollback, which must not race them). */
  async abandon(): Promise<void> {
    await this.#chain;
  }

  #ship(): void {
    const chunk: Chunk = { min: this.#min, max: this.#max };
    const toStage = this.#stageNext;
    this.#rows = 0;
    // The rows are taken now; they enter the database once the chunk before has left the chunk table.
    const write = this.writer.take();
    this.#chain = this.#chain
      .then(async () => {
        if (this.#failure) return;
        if (toStage) this.staged = true;
        if (this.staged) return write(STAGE);
        await write(CHUNK);
        await this.#insert(chunk);
      })
      .catch((error: unknown) => {
        this.#failure ??= { error };
      });
    this.#pending.push(this.#chain);
  }

  async #settle(most: number): Promise<void> {
    while (this.#pending.length > most && !this.#failure) await this.#pending.shift();
    if (this.#failure) throw this.#failure.error;
  }

  /** Chunk table → business_metrics, or → stage when it meets a stored point. Leaves the chunk table empty. */
  async #insert(chunk: Chunk): Promise<void> {
    const [first, last] = [chunk.min.slice(0, 7), chunk.max.slice(0, 7)]; // months, as YYYY-MM
    if (!this.#covered || first < this.#covered[0] || last > this.#covered[1]) {
      await this.ensurePartitions(chunk.min, chunk.max);
      this.#covered = this.#covered ? [first < this.#covered[0] ? first : this.#covered[0], last > this.#covered[1] ? last : this.#covered[1]] : [first, last];
    }
    try {
      // In a savepoint: postgres.js fails the whole transaction on an error its savepoint did not catch.
      await this.tx.transaction((sp) =>
        sp.execute(sql`insert into business_metrics (tenant_id, metric, time, value, unit, source, dimensions, dims_key)
          select ${this.tenantId}::uuid, metric, time, value, unit, source, dimensions, dims_key from ${sql.raw(CHUNK)}`),
      );
      this.direct = true;
    } catch (err) {
      if (pgErrorCode(err) !== '23505') throw err;
      this.staged = true;
      await this.tx.execute(sql.raw(`insert into ${STAGE} select * from ${CHUNK}`));
    }
    await this.tx.execute(sql.raw(`truncate ${CHUNK}`));
  }
}
