import { acceptModelText, checkNumbers, composeAnswer } from '@dyocense/llm';
import { answerRequest } from './compose';
import type { CoachNode } from './node';
import type { TurnState } from './state';

const HREF: Record<string, (id: string) => string | undefined> = {
  forecast: (id) => `/api/forecast/${id}`,
  optimization_run: (id) => `/api/optimize/runs/${id}`,
  goal: (id) => `/api/goals/${id}`,
};

function hrefOf(c: { kind: string; id: string; query?: Record<string, string> }): { href?: string } {
  if (c.query) return { href: `/api/metrics/query?${new URLSearchParams(c.query)}` };
  const href = HREF[c.kind]?.(c.id);
  return href ? { href } : {};
}

/**
 * Check: every number a model wrote must be a tool's number. Sentences with other numbers are
 * dropped; if too much goes, the composer's answer is used instead. Then the answer is streamed.
 */
export const checkNode: CoachNode = {
  name: 'check',
  status: 'Checking every number against the analyses',
  async run(state, deps) {
    const draft = state.draft!;
    state.provider = draft.provider;
    state.model = draft.model;
    state.checked = { unsupported: [], replacedByComposer: false };
    let answer = draft.text;
    if (draft.provider !== 'composer') {
      const check = checkNumbers(draft.text, state.cards, state.question);
      const accepted = acceptModelText(check, state.cards);
      state.checked.unsupported = check.unsupported;
      if (accepted === null) {
        answer = composeAnswer(answerRequest(state));
        state.checked.replacedByComposer = true;
        state.provider = 'composer';
        state.model = 'templates';
      } else answer = accepted;
    }
    const problems = state.toolProblems.map((p) => `I could not complete the ${p.tool.replace(/_/g, ' ')} analysis: ${p.message}`);
    state.answer = [answer, ...problems].join('\n\n');
    state.costUsd = state.usage.reduce((s, u) => s + u.costUsd, 0);
    state.citations = state.cards.map((c, i) => ({ mark: `[${i + 1}]`, ...c.citation, ...hrefOf(c.citation) }));
    for (const piece of chunks(state.answer)) {
      if (deps.signal.aborted) break;
      await deps.emit({ event: 'token', data: { text: piece } });
    }
    return {
      input: { provider: draft.provider, cached: draft.cached },
      output: { provider: state.provider, unsupported: state.checked.unsupported, replacedByComposer: state.checked.replacedByComposer, citations: state.citations.length },
    };
  },
};

/** The answer in pieces of a dozen words, whitespace kept, so a client can render as it reads. */
export function chunks(text: string, words = 12): string[] {
  const parts = text.match(/\S+\s*/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += words) out.push(parts.slice(i, i + words).join(''));
  if (out.length && /^\s+/.test(text)) out[0] = text.match(/^\s+/)![0] + out[0];
  return out;
}

