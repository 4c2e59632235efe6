import { asc, inArray } from 'drizzle-orm';
import { smartGoals } from '@dyocense/db';
import { withTenant } from '@dyocense/core';
import { costOf, hashedEmbedder } from '@dyocense/llm';
import { similarTurns } from '../similar';
import type { CoachNode } from './node';

/**
 * Retrieve: similar past questions (by embedding) and the open goals. A configured embedding
 * model that fails is replaced by the offline embedder, so retrieval never blocks an answer.
 */
export const retrieveNode: CoachNode = {
  name: 'retrieve',
  status: 'Looking at your goals and past questions',
  async run(state, deps) {
    const embedder = deps.models.embedder;
    const started = performance.now();
    try {
      [state.embedding] = (await embedder.embed([state.question], { signal: AbortSignal.any([deps.signal, AbortSignal.timeout(deps.models.timeoutMs)]) })) as [number[]];
      state.embeddingModel = embedder.model;
      if (embedder !== hashedEmbedder) {
        const [provider, ...model] = embedder.model.split(':');
        state.usage.push({ purpose: 'embed', provider: provider!, model: model.join(':'), inputTokens: 0, outputTokens: 0, costUsd: costOf(provider === 'openai' ? 'cloud' : 'local', model.join(':'), { inputTokens: Math.ceil(state.question.length / 4), outputTokens: 0 }), latencyMs: performance.now() - started, cacheHit: false, outcome: 'ok' });
      }
    } catch (err) {
      if (embedder !== hashedEmbedder) {
        const [provider, ...model] = embedder.model.split(':');
        state.usage.push({ purpose: 'embed', provider: provider!, model: model.join(':'), inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: performance.now() - started, cacheHit: false, outcome: deps.signal.aborted ? 'error' : 'timeout' });
      }
      deps.runtime.log.warn('coach embedding failed, using hashed n-grams', { error: String(err) });
      [state.embedding] = (await hashedEmbedder.embed([state.question])) as [number[]];
      state.embeddingModel = hashedEmbedder.model;
    }
    if (state.embedding?.length !== 384) {
      [state.embedding] = (await hashedEmbedder.embed([state.question])) as [number[]];
      state.embeddingModel = hashedEmbedder.model;
    }
    await withTenant(deps.runtime.db, deps.tenantId, async (tx) => {
      state.similar = await similarTurns(deps.runtime.db, tx, state.embedding, state.embeddingModel);
      state.openGoals = await tx
        .select({ id: smartGoals.id, title: smartGoals.title, metric: smartGoals.metric, deadline: smartGoals.deadline })
        .from(smartGoals)
        .where(inArray(smartGoals.status, ['created', 'in_progress']))
        .orderBy(asc(smartGoals.deadline))
        .limit(5);
    });
    return {
      input: { embeddingModel: state.embeddingModel },
      output: { similar: state.similar.map(({ answer: _a, ...s }) => s), openGoals: state.openGoals },
    };
  },
};
