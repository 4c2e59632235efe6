import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, badRequest, problems, rateLimit, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { checkPoints, ingestChecked, loadCatalog } from '@dyocense/metrics';
import { IngestBody, IngestResultView, MAX_BATCH } from '../schema';

const route = createRoute({
  method: 'post',
  path: '/api/metrics/points',
  tags: ['metrics'],
  summary: 'Record data points (up to 10,000 per request, all or nothing)',
  description:
    'Idempotent: a point is identified by metric, time, source and dimensions, and sending it again replaces its value. Every invalid point is reported with its index (`points.<i>.<field>`); if any is invalid nothing is written.',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'metrics:write' }), rateLimit({ name: 'ingest', limit: 600, windowSeconds: 60, per: 'account' })] as const,
  request: { body: { content: { 'application/json': { schema: IngestBody } }, required: true } },
  responses: {
    200: { description: 'Written', content: { 'application/json': { schema: IngestResultView } } },
    ...problems(400, 401, 403, 429),
  },
});

export function registerPointsIngest(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { points } = c.req.valid('json');
    const { db } = c.get('runtime');
    const catalog = await withTenant(db, auth.tenantId, loadCatalog);
    const source = auth.via === 'token' ? 'api' : 'manual';
    const { clean, errors } = checkPoints(points, catalog, source);
    if (errors.length) {
      throw badRequest(`${errors.length} of ${points.length} points are not valid; nothing was written.`, errors.slice(0, 200));
    }
    const written = await ingestChecked(db, auth.tenantId, clean, MAX_BATCH);
    return c.json({ accepted: clean.length, ...written }, 200);
  });
}
