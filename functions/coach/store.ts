import { and, asc, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { agentExecutions, coachingSessions, coachingTurns, llmCache, llmUsage } from '@dyocense/db';
import { withTenant, type Database, type Tx } from '@dyocense/core';
import type { UsageRecord } from './machine/state';

// The coach's queries, always inside withTenant: conversations, turns, node executions, model
// usage and the answer cache.

export type SessionRow = typeof coachingSessions.$inferSelect;
export type TurnRow = typeof coachingTurns.$inferSelect;

export async function findSession(db: Database, tenantId: string, id: string): Promise<SessionRow | null> {
  return withTenant(db, tenantId, async (tx) => {
    const [row] = await tx.select().from(coachingSessions).where(eq(coachingSessions.id, id));
    return row ?? null;
  });
}

/** The latest turns of a conversation, oldest first (what a model sees as history). */
export async function recentTurns(db: Database, tenantId: string, sessionId: string, limit = 3): Promise<{ question: string; answer: string }[]> {
  const rows = await withTenant(db, tenantId, (tx) =>
    tx.select({ question: coachingTurns.question, answer: coachingTurns.answer }).from(coachingTurns).where(eq(coachingTurns.sessionId, sessionId)).orderBy(desc(coachingTurns.position)).limit(limit),
  );
  return rows.reverse();
}

export async function listSessions(db: Database, tenantId: string, page: { limit: number; before?: Date }) {
  return withTenant(db, tenantId, (tx) =>
    tx
      .select()
      .from(coachingSessions)
      .where(page.before ? lt(coachingSessions.updatedAt, page.before) : undefined)
      .orderBy(desc(coachingSessions.updatedAt), desc(coachingSessions.id))
      .limit(page.limit),
  );
}

export async function sessionWithTurns(db: Database, tenantId: string, id: string) {
  return withTenant(db, tenantId, async (tx) => {
    const [session] = await tx.select().from(coachingSessions).where(eq(coachingSessions.id, id));
    if (!session) return null;
    const turns = await tx
      .select({
        id: coachingTurns.id,
        position: coachingTurns.position,
        question: coachingTurns.question,
        intent: coachingTurns.intent,
        answer: coachingTurns.answer,
        cards: coachingTurns.cards,
        citations: coachingTurns.citations,
        provider: coachingTurns.provider,
        model: coachingTurns.model,
        latencyMs: coachingTurns.latencyMs,
        costUsd: coachingTurns.costUsd,
        createdAt: coachingTurns.createdAt,
      })
      .from(coachingTurns)
      .where(eq(coachingTurns.sessionId, id))
      .orderBy(asc(coachingTurns.position));
    return { session, turns };
  });
}

async function spentIn(tx: Tx, now: Date): Promise<number> {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [row] = await tx.select({ total: sql<number>`coalesce(sum(${llmUsage.costUsd}), 0)::float8` }).from(llmUsage).where(gte(llmUsage.createdAt, midnight));
  return Number(row?.total ?? 0);
}

/** Cloud spend of this tenant since midnight UTC. */
export async function spentToday(db: Database, tenantId: string, now: Date): Promise<number> {
  return withTenant(db, tenantId, (tx) => spentIn(tx, now));
}

/** A live cached answer for the key, and (only when there is none) today's spend: one transaction. */
export async function cacheOrSpend(db: Database, tenantId: string, key: string, now: Date, withSpend: boolean) {
  return withTenant(db, tenantId, async (tx) => {
    const [hit] = await tx.select().from(llmCache).where(and(eq(llmCache.key, key), gt(llmCache.expiresAt, now)));
    return { hit: hit ?? null, spent: !hit && withSpend ? await spentIn(tx, now) : 0 };
  });
}

export interface TurnRecord {
  sessionId: string | null;
  userId: string;
  question: string;
  intent: string;
  answer: string;
  cards: unknown;
  citations: unknown;
  provider: string;
  model: string;
  latencyMs: number;
  costUsd: number;
  embedding: number[];
  embeddingModel: string;
  executions: { node: string; status: 'ok' | 'error'; input: unknown; output: unknown; durationMs: number }[];
  usage: UsageRecord[];
  cache: { key: string; provider: string; model: string; answer: string; ttlSeconds: number } | null;
}

const titleOf = (question: string) => (question.length > 80 ? `${question.slice(0, 77).trimEnd()}…` : question);

/** Everything a turn leaves behind, in one transaction: all of it or none. */
export async function saveTurn(db: Database, tenantId: string, r: TurnRecord): Promise<{ sessionId: string; turnId: string }> {
  return withTenant(db, tenantId, async (tx) => {
    const session = await upsertSession(tx, tenantId, r);
    const [turn] = await tx
      .insert(coachingTurns)
      .values({
        tenantId,
        sessionId: session.id,
        position: session.turns,
        question: r.question,
        intent: r.intent,
        answer: r.answer,
        cards: r.cards,
        citations: r.citations,
        provider: r.provider,
        model: r.model,
        latencyMs: Math.round(r.latencyMs),
        costUsd: r.costUsd,
        embedding: r.embedding,
        embeddingModel: r.embeddingModel,
      })
      .returning({ id: coachingTurns.id });
    const turnId = turn!.id;
    if (r.executions.length) {
      await tx.insert(agentExecutions).values(r.executions.map((e, position) => ({ tenantId, turnId, position, ...e })));
    }
    if (r.usage.length) {
      await tx.insert(llmUsage).values(r.usage.map((u) => ({ tenantId, turnId, ...u, latencyMs: Math.round(u.latencyMs) })));
    }
    if (r.cache && r.cache.ttlSeconds > 0) {
      const expiresAt = new Date(Date.now() + r.cache.ttlSeconds * 1000);
      await tx
        .insert(llmCache)
        .values({ tenantId, key: r.cache.key, provider: r.cache.provider, model: r.cache.model, answer: r.cache.answer, expiresAt })
        .onConflictDoUpdate({ target: [llmCache.tenantId, llmCache.key], set: { provider: r.cache.provider, model: r.cache.model, answer: r.cache.answer, createdAt: new Date(), expiresAt } });
      // Expired entries go as new ones arrive: the table stays the size of what is live.
      await tx.delete(llmCache).where(lt(llmCache.expiresAt, new Date()));
    }
    return { sessionId: session.id, turnId };
  });
}

async function upsertSession(tx: Tx, tenantId: string, r: TurnRecord): Promise<{ id: string; turns: number }> {
  if (r.sessionId) {
    const [row] = await tx
      .update(coachingSessions)
      .set({ turns: sql`${coachingSessions.turns} + 1`, updatedAt: new Date() })
      .where(eq(coachingSessions.id, r.sessionId))
      .returning({ id: coachingSessions.id, turns: coachingSessions.turns });
    if (row) return row;
  }
  const [row] = await tx.insert(coachingSessions).values({ tenantId, userId: r.userId, title: titleOf(r.question), turns: 1 }).returning({ id: coachingSessions.id, turns: coachingSessions.turns });
  return row!;
}
