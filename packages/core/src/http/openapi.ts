import { z } from '@hono/zod-openapi';

/** RFC 9457 problem details, as every function answers errors. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:dyocense:problem:validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .openapi('Problem');

export const problemResponses = {
  400: { description: 'Invalid input', content: { 'application/problem+json': { schema: ProblemSchema } } },
  401: { description: 'Not signed in', content: { 'application/problem+json': { schema: ProblemSchema } } },
  403: { description: 'Not allowed', content: { 'application/problem+json': { schema: ProblemSchema } } },
  404: { description: 'Not found', content: { 'application/problem+json': { schema: ProblemSchema } } },
  409: { description: 'Conflict', content: { 'application/problem+json': { schema: ProblemSchema } } },
  429: { description: 'Too many requests', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

export const problems = <K extends keyof typeof problemResponses>(...keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, problemResponses[k]])) as Pick<typeof problemResponses, K>;

/** Either the portal session cookie or an API token. */
export const authenticated: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }];
