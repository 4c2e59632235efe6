import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { detectAnomalies } from '@dyocense/forecaster';
import { authenticated, authOf, badRequest, problems, requireAuth, withTenant, type AppEnv, type FieldError } from '@dyocense/core';
import type { ForecastBucket } from '@dyocense/db';
import { bucketStart, nextBucket } from '@dyocense/metrics';
import { bucketsBack, dataRange, findMetric, parseFilters, PERIOD, readBuckets } from '../history';
import { AnomaliesView, AnomalyParams } from '../schema';

/** Default window when `from` is not given, and the context read on each side so edge points get a fair expectation. */
const WINDOW: Record<ForecastBucket, number> = { day: 365, week: 104, month: 36 };
const CONTEXT: Record<ForecastBucket, number> = { day: 56, week: 52, month: 24 };
const MAX_WINDOW: Record<ForecastBucket, number> = { day: 3 * 366, week: 520, month: 240 };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const route = createRoute({
  method: 'get',
  path: '/api/forecast/anomalies',
  tags: ['forecast'],
  summary: "Points of a metric's history outside the expected range",
  description:
    'The expectation is robust (running median trend plus the median seasonal profile: weekly for days, yearly for weeks and months), so outliers cannot hide themselves; ' +
    'each flagged point has its modified z-score (|score| > threshold), direction and the expected range. ' +
    'Defaults: the year up to the last day with data. Context around the window is read so points at its edges are judged like the rest.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'forecast:read' })] as const,
  request: { query: AnomalyParams },
  responses: { 200: { description: 'The anomalies, oldest first', content: { 'application/json': { schema: AnomaliesView } } }, ...problems(400, 401, 403) },
});

function parseTime(raw: string, field: string, errors: FieldError[], inclusiveDate: boolean): Date {
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) errors.push({ path: field, message: 'not an ISO 8601 date or date-time' });
  return inclusiveDate && DATE_ONLY.test(raw) ? new Date(d.getTime() + 86_400_000) : d;
}

export function registerAnomalies(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const q = c.req.valid('query');
    const filters = parseFilters(q.filter);
    const now = new Date();
    const result = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const metric = await findMetric(tx, q.metric);
      const errors: FieldError[] = [];
      let to = q.to ? parseTime(q.to, 'to', errors, true) : null;
      let from = q.from ? parseTime(q.from, 'from', errors, false) : null;
      if (errors.length) throw badRequest('The range is not valid.', errors);
      if (!to) {
        const range = await dataRange(tx, metric.name, q.bucket, filters, now);
        to = range ? nextBucket(range.last, q.bucket) : bucketStart(now, q.bucket);
      }
      from = bucketStart(from ?? bucketsBack(to, q.bucket, WINDOW[q.bucket]), q.bucket);
      if (to <= from) throw badRequest('`to` must be after `from`.', [{ path: 'to', message: 'must be after from' }]);
      if (bucketsBack(to, q.bucket, MAX_WINDOW[q.bucket]) > from) {
        throw badRequest(`At most ${MAX_WINDOW[q.bucket]} ${q.bucket}s at a time.`, [{ path: 'from', message: 'range too long for this bucket' }]);
      }
      const readTo = new Date(Math.min(nextBucket(bucketsBack(to, q.bucket, -CONTEXT[q.bucket]), q.bucket).getTime(), bucketStart(now, q.bucket).getTime()));
      const history = await readBuckets(tx, metric, q.bucket, filters, bucketsBack(from, q.bucket, CONTEXT[q.bucket]), readTo > to ? readTo : to);
      return { from, to, history };
    });
    const { from, to, history } = result;
    const found = history.values.some((v) => v !== null) ? detectAnomalies(history.values, { period: PERIOD[q.bucket], threshold: q.threshold }) : [];
    const anomalies = found
      .map((a) => ({ ...a, start: history.starts[a.index]! }))
      .filter((a) => a.start >= from && a.start < to)
      .map(({ start, value, expected, lower, upper, score, direction }) => ({ time: start.toISOString(), value, expected, lower, upper, score, direction }));
    return c.json({ metric: q.metric, bucket: q.bucket, filters, from: from.toISOString(), to: to.toISOString(), threshold: q.threshold, anomalies }, 200);
  });
}
