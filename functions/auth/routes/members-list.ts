import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { MemberView } from '../schema';
import { listMembers } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/auth/members',
  tags: ['members'],
  summary: 'People in this business and their roles',
  security: authenticated,
  middleware: [requireAuth({ scope: 'auth:read' })] as const,
  responses: {
    200: { description: 'Members, oldest first', content: { 'application/json': { schema: z.object({ members: z.array(MemberView) }) } } },
    ...problems(401, 403),
  },
});

export function registerMembersList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const members = await withTenant(c.get('runtime').db, auth.tenantId, listMembers);
    return c.json({ members }, 200);
  });
}
