import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns';
import { tenants, users } from './identity';

/**
 * A 384-number embedding. Declared as real[]; the coach_rls migration turns the column into
 * pgvector's vector(384) where the extension exists. Values are written as a real[] literal
 * (which both types accept: pgvector casts arrays on assignment) and read back from either form.
 */
export const embedding384 = customType<{ data: number[]; driverData: string | number[] }>({
  dataType: () => 'real[]',
  toDriver: (value) => sql`${`{${value.join(',')}}`}::real[]`,
  fromDriver: (value) => (Array.isArray(value) ? value.map(Number) : String(value).replace(/^[[{]|[\]}]$/g, '').split(',').filter(Boolean).map(Number)),
});

/** A conversation between an owner and the coach. */
export const coachingSessions = pgTable(
  'coaching_sessions',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    turns: integer('turns').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('coaching_sessions_tenant_updated_idx').on(t.tenantId, t.updatedAt)],
);

/** One question and its answer: the tools' cards, the citations, who phrased it, what it cost. */
export const coachingTurns = pgTable(
  'coaching_turns',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => coachingSessions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    question: text('question').notNull(),
    intent: text('intent').notNull(),
    answer: text('answer').notNull(),
    cards: jsonb('cards').notNull(),
    citations: jsonb('citations').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    embedding: embedding384('embedding').notNull(),
    embeddingModel: text('embedding_model').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('coaching_turns_session_idx').on(t.sessionId, t.position), index('coaching_turns_tenant_created_idx').on(t.tenantId, t.createdAt)],
);

/** Each state-machine node of a turn: what went in, what came out, how long it took. */
export const agentExecutions = pgTable(
  'agent_executions',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    turnId: uuid('turn_id')
      .notNull()
      .references(() => coachingTurns.id, { onDelete: 'cascade' }),
    node: text('node').notNull(),
    position: integer('position').notNull(),
    status: text('status', { enum: ['ok', 'error'] }).notNull(),
    input: jsonb('input').notNull(),
    output: jsonb('output').notNull(),
    durationMs: doublePrecision('duration_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('agent_executions_turn_idx').on(t.turnId, t.position)],
);

/** Every model call (and cache hit): the budget and the bill are sums over this. */
export const llmUsage = pgTable(
  'llm_usage',
  {
    id: id(),
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    turnId: uuid('turn_id').references(() => coachingTurns.id, { onDelete: 'set null' }),
    purpose: text('purpose', { enum: ['answer', 'tools', 'embed'] }).notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costUsd: doublePrecision('cost_usd').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    cacheHit: boolean('cache_hit').notNull().default(false),
    outcome: text('outcome', { enum: ['ok', 'error', 'timeout'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('llm_usage_tenant_created_idx').on(t.tenantId, t.createdAt)],
);

/** Model answers by prompt-and-context hash, per tenant, until they expire. */
export const llmCache = pgTable(
  'llm_cache',
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    answer: text('answer').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] }), index('llm_cache_expires_idx').on(t.expiresAt)],
);
