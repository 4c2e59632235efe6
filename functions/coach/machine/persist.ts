import { saveTurn } from '../store';
import type { CoachNode } from './node';

/**
 * Persist: the turn, the executions of the nodes before it, model usage and (for a checked model
 * answer) the cache entry, in one transaction. Its own timing goes to the final event.
 */
export const persistNode: CoachNode = {
  name: 'persist',
  status: 'Saving the conversation',
  async run(state, deps) {
    const draft = state.draft!;
    const cacheable = !draft.cached && draft.cacheKey && state.provider !== 'composer' && !state.toolProblems.length;
    const saved = await saveTurn(deps.runtime.db, deps.tenantId, {
      sessionId: state.sessionId,
      userId: deps.userId,
      question: state.question,
      intent: state.intent,
      answer: state.answer,
      cards: state.cards,
      citations: state.citations,
      provider: state.provider,
      model: state.model,
      latencyMs: performance.now() - state.startedAt,
      costUsd: state.costUsd,
      embedding: state.embedding,
      embeddingModel: state.embeddingModel,
      executions: state.executions,
      usage: state.usage,
      cache: cacheable ? { key: draft.cacheKey!, provider: state.provider, model: state.model, answer: state.answer, ttlSeconds: deps.models.cacheTtlSeconds } : null,
    });
    state.sessionId = saved.sessionId;
    state.turnId = saved.turnId;
    return { input: { sessionId: state.sessionId }, output: saved };
  },
};
