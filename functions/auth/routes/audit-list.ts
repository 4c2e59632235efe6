import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { AuditEntryView } from '../schema';
import { recentAudit } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/auth/audit',
  tags: ['members'],
  summary: 'Recent security-relevant actions in this business',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'auth:read' })] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: {
    200: { description: 'Newest first', content: { 'application/json': { schema: z.object({ entries: z.array(AuditEntryView) }) } } },
    ...problems(400, 401, 403),
  },
});

export function registerAuditList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { limit } = c.req.valid('query');
    const entries = await withTenant(c.get('runtime').db, auth.tenantId, (tx) => recentAudit(tx, limit));
    return c.json({ entries }, 200);
  });
}
