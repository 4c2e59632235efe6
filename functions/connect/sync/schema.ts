import { z } from '@hono/zod-openapi';

export const SourceIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'The data source.' }) });

export const SyncQuery = z.object({
  wait: z.coerce
    .number()
    .int()
    .min(0)
    .max(60)
    .default(0)
    .openapi({ description: 'Seconds to wait for the sync to finish before answering (0: answer at once with 202).' }),
});

export const SyncRunView = z
  .object({
    id: z.uuid(),
    sourceId: z.uuid(),
    kind: z.string().openapi({ description: '`backfill` on the first sync of a source, then `incremental`.' }),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    recordsIn: z.number().int().openapi({ description: 'Orders (Shopify) or report days (QuickBooks) read so far.' }),
    recordsOut: z.number().int().openapi({ description: 'Metric points written so far.' }),
    durationMs: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .openapi('SyncRun');
