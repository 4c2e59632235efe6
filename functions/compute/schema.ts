import { z } from '@hono/zod-openapi';
import type { JobView } from '@dyocense/core';

export const DeliveryBody = z.object({ tenantId: z.uuid(), jobId: z.uuid() }).openapi('JobDelivery');

export const JobViewSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    attempts: z.number().int(),
    result: z.unknown(),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Job');

/** A job as JSON: dates as ISO strings. */
export const serializeJob = (job: JobView) => ({
  ...job,
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});
