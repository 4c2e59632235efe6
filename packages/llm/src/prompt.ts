import { cardSentences } from './composer';
import type { AnswerRequest } from './types';

// What a model is asked: phrase the tools' findings for a small-business owner, keep every
// number as given, cite the card each comes from. The prompt carries the findings and their
// [n] marks, never ids, so the same question over the same numbers is the same prompt (cacheable).

export const ANSWER_SYSTEM_PROMPT = [
  'You are a business coach for a small business owner.',
  'Answer the question using ONLY the numbered findings below; they come from forecasting, optimisation and causal-analysis engines.',
  'Copy every number exactly as written in the findings, and put the finding\'s mark, like [1], after each sentence that uses it.',
  'Never compute, estimate or invent a number. If the findings do not answer the question, say so.',
  'Be brief and practical: at most 6 sentences, plain words, no headings.',
].join(' ');

export function answerMessages(req: AnswerRequest): { role: 'system' | 'user' | 'assistant'; content: string }[] {
  const findings = req.cards.map((card, i) => `${card.title}:\n${cardSentences(card, i).map((s) => `- ${s}`).join('\n')}`).join('\n\n');
  const history = (req.history ?? []).slice(-3).flatMap((t) => [
    { role: 'user' as const, content: t.question },
    { role: 'assistant' as const, content: t.answer },
  ]);
  return [
    { role: 'system', content: ANSWER_SYSTEM_PROMPT },
    ...history,
    { role: 'user', content: `Findings:\n${findings || '(none)'}\n\nQuestion: ${req.question}` },
  ];
}

export const TOOL_SYSTEM_PROMPT =
  'You route a small business owner\'s question to the analysis tools that can answer it. Call one or two tools with arguments taken from the question. Do not answer the question yourself.';
