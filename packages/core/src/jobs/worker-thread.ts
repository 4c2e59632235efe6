// Entry point of the job worker threads (piscina). Loads the job kinds once per thread.
import { jobKinds } from './kinds';
import type { JobContext } from './registry';

export default async function runJob(task: { kind: string; payload: unknown; ctx: JobContext }): Promise<unknown> {
  const kind = jobKinds.get(task.kind);
  if (!kind) throw new Error(`unknown job kind ${task.kind}`);
  return kind.compute(kind.payload.parse(task.payload), task.ctx);
}
