import { costOf, TimeoutError, withTimeout, type AnswerProvider } from '@dyocense/llm';
import { spentToday } from '../store';
import { tools, toolSpecs } from '../tools';
import type { CoachNode } from './node';
import { OVERVIEW, planFor, type PlannedCall } from './plan-rules';
import type { TurnDeps, TurnState } from './state';

const MAX_MODEL_CALLS = 2;

/**
 * Plan: the tool calls for the intent. A question the rules do not recognise is shown to a
 * model (local first, then cloud within budget) that may pick tools; its picks are validated
 * like any input. Without a model, or if it picks nothing usable, a metrics overview answers.
 */
export const planNode: CoachNode = {
  name: 'plan',
  status: 'Choosing the analyses',
  async run(state, deps) {
    state.plan = planFor(state.intent, state.entities, { now: deps.now, openGoals: state.openGoals.length });
    state.planSource = 'rules';
    if (!state.plan.length) {
      const chosen = await modelPlan(state, deps);
      state.plan = chosen.length ? chosen : OVERVIEW;
      state.planSource = chosen.length ? 'model' : 'default';
    }
    return { input: { intent: state.intent, entities: state.entities }, output: { source: state.planSource, calls: state.plan } };
  },
};

async function modelPlan(state: TurnState, deps: TurnDeps): Promise<PlannedCall[]> {
  const { local, cloud } = deps.models;
  if (!local && !cloud) return [];
  const affordable = cloud && (await spentToday(deps.runtime.db, deps.tenantId, deps.now)) < deps.models.dailyBudgetUsd;
  const chain = [local, affordable ? cloud : undefined].filter((p): p is AnswerProvider => !!p?.chooseTools);
  for (const provider of chain) {
    const started = performance.now();
    try {
      const choice = await withTimeout(deps.models.timeoutMs, deps.signal, (signal) => provider.chooseTools!(state.question, toolSpecs, { signal }));
      state.usage.push({ purpose: 'tools', provider: provider.name, model: provider.model, ...choice.usage, costUsd: costOf(provider.tier, provider.model, choice.usage), latencyMs: performance.now() - started, cacheHit: false, outcome: 'ok' });
      const calls: PlannedCall[] = [];
      for (const call of choice.calls.slice(0, MAX_MODEL_CALLS)) {
        const tool = tools.get(call.name);
        const args = tool?.args.safeParse(call.arguments);
        if (tool && args?.success) calls.push({ tool: tool.name, args: args.data as Record<string, unknown> });
      }
      return calls;
    } catch (err) {
      state.usage.push({ purpose: 'tools', provider: provider.name, model: provider.model, inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: performance.now() - started, cacheHit: false, outcome: err instanceof TimeoutError ? 'timeout' : 'error' });
      if (deps.signal.aborted) return [];
    }
  }
  return [];
}
