import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, rateLimit, requireAuth, type AppEnv } from '@dyocense/core';
import { answer, startForecast, waitFromPrefer } from '../run';
import { ForecastView, PendingView, PreferHeader, SeriesForecastBody } from '../schema';
import { stepTime } from '@dyocense/metrics';

/** Up to this many values the caller waits for the answer; longer series are answered 202 at once. */
export const SYNC_MAX_VALUES = 2_000;

const route = createRoute({
  method: 'post',
  path: '/api/forecast/series',
  tags: ['forecast'],
  summary: 'Forecast a series sent inline',
  description:
    `Forecasts the given values (oldest first, null for a missing value) with prediction intervals and a rolling-origin backtest. Up to ${SYNC_MAX_VALUES} values the answer waits (201, up to 10 s); ` +
    'longer series answer 202 with a Location to poll (as does `Prefer: respond-async`). NaN, Infinity, an empty or all-null series are refused with 400 naming the field. ' +
    'The run is kept, like metric forecasts, and readable at GET /api/forecast/{id}.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'forecast:write' }), rateLimit({ name: 'forecast', limit: 120, windowSeconds: 60, per: 'account' })] as const,
  request: { headers: PreferHeader, body: { content: { 'application/json': { schema: SeriesForecastBody } }, required: true } },
  responses: {
    201: { description: 'The finished forecast', content: { 'application/json': { schema: ForecastView } } },
    202: { description: 'Accepted, still computing', content: { 'application/json': { schema: PendingView } } },
    ...problems(400, 401, 403, 429),
  },
});

export function registerSeries(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const body = c.req.valid('json');
    const start = body.start ? new Date(body.start) : null;
    const times = start ? body.values.map((_, i) => stepTime(start, body.interval, i)) : null;
    const wait = body.values.length <= SYNC_MAX_VALUES ? 10_000 : 0;
    const view = await startForecast(
      c,
      auth,
      {
        source: 'series',
        metric: null,
        bucket: start ? body.interval : null,
        period: body.period,
        horizon: body.horizon,
        levels: body.levels ?? [80, 95],
        methodRequested: body.method,
        historyFrom: times?.[0] ?? null,
        historyTo: times?.at(-1) ?? null,
        historyPoints: body.values.length,
      },
      {
        values: body.values,
        ...(times ? { timestamps: times.map((t) => t.toISOString()), interval: body.interval } : {}),
        period: body.period,
        horizon: body.horizon,
        levels: body.levels,
        method: body.method,
      },
      waitFromPrefer(c.req.valid('header').prefer, wait),
    );
    return answer(c, view);
  });
}
