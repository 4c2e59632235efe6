import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { loadCatalog, queryMetric } from '@dyocense/metrics';
import { parseMetricQuery } from '../parse-query';
import { QueryParams, QueryResultView } from '../schema';

const route = createRoute({
  method: 'get',
  path: '/api/metrics/query',
  tags: ['metrics'],
  summary: 'A metric over time: buckets, grouping, filters and period comparison',
  description:
    'Served from rollups. Buckets are UTC; weeks start on Monday. `compare=previous_period` compares with the same length just before; `previous_year` with 52 weeks before (so weekdays line up) or, for months, the same months a year before. Change is absolute and in percent.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'metrics:read' })] as const,
  request: { query: QueryParams },
  responses: {
    200: { description: 'The series', content: { 'application/json': { schema: QueryResultView } } },
    ...problems(400, 401, 403),
  },
});

export function registerQuery(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const params = c.req.valid('query');
    const result = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const q = parseMetricQuery(params, await loadCatalog(tx));
      return queryMetric(tx, q);
    });
    return c.json(result, 200);
  });
}
