import type { JobStatus } from '@dyocense/db';

export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  attempts: number;
  result: unknown;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface SubmitOptions {
  /** Same key, same tenant and kind → the same job: submitted twice, applied once. */
  idempotencyKey?: string;
  maxAttempts?: number;
}

/**
 * Heavy work leaves the request's event loop through here. Whether it runs on this
 * process's worker threads, on functions/compute over HTTP, or via QStash is configuration.
 */
export interface JobDispatcher {
  readonly transport: 'inline' | 'http' | 'qstash';
  /** Records the job and starts it; resolves once it is recorded (not finished). */
  submit(tenantId: string, kind: string, payload: unknown, options?: SubmitOptions): Promise<JobView>;
  /** Submits and waits for the outcome (up to timeoutMs; then returns the job as it stands). */
  run(tenantId: string, kind: string, payload: unknown, options?: SubmitOptions & { timeoutMs?: number }): Promise<JobView>;
  get(tenantId: string, jobId: string): Promise<JobView | null>;
  close(): Promise<void>;
}
