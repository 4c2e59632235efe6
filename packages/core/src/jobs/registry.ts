import type { z } from 'zod';
import type { Tx } from '../db/types';

export interface JobContext {
  tenantId: string;
  jobId: string;
  /** 1 on the first try; handlers may use it to be deterministic about retries. */
  attempt: number;
}

/**
 * A kind of heavy work. `compute` is pure and runs on a worker thread (or in the compute
 * function); `apply`, if present, writes its effect in the same transaction that marks the
 * job succeeded, so the effect happens exactly once.
 */
export interface JobKind<P = unknown, R = unknown> {
  kind: string;
  payload: z.ZodType<P>;
  compute(payload: P, ctx: JobContext): Promise<R> | R;
  apply?(tx: Tx, result: R, ctx: JobContext): Promise<void>;
}

export const defineJobKind = <P, R>(kind: JobKind<P, R>): JobKind<P, R> => kind;

export type JobRegistry = ReadonlyMap<string, JobKind>;

export function createRegistry(kinds: JobKind<any, any>[]): JobRegistry {
  return new Map(kinds.map((k) => [k.kind, k as JobKind]));
}
