import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { badRequest, fieldErrorsOf, HttpProblem, problems, qstashReceiver, type AppEnv } from '@dyocense/core';
import { runDelivered } from '../execute';
import { DeliveryBody, JobViewSchema, serializeJob } from '../schema';

const route = createRoute({
  method: 'post',
  path: '/api/compute/qstash',
  tags: ['compute'],
  summary: 'QStash delivery of a job (internal: the qstash job transport)',
  description:
    'The raw body `{ tenantId, jobId }` must carry a valid `Upstash-Signature`. Answers 2xx once the job is finished (now or earlier), 503 while it should be redelivered (failed attempt with retries left, or another worker holds it).',
  responses: {
    200: { description: 'Finished', content: { 'application/json': { schema: z.object({ job: JobViewSchema }) } } },
    ...problems(400, 401, 404),
  },
});

export function registerQstashDelivery(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { config } = c.get('runtime');
    const body = await c.req.text();
    const signature = c.req.header('upstash-signature');
    if (!signature) throw new HttpProblem(401, 'invalid-signature', 'The Upstash-Signature header is missing.');
    // The URL QStash was told to call, not whatever Host this request came in on.
    const url = `${config.COMPUTE_URL ?? config.publicUrl}/api/compute/qstash`;
    const valid = await qstashReceiver(config)
      .verify({ signature, body, url })
      .catch(() => false);
    if (!valid) throw new HttpProblem(401, 'invalid-signature', 'The Upstash-Signature does not verify.');

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw badRequest('The delivery body is not valid JSON.');
    }
    const parsed = DeliveryBody.safeParse(json);
    if (!parsed.success) throw badRequest('The delivery body is not a job reference.', fieldErrorsOf(parsed.error));

    const step = await runDelivered(c, parsed.data.tenantId, parsed.data.jobId);
    const job = serializeJob(step.job);
    if (step.outcome !== 'done') {
      c.header('Retry-After', String(Math.ceil((step.outcome === 'retry' ? step.retryInMs : 5000) / 1000)));
      return c.json({ job }, 503 as 200);
    }
    return c.json({ job }, 200);
  });
}
