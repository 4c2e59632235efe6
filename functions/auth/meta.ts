import type { Context } from 'hono';
import { clientIp, type AppEnv } from '@dyocense/core';
import type { RequestMeta } from './store';

export function requestMeta(c: Context<AppEnv>): RequestMeta {
  return {
    ip: clientIp(c),
    userAgent: c.req.header('user-agent'),
    sessionDays: c.get('runtime').config.SESSION_DAYS,
  };
}
