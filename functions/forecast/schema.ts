import { z } from '@hono/zod-openapi';
import { forecastBuckets, forecastSources, forecastStatuses } from '@dyocense/db';

/** Forecast API shapes: requests checked field by field, responses as documented in OpenAPI. */

export const MAX_SERIES_VALUES = 20_000;
export const MAX_HORIZON = 1_000;
/** Larger magnitudes are no business quantity, and their interval arithmetic would overflow. */
export const MAX_ABS_VALUE = 1e15;
export const methods = ['auto', 'ensemble', 'ets', 'arima', 'theta', 'snaive', 'trees'] as const;

const MetricName = z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'lower-case letters, digits and _, starting with a letter');

const Levels = z
  .array(z.number().gt(0).lt(100))
  .min(1)
  .max(5)
  .refine((l) => new Set(l).size === l.length, 'levels must not repeat')
  .optional()
  .openapi({ example: [80, 95], description: 'Prediction-interval levels in percent, strictly between 0 and 100. Default [80, 95].' });

const Method = z.enum(methods).default('auto').openapi({
  description:
    "'auto' (default, the most accurate in validation) keeps the model with the best rolling-origin backtest; 'ensemble' weights six models by backtest accuracy; the others force one model family.",
});

const Horizon = z.number().int().min(1).max(MAX_HORIZON).openapi({ example: 28, description: 'Steps ahead, in the series’ own interval.' });

const Filters = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.string().min(1).max(200))
  .refine((f) => Object.keys(f).length <= 10, 'at most 10 dimensions')
  .default({})
  .openapi({ example: { category: 'coffee' }, description: 'Dimension filter, as in the metrics query (dimension → value); {} combines all dimensions.' });

export const MetricForecastBody = z
  .object({
    metric: MetricName.openapi({ example: 'revenue' }),
    horizon: Horizon,
    levels: Levels,
    method: Method,
    bucket: z.enum(forecastBuckets).default('day').openapi({ description: 'History and forecast interval: day (default, weekly season), week (52) or month (12).' }),
    filters: Filters,
  })
  .openapi('MetricForecastRequest');

export const SeriesForecastBody = z
  .object({
    values: z
      .array(z.number().min(-MAX_ABS_VALUE).max(MAX_ABS_VALUE).nullable())
      .min(1)
      .max(MAX_SERIES_VALUES)
      .openapi({ example: [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118], description: 'Oldest first; null is a missing value (interpolated). NaN, Infinity and magnitudes above 1e15 are refused.' }),
    period: z.number().int().min(1).max(400).openapi({ example: 12, description: 'Season length in steps (1 for none; 7 for daily data, 12 monthly, 4 quarterly).' }),
    horizon: Horizon,
    levels: Levels,
    method: Method,
    start: z.iso.datetime({ offset: true }).optional().openapi({ example: '2024-01-01T00:00:00Z', description: 'Time of the first value; the points then carry times.' }),
    interval: z.enum(forecastBuckets).default('day').openapi({ description: 'Spacing of the values when `start` is given.' }),
  })
  .superRefine((b, ctx) => {
    if (b.values.length > 0 && b.values.every((v) => v === null)) ctx.addIssue({ code: 'custom', path: ['values'], message: 'values must contain at least one number' });
  })
  .openapi('SeriesForecastRequest');

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const PreferHeader = z.object({
  prefer: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: '`respond-async` answers 202 at once; `wait=N` waits up to N seconds (at most 10) for the result before answering 202.' }),
});

const Bounds = z.record(z.string(), z.number()).openapi({ description: 'By level, e.g. {"80": 1210.5, "95": 1102.3}.' });

export const PointView = z
  .object({ step: z.number().int(), time: z.string().nullable(), mean: z.number(), lower: Bounds, upper: Bounds })
  .openapi('ForecastPoint');

const ByLevel = z.record(z.string(), z.number().nullable());

export const BacktestView = z
  .object({
    mase: z.number().nullable().openapi({ description: 'Mean absolute scaled error (seasonal-naive scaled): below 1 beats seasonal naive.' }),
    smape: z.number().nullable(),
    mape: z.number().nullable().openapi({ description: 'Null when an actual value was zero.' }),
    coverage: ByLevel.openapi({ description: 'Share of backtest actuals inside the interval, by level.' }),
    winkler: ByLevel.openapi({ description: 'Mean Winkler interval score by level (lower is better).' }),
    origins: z.number().int(),
    horizon: z.number().int(),
  })
  .openapi('ForecastBacktest');

export const ModelView = z
  .object({
    name: z.string(),
    spec: z.string().openapi({ example: 'ETS(M,Ad,M)' }),
    weight: z.number(),
    backtest: z.object({
      mase: z.number().nullable(),
      smape: z.number().nullable(),
      mape: z.number().nullable(),
      coverage: z.record(z.string(), z.number()).nullable(),
      winkler: z.record(z.string(), z.number()).nullable(),
    }),
    note: z.string().nullable(),
  })
  .openapi('ForecastModel');

export const ForecastSummaryView = z
  .object({
    id: z.uuid(),
    status: z.enum(forecastStatuses),
    source: z.enum(forecastSources),
    metric: z.string().nullable(),
    filters: z.record(z.string(), z.string()),
    bucket: z.enum(forecastBuckets).nullable(),
    period: z.number().int(),
    horizon: z.number().int(),
    levels: z.array(z.number()),
    method: z.object({ requested: z.string(), used: z.string().nullable() }),
    history: z.object({ from: z.string().nullable(), to: z.string().nullable(), points: z.number().int() }),
    backtest: BacktestView.nullable(),
    notes: z.array(z.string()).openapi({ description: 'What the engine said: short history, filled gaps, seasonality handling, fallbacks.' }),
    error: z.string().nullable(),
    jobId: z.uuid().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .openapi('ForecastSummary');

export const ForecastView = ForecastSummaryView.extend({
  points: z.array(PointView).openapi({ description: 'Empty until the forecast has succeeded.' }),
  models: z.array(ModelView),
}).openapi('Forecast');

export const PendingView = z
  .object({ id: z.uuid(), status: z.enum(forecastStatuses), location: z.string() })
  .openapi('ForecastPending', { description: 'Still computing: poll `location` (also in the Location header).' });

export const ListParams = z.object({
  metric: MetricName.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page.' }),
});

export const ListView = z.object({ forecasts: z.array(ForecastSummaryView), nextCursor: z.string().nullable() }).openapi('ForecastList');

export const LatestParams = z.object({
  metric: MetricName,
  filter: z.union([z.string(), z.array(z.string())]).optional().openapi({ example: 'category:coffee', description: 'dimension:value, repeatable; the forecast made with exactly this filter.' }),
});

export const AnomalyParams = z.object({
  metric: MetricName,
  from: z.string().min(10).max(40).optional().openapi({ example: '2026-01-01', description: 'Default: a year before `to`.' }),
  to: z.string().min(10).max(40).optional().openapi({ example: '2026-11-21', description: 'Inclusive when a date. Default: the last day with data.' }),
  bucket: z.enum(forecastBuckets).default('day'),
  filter: z.union([z.string(), z.array(z.string())]).optional().openapi({ example: 'category:bakery' }),
  threshold: z.coerce.number().gt(0).max(100).default(3.5).openapi({ description: 'Robust z-score above which a point is flagged (default 3.5).' }),
});

export const AnomalyView = z
  .object({
    time: z.string(),
    value: z.number(),
    expected: z.number(),
    lower: z.number(),
    upper: z.number(),
    score: z.number().openapi({ description: 'Modified z-score of the deviation from the robust expectation.' }),
    direction: z.enum(['high', 'low']),
  })
  .openapi('Anomaly');

export const AnomaliesView = z
  .object({
    metric: z.string(),
    bucket: z.enum(forecastBuckets),
    filters: z.record(z.string(), z.string()),
    from: z.string(),
    to: z.string(),
    threshold: z.number(),
    anomalies: z.array(AnomalyView),
  })
  .openapi('Anomalies');
