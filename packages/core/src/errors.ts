/**
 * Errors as RFC 9457 problem details. `type` is a stable URN clients can switch on;
 * `detail` is a sentence for people; `errors` lists field problems for validation.
 */
export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  requestId?: string;
  /** RFC 9457 extension members (e.g. the SMART assessment that refused a goal). */
  [extension: string]: unknown;
}

const titles: Record<string, string> = {
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  'csrf-rejected': 'Cross-site request refused',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'rate-limited': 'Too many requests',
  'invalid-credentials': 'Invalid credentials',
  'invalid-signature': 'Invalid signature',
  'malformed-payload': 'Malformed payload',
  'shop-mismatch': 'Event for another shop',
  'account-mismatch': 'Event for another account',
  'needs-reauth': 'Reconnection required',
  'provider-error': 'The provider refused the request',
  'goal-not-smart': 'The goal is not SMART yet',
  'service-unavailable': 'Service unavailable',
  internal: 'Internal error',
};

export type ProblemKind = keyof typeof titles | (string & {});

export const problemType = (kind: ProblemKind) => `urn:dyocense:problem:${kind}`;

/** Thrown anywhere in a request; the error handler turns it into problem+json. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly fieldErrors?: FieldError[],
    readonly headers?: Record<string, string>,
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
  }

  toBody(requestId?: string): ProblemBody {
    return {
      type: problemType(this.kind),
      title: titles[this.kind] ?? this.kind,
      status: this.status,
      detail: this.detail,
      ...(this.fieldErrors?.length ? { errors: this.fieldErrors } : {}),
      ...this.extensions,
      ...(requestId ? { requestId } : {}),
    };
  }
}

export const badRequest = (detail: string, fieldErrors?: FieldError[]) =>
  new HttpProblem(400, 'validation', detail, fieldErrors);
export const unauthenticated = (detail = 'Sign in, or send a valid API token.') =>
  new HttpProblem(401, 'unauthenticated', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'not-found', detail);
export const conflict = (detail: string, fieldErrors?: FieldError[]) =>
  new HttpProblem(409, 'conflict', detail, fieldErrors);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, 'rate-limited', detail, undefined, { 'Retry-After': String(retryAfterSeconds) });
