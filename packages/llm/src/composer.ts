import { formatValue } from './numbers';
import type { AnswerProvider, AnswerRequest, Completion, Finding, ToolCard } from './types';

// The deterministic composer: writes the answer from the tools' structured results with
// templates. No model, no randomness: the same results give the same words, and every number
// in them is a tool's number followed by the mark of the card it came from.

/** A finding with its numbers filled in. */
export function renderFinding(f: Finding): string {
  return f.template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = f.values?.[name];
    return v ? formatValue(v) : whole;
  });
}

/** "[1]" for the first card, "[2]" for the second… as in the final event's citations list. */
export const citationMark = (index: number) => `[${index + 1}]`;

function withMark(sentence: string, mark: string): string {
  const trimmed = sentence.trim();
  const end = /[.!?]$/.test(trimmed) ? trimmed.slice(-1) : '.';
  const body = /[.!?]$/.test(trimmed) ? trimmed.slice(0, -1) : trimmed;
  return `${body} ${mark}${end}`;
}

/** The card's findings as sentences, each marked with its citation. */
export function cardSentences(card: ToolCard, index: number): string[] {
  return card.findings.map((f) => withMark(renderFinding(f), citationMark(index)));
}

export function composeAnswer(req: AnswerRequest): string {
  const useful = req.cards.filter((c) => c.findings.length > 0);
  if (!useful.length) {
    return 'I could not find numbers to answer that yet. Try asking about revenue, staffing, reordering or your goals, for example "why did revenue drop last week?" or "how many staff on Friday?".';
  }
  const paragraphs = req.cards
    .map((card, i) => ({ card, sentences: cardSentences(card, i) }))
    .filter((p) => p.sentences.length > 0)
    .map((p) => p.sentences.join(' '));
  return paragraphs.join('\n\n');
}

export const composer: AnswerProvider = {
  name: 'composer',
  tier: 'composer',
  model: 'templates',
  async answer(req: AnswerRequest, opts = {}): Promise<Completion> {
    const text = composeAnswer(req);
    opts.onToken?.(text);
    return { text, usage: { inputTokens: 0, outputTokens: 0 }, provider: 'composer', model: 'templates' };
  },
};
