// Every call to the API goes through here: same-origin cookie, JSON both ways,
// and failures turned into the server's problem+json so screens can show its words.

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** The whole response body: some problems carry more than the standard members (a goal's assessment). */
  readonly body: unknown;

  constructor(problem: Problem, body?: unknown) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.body = body;
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiRequest<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'Could not reach Dyocense. Check your connection and try again.',
    });
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(toProblem(response.status, data), data);
  return data as T;
}

/** A path with its query string; undefined and empty values are left out, arrays repeat the key. */
export function withQuery(path: string, params: Record<string, string | number | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) query.append(key, String(one));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The words to show for any failure: the server's detail when it sent one. */
export const messageOf = (error: unknown, fallback = 'Something went wrong. Please try again.') =>
  error instanceof Error && error.message ? error.message : fallback;

/** Field errors keyed by input name; server paths such as `body.email` or `/email` map to `email`. */
export function fieldErrorsOf(problem: Problem): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { path, message } of problem.errors ?? []) {
    // Some validators report paths as arrays (['body', 'email']); take the last segment either way.
    const segments: unknown[] = Array.isArray(path) ? path : String(path).split(/[./]/);
    const field = segments.map(String).filter(Boolean).pop();
    if (field && !(field in byField)) byField[field] = message;
  }
  return byField;
}

function toProblem(status: number, data: unknown): Problem {
  const fallback: Problem = {
    type: 'about:blank',
    title: 'Request failed',
    status,
    detail: status >= 500 ? 'Something went wrong on our side. Please try again.' : 'The request could not be completed.',
  };
  if (typeof data !== 'object' || data === null) return fallback;
  const raw = data as Partial<Problem>;
  return {
    type: typeof raw.type === 'string' ? raw.type : fallback.type,
    title: typeof raw.title === 'string' ? raw.title : fallback.title,
    status,
    detail: typeof raw.detail === 'string' ? raw.detail : (raw.title ?? fallback.detail),
    errors: Array.isArray(raw.errors) ? raw.errors : undefined,
  };
}
