import { z } from 'zod';
import { defineJobKind } from '../registry';

/** Diagnostic job kinds: they prove the transports, the pool and retries work. */

/** The smallest real job: proves the three transports end to end. */
export const sumJob = defineJobKind({
  kind: 'diagnostics.sum',
  payload: z.object({ numbers: z.array(z.number().finite()).min(1).max(1_000_000) }),
  compute: ({ numbers }) => ({ sum: numbers.reduce((a, b) => a + b, 0), count: numbers.length }),
});

/** Burns CPU for a while: shows heavy work leaves the request event loop alone. */
export const spinJob = defineJobKind({
  kind: 'diagnostics.spin',
  payload: z.object({ milliseconds: z.number().int().min(1).max(10_000) }),
  compute: ({ milliseconds }) => {
    const until = performance.now() + milliseconds;
    let iterations = 0;
    while (performance.now() < until) iterations++;
    return { iterations };
  },
});

/** Fails its first `failures` attempts: exercises retries with backoff. */
export const flakyJob = defineJobKind({
  kind: 'diagnostics.flaky',
  payload: z.object({ failures: z.number().int().min(0).max(10) }),
  compute: ({ failures }, ctx) => {
    if (ctx.attempt <= failures) throw new Error(`planned failure on attempt ${ctx.attempt}`);
    return { succeededOnAttempt: ctx.attempt };
  },
});

export const diagnosticJobs = [sumJob, spinJob, flakyJob];
