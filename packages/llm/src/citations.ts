import { renderFinding } from './composer';
import { datesIn, numbersIn, type NumberMention } from './numbers';
import type { ToolCard } from './types';

// Every number in an answer must come from a tool. The allowed numbers are the cards' values
// (and what their sentences print, and what the question itself says); a model's sentence
// that writes any other number is dropped.

export interface AllowedNumbers {
  values: number[];
  dates: Set<string>;
}

export function allowedNumbers(cards: ToolCard[], question: string): AllowedNumbers {
  const values: number[] = [];
  const dates = new Set<string>(datesIn(question));
  for (const card of cards) {
    for (const f of card.findings) {
      for (const v of Object.values(f.values ?? {})) values.push(v.value, v.format === 'percent' ? v.value * 100 : v.value);
      const text = `${renderFinding(f)} ${card.title}`;
      for (const n of numbersIn(text)) values.push(n.value);
      for (const d of datesIn(text)) dates.add(d);
    }
  }
  for (const n of numbersIn(question)) values.push(n.value);
  return { values, dates };
}

/** Does a written number stand for one of the allowed values (as written, or as a percent)? */
export function isSupported(n: NumberMention, allowed: AllowedNumbers): boolean {
  const candidates = n.percent ? [n.value, n.value / 100] : [n.value];
  return candidates.some((x) => {
    const tol = n.percent && x !== n.value ? n.tolerance / 100 : n.tolerance;
    return allowed.values.some((v) => Math.abs(Math.abs(v) - Math.abs(x)) <= tol + 1e-9);
  });
}

export interface CheckResult {
  text: string;
  /** Numbers the tools never produced, with the sentence that carried them. */
  unsupported: { number: string; sentence: string }[];
  sentences: number;
  removedSentences: number;
  /** How many numbers the kept text cites. */
  supportedNumbers: number;
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"“(\d$-])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Keeps the sentences whose numbers (and dates) all come from the tools. */
export function checkNumbers(text: string, cards: ToolCard[], question: string): CheckResult {
  const allowed = allowedNumbers(cards, question);
  const unsupported: CheckResult['unsupported'] = [];
  const kept: string[] = [];
  let supportedNumbers = 0;
  const sentences = sentencesOf(text);
  for (const sentence of sentences) {
    const bad = numbersIn(sentence).filter((n) => !isSupported(n, allowed)).map((n) => n.text);
    bad.push(...datesIn(sentence).filter((d) => !allowed.dates.has(d)));
    if (bad.length) {
      for (const number of bad) unsupported.push({ number, sentence });
      continue;
    }
    supportedNumbers += numbersIn(sentence).length;
    kept.push(sentence);
  }
  return { text: kept.join(' '), unsupported, sentences: sentences.length, removedSentences: sentences.length - kept.length, supportedNumbers };
}

/**
 * The model's text when it survives the check well enough; otherwise null (use the composer).
 * Too much removed (over a third of the sentences), or no number left where the tools had some,
 * means the model's answer no longer says what the engines computed.
 */
export function acceptModelText(check: CheckResult, cards: ToolCard[]): string | null {
  if (!check.text.trim()) return null;
  if (check.removedSentences * 3 > check.sentences) return null;
  const toolsHaveNumbers = cards.some((c) => c.findings.some((f) => Object.keys(f.values ?? {}).length > 0));
  if (toolsHaveNumbers && check.supportedNumbers === 0) return null;
  return check.text;
}
