import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { JobRunner } from './execute';

export interface WorkerPool {
  runner: JobRunner;
  close(): Promise<void>;
}

/**
 * Worker threads for heavy work: the request event loop never runs a solver. `warmThreads`
 * start at once and stay (a thread takes seconds to load the engines); the rest start on
 * demand and idle out. The entry is TypeScript source, so threads load tsx the way the main
 * process does.
 */
export function createWorkerPool(options: { maxThreads?: number; warmThreads?: number } = {}): WorkerPool {
  const filename = new URL('./worker-thread.ts', import.meta.url).href;
  const maxThreads = options.maxThreads ?? Math.max(1, availableParallelism() - 1);
  const pool = new Piscina({
    filename,
    minThreads: Math.min(options.warmThreads ?? 0, maxThreads),
    maxThreads,
    idleTimeout: 30_000,
    execArgv: ['--import', 'tsx'],
  });
  return {
    runner: (kind, payload, ctx) => pool.run({ kind, payload, ctx }),
    close: () => pool.destroy(),
  };
}
