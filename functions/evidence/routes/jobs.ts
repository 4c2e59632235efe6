import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, type AppEnv } from '@dyocense/core';
import { estimateOfJob, graphOfJob } from '../dispatch';
import { IdParam, JobView } from '../schema';

const route = createRoute({
  method: 'get',
  path: '/api/evidence/jobs/{id}',
  tags: ['evidence'],
  summary: 'Where a long-running evidence computation stands, and its answer once done',
  description: 'When it succeeded, `estimateId` (explain, effect) or `graphId` (graph learning) names the stored answer.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'evidence:read' })] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The job', content: { 'application/json': { schema: JobView } } }, ...problems(400, 401, 403, 404) },
});

export function registerJobs(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const job = await c.get('runtime').jobs.get(auth.tenantId, id);
    if (!job || !job.kind.startsWith('evidence.')) throw notFound('No such evidence job.');
    const done = job.status === 'succeeded';
    const estimate = done && job.kind !== 'evidence.graph' ? await estimateOfJob(c, auth, id) : null;
    const graphId = done && job.kind === 'evidence.graph' ? await graphOfJob(c, auth, id) : null;
    return c.json({ jobId: job.id, kind: job.kind, status: job.status, error: job.error, estimateId: estimate?.id ?? null, graphId }, 200);
  });
}
