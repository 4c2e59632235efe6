import type { TurnState } from './machine/state';
import type { SessionRow } from './store';

/** The `final` event: the whole answer with its citations and how it was made. */
export function finalEvent(s: TurnState): Record<string, unknown> {
  return {
    sessionId: s.sessionId,
    turnId: s.turnId,
    answer: s.answer,
    citations: s.citations,
    cards: s.cards,
    actions: s.cards.flatMap((c) => c.actions ?? []),
    intent: s.intent,
    plan: { source: s.planSource, calls: s.plan },
    provider: s.provider,
    model: s.model,
    costUsd: s.costUsd,
    cached: s.draft?.cached ?? false,
    latencyMs: Math.round(performance.now() - s.startedAt),
    route: s.route,
    check: s.checked,
    similar: s.similar.map(({ answer: _a, ...rest }) => rest),
    steps: s.executions.map((e) => ({ node: e.node, ms: e.durationMs })),
  };
}

export const sessionView = (r: SessionRow) => ({ id: r.id, title: r.title, turns: r.turns, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });
