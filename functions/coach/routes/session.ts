import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, type AppEnv } from '@dyocense/core';
import { type CardView, type CitationView, IdParam, SessionDetailView } from '../schema';
import { sessionWithTurns } from '../store';
import { sessionView } from '../views';

const route = createRoute({
  method: 'get',
  path: '/api/coach/sessions/{id}',
  tags: ['coach'],
  summary: 'One conversation with every question, answer, result card and citation',
  security: authenticated,
  middleware: [requireAuth({ scope: 'coach:read' })] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The conversation', content: { 'application/json': { schema: SessionDetailView } } }, ...problems(401, 403, 404) },
});

export function registerSession(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const found = await sessionWithTurns(c.get('runtime').db, auth.tenantId, c.req.valid('param').id);
    if (!found) throw notFound('No such coaching session.');
    return c.json(
      {
        ...sessionView(found.session),
        turnList: found.turns.map((t) => ({ ...t, cards: t.cards as z.infer<typeof CardView>[], citations: t.citations as z.infer<typeof CitationView>[], createdAt: t.createdAt.toISOString() })),
      },
      200,
    );
  });
}
