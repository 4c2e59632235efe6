import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { JobRunner } from './execute';

export interface WorkerPool {
  runner: JobRunner;
  close(): Promise<void>;
}

/**
 * Worker threads for heavy work: the request event loop never runs a solver. Threads start
 * lazily and idle out, so an idle server holds none. The entry is TypeScript source, so
 * threads load tsx the way the main process does.
 */
export function createWorkerPool(options: { maxThreads?: number } = {}): WorkerPool {
  const filename = new URL('./worker-thread.ts', import.meta.url).href;
  const pool = new Piscina({
    filename,
    minThreads: 0,
    maxThreads: options.maxThreads ?? Math.max(1, availableParallelism() - 1),
    idleTimeout: 30_000,
    execArgv: ['--import', 'tsx'],
  });
  return {
    runner: (kind, payload, ctx) => pool.run({ kind, payload, ctx }),
    close: () => pool.destroy(),
  };
}
