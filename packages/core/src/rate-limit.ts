import { sql } from 'drizzle-orm';
import type { Database } from './db/types';
import { hashToken } from './auth/tokens';

export interface RateDecision {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * A fixed-window counter in PostgreSQL, so limits hold across processes and Workers.
 * Keys are hashed: the table never holds an e-mail address or an IP in clear.
 */
export async function hitRateLimit(db: Database, key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
  const [row] = await db.query<{ count: number; age: number }>(sql`
    insert into rate_limits as r (key, window_start, count) values (${hashToken(key)}, now(), 1)
    on conflict (key) do update set
      count = case when r.window_start < now() - make_interval(secs => ${windowSeconds}) then 1 else r.count + 1 end,
      window_start = case when r.window_start < now() - make_interval(secs => ${windowSeconds}) then now() else r.window_start end
    returning count, extract(epoch from now() - window_start)::float8 as age`);
  const count = Number(row?.count ?? 1);
  const retryAfterSeconds = Math.max(1, Math.ceil(windowSeconds - Number(row?.age ?? 0)));
  return { allowed: count <= limit, count, retryAfterSeconds };
}

/** Reads a counter without adding to it (login checks before spending a password hash). */
export async function peekRateLimit(db: Database, key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
  const [row] = await db.query<{ count: number; age: number }>(sql`
    select count, extract(epoch from now() - window_start)::float8 as age from rate_limits
    where key = ${hashToken(key)} and window_start >= now() - make_interval(secs => ${windowSeconds})`);
  const count = Number(row?.count ?? 0);
  return { allowed: count < limit, count, retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - Number(row?.age ?? 0))) };
}

export async function clearRateLimit(db: Database, key: string): Promise<void> {
  await db.query(sql`delete from rate_limits where key = ${hashToken(key)}`);
}
