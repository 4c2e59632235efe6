import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { dailyHistory, loadCatalog } from '@dyocense/metrics';
import { suggestGoals } from '@dyocense/goals';
import { goalMetricsInUse } from '../store';

const SuggestionView = z
  .object({
    title: z.string(),
    metric: z.string(),
    direction: z.enum(['up', 'down']),
    measure: z.enum(['total', 'daily_average', 'level']),
    targetValue: z.number(),
    startDate: z.string(),
    deadline: z.string(),
    area: z.string(),
    reason: z.string(),
    evidence: z.record(z.string(), z.union([z.number(), z.string()])),
  })
  .openapi('GoalSuggestion');

const route = createRoute({
  method: 'post',
  path: '/api/goals/suggest',
  tags: ['goals'],
  summary: "Goal ideas from this business's own numbers, each with its reason",
  description: 'Deterministic: metrics trending the wrong way, far from their best, or costs outgrowing revenue. Every suggestion passes the SMART check.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'goals:read' })] as const,
  responses: {
    200: { description: 'Up to five suggestions, strongest first', content: { 'application/json': { schema: z.object({ suggestions: z.array(SuggestionView) }) } } },
    ...problems(401, 403),
  },
});

const DAY = 86_400_000;

export function registerSuggest(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const now = new Date();
    const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const suggestions = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const catalog = await loadCatalog(tx);
      const metrics = [];
      for (const info of catalog.values()) {
        const history = await dailyHistory(tx, info, new Date(today.getTime() - 365 * DAY), new Date(today.getTime() + DAY));
        if (history.length) metrics.push({ info, history });
      }
      return suggestGoals({ metrics, now, existingGoalMetrics: await goalMetricsInUse(tx) });
    });
    return c.json({ suggestions }, 200);
  });
}
