import type { Runtime } from '@dyocense/core';
import type { Citation, Complexity, ToolCard } from '@dyocense/llm';
import type { Models } from '../models';
import type { Intent, Entities } from './classify-rules';

/** One model call (or cache hit) to account for in llm_usage. */
export interface UsageRecord {
  purpose: 'answer' | 'tools' | 'embed';
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  cacheHit: boolean;
  outcome: 'ok' | 'error' | 'timeout';
}

export interface SimilarTurn {
  turnId: string;
  sessionId: string;
  question: string;
  answer: string;
  similarity: number;
}

/** Everything a turn learns on its way through the nodes. */
export interface TurnState {
  question: string;
  sessionId: string | null;
  history: { question: string; answer: string }[];
  intent: Intent;
  entities: Entities;
  embedding: number[];
  embeddingModel: string;
  similar: SimilarTurn[];
  openGoals: { id: string; title: string; metric: string; deadline: string }[];
  plan: { tool: string; args: Record<string, unknown> }[];
  planSource: 'rules' | 'model' | 'default';
  cards: ToolCard[];
  toolProblems: { tool: string; message: string }[];
  route: { complexity: Complexity | null; reason: string };
  draft: { text: string; provider: string; model: string; cacheKey: string | null; cached: boolean } | null;
  answer: string;
  provider: string;
  model: string;
  checked: { unsupported: { number: string; sentence: string }[]; replacedByComposer: boolean } | null;
  costUsd: number;
  usage: UsageRecord[];
  citations: (Citation & { mark: string; href?: string })[];
  /** Each node as it ran: kept in agent_executions. */
  executions: { node: string; status: 'ok' | 'error'; input: unknown; output: unknown; durationMs: number }[];
  startedAt: number;
  turnId: string | null;
}

/** What the nodes work with: who asks, the runtime, the models and the event stream. */
export interface TurnDeps {
  runtime: Runtime;
  models: Models;
  tenantId: string;
  userId: string;
  now: Date;
  signal: AbortSignal;
  emit: (event: CoachEvent) => Promise<void>;
}

export type CoachEvent =
  | { event: 'status'; data: { stage: string; message: string } }
  | { event: 'tool'; data: { tool: string; status: 'running' | 'done' | 'failed'; args?: unknown; cards?: ToolCard[]; message?: string; ms?: number } }
  | { event: 'token'; data: { text: string } }
  | { event: 'final'; data: Record<string, unknown> }
  | { event: 'error'; data: { type: string; title: string; detail: string } };

export function initialState(question: string, sessionId: string | null, history: TurnState['history']): TurnState {
  return {
    question,
    sessionId,
    history,
    intent: 'unknown',
    entities: {},
    embedding: [],
    embeddingModel: '',
    similar: [],
    openGoals: [],
    plan: [],
    planSource: 'rules',
    cards: [],
    toolProblems: [],
    route: { complexity: null, reason: '' },
    draft: null,
    answer: '',
    provider: 'composer',
    model: 'templates',
    checked: null,
    costUsd: 0,
    usage: [],
    citations: [],
    executions: [],
    startedAt: performance.now(),
    turnId: null,
  };
}
