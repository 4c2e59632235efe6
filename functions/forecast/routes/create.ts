import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, problemResponses, rateLimit, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { findMetric, PERIOD, recentHistory } from '../history';
import { answer, startForecast, waitFromPrefer } from '../run';
import { ForecastView, MetricForecastBody, PendingView, PreferHeader } from '../schema';

const route = createRoute({
  method: 'post',
  path: '/api/forecast',
  tags: ['forecast'],
  summary: "Forecast one of the business's metrics",
  description:
    "Reads the metric's completed history (days, weeks or months; up to 4 years of days, 10 of weeks, 20 of months; the bucket in progress is left out), " +
    'optionally narrowed by a dimension filter, and forecasts `horizon` buckets ahead with prediction intervals and a rolling-origin backtest. ' +
    'Waits up to 5 s (or as `Prefer` says) and answers 201 with the forecast; a forecast still computing answers 202 with its id and a Location to poll. ' +
    'An unknown metric is a 400; a metric with fewer than 8 buckets of data a 422.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'forecast:write' }), rateLimit({ name: 'forecast', limit: 120, windowSeconds: 60, per: 'account' })] as const,
  request: { headers: PreferHeader, body: { content: { 'application/json': { schema: MetricForecastBody } }, required: true } },
  responses: {
    201: { description: 'The finished forecast (status succeeded, or failed with the reason)', content: { 'application/json': { schema: ForecastView } } },
    202: { description: 'Accepted, still computing', content: { 'application/json': { schema: PendingView } } },
    ...problems(400, 401, 403, 429),
    422: { description: 'Too little history to forecast', content: { 'application/problem+json': { schema: problemResponses[400].content['application/problem+json'].schema } } },
  },
});

export function registerCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    const history = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) =>
      recentHistory(tx, await findMetric(tx, body.metric), body.bucket, body.filters, new Date()),
    );
    const period = PERIOD[body.bucket];
    const view = await startForecast(
      c,
      auth,
      {
        source: 'metric',
        metric: body.metric,
        filters: body.filters,
        bucket: body.bucket,
        period,
        horizon: body.horizon,
        levels: body.levels ?? [80, 95],
        methodRequested: body.method,
        historyFrom: history.starts[0],
        historyTo: history.starts.at(-1),
        historyPoints: history.values.length,
      },
      {
        values: history.values,
        timestamps: history.starts.map((d) => d.toISOString()),
        interval: body.bucket,
        period,
        horizon: body.horizon,
        levels: body.levels,
        method: body.method,
      },
      waitFromPrefer(c.req.valid('header').prefer, 5_000),
    );
    return answer(c, view);
  });
}
