import type { Context, MiddlewareHandler } from 'hono';
import { tooManyRequests } from '../errors';
import { hitRateLimit } from '../rate-limit';
import { clientIp } from './cookies';
import type { AppEnv } from './env';

export interface RateLimitRule {
  /** Counter name, e.g. `signup`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Per client address (default) or per signed-in account (route must be behind requireAuth). */
  per?: 'ip' | 'account';
}

/** Route middleware: count this request and refuse with 429 + Retry-After past the limit. */
export function rateLimit(rule: RateLimitRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const subject = rule.per === 'account' ? (c.get('auth')?.userId ?? clientIp(c)) : clientIp(c);
    const decision = await hitRateLimit(c.get('runtime').db, `${rule.name}:${rule.per ?? 'ip'}:${subject}`, rule.limit, rule.windowSeconds);
    setRateHeaders(c, rule.limit, decision.count, decision.retryAfterSeconds);
    if (!decision.allowed) {
      throw tooManyRequests(`Too many requests; try again in ${decision.retryAfterSeconds} s.`, decision.retryAfterSeconds);
    }
    return next();
  };
}

function setRateHeaders(c: Context<AppEnv>, limit: number, count: number, reset: number) {
  c.header('RateLimit-Limit', String(limit));
  c.header('RateLimit-Remaining', String(Math.max(0, limit - count)));
  c.header('RateLimit-Reset', String(reset));
}
