import { answerMessages, answerWithFallback, composeAnswer, costOf, hashOf, route, type AnswerRequest } from '@dyocense/llm';
import { cacheOrSpend } from '../store';
import type { CoachNode } from './node';
import type { TurnDeps, TurnState } from './state';

export const answerRequest = (state: TurnState): AnswerRequest => ({ question: state.question, cards: state.cards, history: state.history });

/** The cache key: the prompt (question, findings, history) and the configured models. */
export function cacheKeyOf(req: AnswerRequest, deps: TurnDeps): string {
  return hashOf({ v: 1, messages: answerMessages(req), local: deps.models.local?.model ?? null, cloud: deps.models.cloud?.model ?? null });
}

/**
 * Compose: the answer's words. No model configured: the composer. Otherwise a cached answer to
 * the same prompt, or the router's chain (local/cloud by complexity and budget, fallback on
 * error or timeout, the composer last).
 */
export const composeNode: CoachNode = {
  name: 'compose',
  status: 'Writing the answer',
  async run(state, deps) {
    const req = answerRequest(state);
    const { local, cloud, composer } = deps.models;
    if (!local && !cloud) {
      state.route = { complexity: null, reason: 'no model configured' };
      state.draft = { text: composeAnswer(req), provider: composer.name, model: composer.model, cacheKey: null, cached: false };
      return { input: { cards: state.cards.length }, output: { provider: 'composer', reason: state.route.reason } };
    }
    const key = cacheKeyOf(req, deps);
    const { hit, spent } = await cacheOrSpend(deps.runtime.db, deps.tenantId, key, deps.now, !!cloud);
    if (hit) {
      state.route = { complexity: null, reason: 'cached answer to the same question over the same numbers' };
      state.draft = { text: hit.answer, provider: hit.provider, model: hit.model, cacheKey: key, cached: true };
      state.usage.push({ purpose: 'answer', provider: hit.provider, model: hit.model, inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: 0, cacheHit: true, outcome: 'ok' });
      return { input: { cacheKey: key }, output: { cached: true, provider: hit.provider, model: hit.model } };
    }
    const r = route({
      question: state.question,
      toolsNeeded: state.plan.length,
      local,
      cloud,
      composer,
      cloudThreshold: deps.models.cloudThreshold,
      spentToday: spent,
      dailyBudget: deps.models.dailyBudgetUsd,
    });
    state.route = { complexity: r.complexity, reason: r.reason };
    const { completion, attempts } = await answerWithFallback(r.chain, req, { timeoutMs: deps.models.timeoutMs, signal: deps.signal });
    for (const a of attempts) {
      if (a.provider === 'composer') continue;
      const usage = a.completion?.usage ?? { inputTokens: 0, outputTokens: 0 };
      const tier = a.provider === 'openai' ? 'cloud' : 'local';
      state.usage.push({ purpose: 'answer', provider: a.provider, model: a.model, ...usage, costUsd: costOf(tier, a.model, usage), latencyMs: a.ms, cacheHit: false, outcome: a.outcome });
    }
    const done = completion ?? (await composer.answer(req));
    state.draft = { text: done.text, provider: done.provider, model: done.model, cacheKey: key, cached: false };
    return {
      input: { cacheKey: key, spentToday: spent, chain: r.chain.map((p) => `${p.name}:${p.model}`) },
      output: { complexity: r.complexity, reason: r.reason, attempts: attempts.map(({ completion: _c, ...a }) => a), provider: done.provider, model: done.model },
    };
  },
};
