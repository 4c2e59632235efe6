import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { HttpProblem, problems, unauthenticated, type AppEnv } from '@dyocense/core';
import { runDelivered } from '../execute';
import { DeliveryBody, JobViewSchema, serializeJob } from '../schema';

const route = createRoute({
  method: 'post',
  path: '/api/compute/jobs/run',
  tags: ['compute'],
  summary: 'Run a recorded job (internal: the http job transport)',
  description: 'Authenticated with COMPUTE_TOKEN. Retries failed attempts with backoff while the caller waits (up to ~50 s).',
  security: [{ bearerAuth: [] }],
  request: { body: { content: { 'application/json': { schema: DeliveryBody } }, required: true } },
  responses: {
    200: { description: 'The job as it stands', content: { 'application/json': { schema: z.object({ job: JobViewSchema }) } } },
    ...problems(400, 401, 404),
  },
});

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function registerRunJob(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const expected = c.get('runtime').config.COMPUTE_TOKEN;
    if (!expected) throw new HttpProblem(503, 'service-unavailable', 'COMPUTE_TOKEN is not configured here.');
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    const a = encoder.encode(given);
    const b = encoder.encode(expected);
    if (a.length !== b.length || !constantTimeEqual(a, b)) throw unauthenticated('A valid compute token is required.');

    const { tenantId, jobId } = c.req.valid('json');
    const deadline = Date.now() + 50_000;
    for (;;) {
      const step = await runDelivered(c, tenantId, jobId);
      if (step.outcome !== 'retry' || Date.now() + step.retryInMs > deadline) {
        return c.json({ job: serializeJob(step.job) }, 200);
      }
      await sleep(step.retryInMs);
    }
  });
}
