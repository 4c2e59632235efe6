import { z } from '@hono/zod-openapi';
import { aggregations, businessAreas, directions, rollupBuckets } from '@dyocense/db';

export const MetricName = z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'lower-case letters, digits and _, starting with a letter');

export const MetricDefinitionView = z
  .object({
    name: z.string(),
    label: z.string(),
    unit: z.string(),
    aggregation: z.enum(aggregations),
    direction: z.enum(directions),
    area: z.enum(businessAreas),
    description: z.string(),
    builtin: z.boolean(),
  })
  .openapi('MetricDefinition');

export const DefineMetricBody = z
  .object({
    name: MetricName,
    label: z.string().trim().min(1).max(100),
    unit: z.string().trim().min(1).max(30),
    aggregation: z.enum(aggregations),
    direction: z.enum(directions),
    area: z.enum(businessAreas),
    description: z.string().max(500).default(''),
  })
  .openapi('DefineMetricRequest');

export const MAX_BATCH = 10_000;

export const PointBody = z.object({
  metric: z.string().min(1).max(60),
  time: z.string().min(1).max(40).openapi({ example: '2026-11-21T00:00:00Z' }),
  value: z.number(),
  unit: z.string().max(30).optional(),
  source: z.string().regex(/^[a-z0-9_.:-]{1,40}$/).optional(),
  dimensions: z.record(z.string(), z.string()).optional(),
});

export const IngestBody = z
  .object({ points: z.array(PointBody).min(1).max(MAX_BATCH) })
  .openapi('IngestRequest', { description: `Up to ${MAX_BATCH} points; all or nothing.` });

export const IngestResultView = z.object({ accepted: z.number().int(), inserted: z.number().int(), updated: z.number().int() }).openapi('IngestResult');

/** `filter=channel:instagram` (repeatable) narrows to points with those dimension values. */
export const QueryParams = z.object({
  metric: MetricName,
  from: z.string().min(10).max(40).openapi({ example: '2026-10-01' }),
  to: z.string().min(10).max(40).openapi({ example: '2026-10-31', description: 'Inclusive when a date; exclusive when a date-time.' }),
  bucket: z.enum(rollupBuckets).default('day').openapi({
    description: 'UTC buckets; weeks start on Monday. A week or month the range cuts holds only the days inside the range, so the total does not depend on the bucket.',
  }),
  aggregation: z.enum(['sum', 'avg', 'min', 'max', 'count', 'last']).optional(),
  groupBy: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).optional(),
  filter: z.union([z.string(), z.array(z.string())]).optional().openapi({ example: 'channel:instagram' }),
  compare: z.enum(['previous_period', 'previous_year']).optional().openapi({
    description:
      'previous_period: the range moved back by the fewest whole buckets that end before it starts (so weeks meet weeks, months meet months); previous_year: 52 weeks back (12 months for monthly buckets). Comparison point i lines up with point i.',
  }),
})
  // A misspelt parameter (group_by for groupBy) is named in a 400, not silently ignored.
  .strict();

const SeriesView = z.object({
  group: z.string().nullable(),
  points: z.array(
    z.object({
      bucket: z.string(),
      value: z.number().nullable(),
      partial: z.literal(true).optional().openapi({ description: 'The range cuts this bucket: the value covers only the part inside the range.' }),
    }),
  ),
  total: z.number().nullable(),
});

export const QueryResultView = z
  .object({
    metric: z.string(),
    unit: z.string(),
    bucket: z.enum(rollupBuckets),
    aggregation: z.string(),
    groupBy: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    series: z.array(SeriesView),
    total: z.number().nullable(),
    comparison: z
      .object({
        kind: z.enum(['previous_period', 'previous_year']),
        from: z.string(),
        to: z.string(),
        series: z.array(SeriesView),
        total: z.number().nullable(),
        change: z.object({ absolute: z.number().nullable(), percent: z.number().nullable() }),
      })
      .optional(),
  })
  .openapi('MetricQueryResult');
