import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { EventView, IdParam, LimitQuery } from '../schema';
import { findSource, listEvents } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/connect/sources/{id}/events',
  tags: ['connect'],
  summary: "A data source's received webhook events",
  description:
    'Newest first, with what each one changed. A customers/data_request event carries the personal data found in stored events (for the merchant to send to the customer).',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'connect:read' })] as const,
  request: { params: IdParam, query: LimitQuery.extend({ topic: z.string().max(100).optional() }) },
  responses: { 200: { description: 'Events', content: { 'application/json': { schema: z.object({ events: z.array(EventView) }) } } }, ...problems(400, 401, 403, 404) },
});

export function registerEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const { limit, topic } = c.req.valid('query');
    const events = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      if (!(await findSource(tx, id))) throw notFound('No such data source.');
      return listEvents(tx, id, limit, topic);
    });
    return c.json({ events }, 200);
  });
}
