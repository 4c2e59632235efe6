import { EventEmitter } from 'node:events';
import type { Database } from '@dyocense/core';
import { saveProgress } from './store';
import type { ImportView } from './schema';

export type ImportEvent =
  | { type: 'progress'; id: string; rowsRead: number; bytes: number }
  | { type: 'completed' | 'failed'; id: string; import: ImportView; problem?: unknown };

/**
 * Live progress of the imports this process runs, for the SSE streams it serves. What
 * matters survives elsewhere: rows read are also written to the import's row (about once a
 * second), so a stream served by another process follows the same import from the database.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);

export const subscribe = (id: string, listener: (event: ImportEvent) => void) => {
  bus.on(id, listener);
  return () => void bus.off(id, listener);
};

export const publish = (event: ImportEvent) => void bus.emit(event.id, event);

const PUBLISH_MS = 200;
const PERSIST_MS = 1000;

/** Counts rows as they are read; publishes at most every 200 ms and persists about every second. */
export class ProgressReporter {
  private rows = 0;
  private lastPublished = 0;
  private lastPersisted = 0;
  private persisting: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
    readonly id: string,
    private readonly bytes: () => number,
  ) {}

  get rowsRead() {
    return this.rows;
  }

  row() {
    this.rows++;
    if ((this.rows & 1023) !== 0) return; // the clock is read every 1,024 rows, not every row
    const now = performance.now();
    if (now - this.lastPublished < PUBLISH_MS) return;
    this.lastPublished = now;
    publish({ type: 'progress', id: this.id, rowsRead: this.rows, bytes: this.bytes() });
    // One write in flight at most, never awaited: on PGlite (one connection) it waits for the
    // import's transaction, and the import must not wait for it.
    if (now - this.lastPersisted >= PERSIST_MS && !this.persisting) {
      this.lastPersisted = now;
      this.persisting = saveProgress(this.db, this.tenantId, this.id, this.rows, this.bytes())
        .catch(() => {})
        .finally(() => (this.persisting = null));
    }
  }

  /** Lets a pending progress write land before the final state is written over it. */
  async settle() {
    await this.persisting;
  }
}
