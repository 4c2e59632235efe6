import { desc, eq, sql } from 'drizzle-orm';
import { coachingTurns } from '@dyocense/db';
import { executeRows, type Database, type Tx } from '@dyocense/core';
import { cosine } from '@dyocense/llm';
import type { SimilarTurn } from './machine/state';

// Similar past questions of the tenant. With pgvector the database ranks them (HNSW, cosine);
// without it the recent embeddings are scored here, which stays in tens of milliseconds for
// thousands of turns (see PLATFORM-NOTES: a SQL cosine over real[] is far slower).

const SCAN_LIMIT = 2000;
const MIN_SIMILARITY = 0.35;

const columnTypes = new WeakMap<Database, Promise<'vector' | 'array'>>();

/** Whether the migration made the column a pgvector vector; asked once per database. */
function embeddingColumnType(db: Database, tx: Tx): Promise<'vector' | 'array'> {
  let known = columnTypes.get(db);
  if (!known) {
    known = executeRows<{ type: string }>(tx, sql`select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'coaching_turns'::regclass and attname = 'embedding'`)
      .then((rows) => (rows[0]?.type.startsWith('vector') ? 'vector' as const : 'array' as const));
    columnTypes.set(db, known);
    known.catch(() => columnTypes.delete(db));
  }
  return known;
}

export async function similarTurns(db: Database, tx: Tx, embedding: number[], model: string, limit = 3): Promise<SimilarTurn[]> {
  const kind = await embeddingColumnType(db, tx);
  const literal = `[${embedding.join(',')}]`;
  const rows = await (async () => {
    if (kind === 'vector') {
      // RLS filters the index's candidates to this tenant; an iterative scan keeps looking until
      // it has enough of them instead of stopping at the first ef_search neighbours of all tenants.
      await tx.execute(sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true)`);
      return executeRows<{ turn_id: string; session_id: string; question: string; answer: string; similarity: number }>(
        tx,
        sql`select id as turn_id, session_id, question, answer, 1 - (embedding <=> ${literal}::vector) as similarity
            from coaching_turns where embedding_model = ${model}
            order by embedding <=> ${literal}::vector limit ${limit * 2}`,
      );
    }
    const recent = await tx
      .select({ turn_id: coachingTurns.id, session_id: coachingTurns.sessionId, question: coachingTurns.question, answer: coachingTurns.answer, embedding: coachingTurns.embedding })
      .from(coachingTurns)
      .where(eq(coachingTurns.embeddingModel, model))
      .orderBy(desc(coachingTurns.createdAt))
      .limit(SCAN_LIMIT);
    return recent.map(({ embedding: e, ...r }) => ({ ...r, similarity: cosine(embedding, e) }));
  })();
  return rows
    .map((r) => ({ turnId: r.turn_id, sessionId: r.session_id, question: r.question, answer: r.answer, similarity: Math.round(Number(r.similarity) * 1000) / 1000 }))
    .filter((r) => r.similarity >= MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}
