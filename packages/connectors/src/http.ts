/**
 * Outbound HTTP for connectors: every provider call goes through `requestWithRetry`, which
 * waits out 429s (honouring Retry-After), retries 5xx and network failures with exponential
 * backoff, and gives up with a typed error the sync can record.
 */

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  attempts: number;
  /** First backoff for 5xx and network errors; doubles per attempt, ±20 % jitter. */
  baseDelayMs: number;
  /** Upper bound on any single wait, Retry-After included. */
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** A provider answered with an error we do not retry (or stopped answering). */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly status: number | null,
    /** 401/403: the credentials no longer work. */
    readonly unauthorized = status === 401 || status === 403,
  ) {
    super(message);
  }
}

/** Retry-After is delta-seconds (Shopify sends "2.0") or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const backoff = (attempt: number, p: RetryPolicy) =>
  Math.min(p.maxDelayMs, Math.round(p.baseDelayMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4)));

export interface RetryEvents {
  /** Called before each wait, so callers can count throttles for the sync log. */
  onRetry?: (info: { status: number | null; waitMs: number; attempt: number }) => void;
}

/** What went wrong, without the URL's query (which may carry cursors) or any header. */
const describe = (res: Response, body: string) => `${res.status} ${res.statusText}: ${body.slice(0, 300)}`;

export async function requestWithRetry(
  url: string,
  init: RequestInit,
  policy: RetryPolicy = defaultRetryPolicy,
  events: RetryEvents = {},
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch (err) {
      if (attempt >= policy.attempts) throw new ProviderError(`unreachable: ${(err as Error).message}`, null, false);
      const waitMs = backoff(attempt, policy);
      events.onRetry?.({ status: null, waitMs, attempt });
      await policy.sleep(waitMs);
      continue;
    }
    const retryable = res.status === 429 || res.status >= 500;
    if (!retryable) return res;
    const body = await res.text().catch(() => '');
    if (attempt >= policy.attempts) throw new ProviderError(describe(res, body), res.status, false);
    const told = res.status === 429 ? retryAfterMs(res.headers.get('retry-after')) : null;
    const waitMs = Math.min(policy.maxDelayMs, told ?? backoff(attempt, policy));
    events.onRetry?.({ status: res.status, waitMs, attempt });
    await policy.sleep(waitMs);
  }
}

/** Reads a JSON body or raises a ProviderError naming the status. */
export async function jsonOrThrow<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new ProviderError(`${what}: ${describe(res, text)}`, res.status);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError(`${what}: the response is not JSON`, res.status, false);
  }
}
