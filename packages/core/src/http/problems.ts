import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { HttpProblem, type FieldError, type ProblemBody } from '../errors';
import type { AppEnv } from './env';

/** Built through the context, so headers set earlier (request id, security) are kept. */
export function problemResponse(c: Context, problem: HttpProblem): Response {
  const body: ProblemBody = problem.toBody(c.get('requestId'));
  return c.body(JSON.stringify(body), problem.status as never, { 'content-type': 'application/problem+json', ...problem.headers });
}

export function fieldErrorsOf(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    // One error per unknown field, named by its own path (zod reports them together, at the parent).
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'not taken by this endpoint' }));
    return [{ path: path || '(body)', message: issue.message }];
  });
}

/** zod-openapi's hook: a request that fails its schema becomes a 400 naming each field. */
export const validationHook = (result: { success: boolean; error?: unknown; target?: string }, c: Context) => {
  if (result.success) return;
  const errors = fieldErrorsOf(result.error as ZodError);
  const where = result.target === 'query' ? 'query string' : result.target === 'param' ? 'path' : 'request body';
  return problemResponse(c, new HttpProblem(400, 'validation', `The ${where} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors));
};

/** Engines and stores throw typed input errors; anything with these fields maps to a 400. */
interface InputErrorLike {
  name: string;
  message: string;
  field?: string;
  issues?: { path: string; message: string }[];
}
const isInputError = (e: unknown): e is InputErrorLike =>
  e instanceof Error && /InputError$/.test(e.name);

export const onError: ErrorHandler<AppEnv> = (thrown, c) => {
  const err: unknown = thrown;
  if (err instanceof HttpProblem) return problemResponse(c, err);
  if (isInputError(err)) {
    const errors = err.issues ?? (err.field ? [{ path: err.field, message: err.message }] : undefined);
    return problemResponse(c, new HttpProblem(400, 'validation', err.message, errors));
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const kind = status === 413 ? 'payload-too-large' : status === 401 ? 'unauthenticated' : status < 500 ? 'validation' : 'internal';
    const detail = status === 400 && /JSON/i.test(err.message) ? 'The request body is not valid JSON.' : err.message || 'Request refused.';
    return problemResponse(c, new HttpProblem(status, kind, detail));
  }
  c.get('log')?.error('unhandled error', { err: describe(err) });
  return problemResponse(c, new HttpProblem(500, 'internal', 'Something went wrong on our side. It has been logged; please try again.'));
};

/** An error for the log: name, message, stack, and the cause chain (drizzle wraps driver errors). */
function describe(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return {
    name: err.name,
    message: err.message.slice(0, 2000),
    ...(code ? { code } : {}),
    stack: err.stack?.split('\n').slice(0, 8).join('\n'),
    ...(err.cause && depth < 3 ? { cause: describe(err.cause, depth + 1) } : {}),
  };
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, new HttpProblem(404, 'not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`));
