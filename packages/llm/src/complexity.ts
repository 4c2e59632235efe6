// How hard a question is for a small local model, from 0 (a lookup) to 1 (a multi-step,
// ambiguous ask). Hard questions go to the cloud model first; the threshold is configuration.

export interface Complexity {
  score: number;
  signals: { words: number; asks: number; multiStep: number; ambiguity: number; tools: number };
}

const MULTI_STEP = /\b(then|after that|compare|compared|versus|vs\.?|what if|scenario|trade-?off|if we|if i|should i|plan|strategy|both|each|break down|step by step|why)\b/gi;
const VAGUE = /\b(it|this|that|they|things?|stuff|better|improve|optimi[sz]e|best|everything|anything)\b/gi;
const ASK_JOINERS = /\b(and also|also|as well as|plus)\b/gi;

export function complexityOf(question: string, toolsNeeded: number): Complexity {
  const text = question.trim();
  const words = text.split(/\s+/).filter(Boolean).length;
  const asks = Math.max(1, (text.match(/\?/g) ?? []).length + (text.match(ASK_JOINERS) ?? []).length);
  const multiStep = (text.match(MULTI_STEP) ?? []).length;
  const ambiguity = (text.match(VAGUE) ?? []).length;
  const tools = Math.max(0, toolsNeeded);
  const score =
    0.25 * Math.min(words / 60, 1) +
    0.2 * Math.min((asks - 1) / 2, 1) +
    0.2 * Math.min(multiStep / 3, 1) +
    0.15 * Math.min(ambiguity / 4, 1) +
    0.2 * (tools === 0 ? 1 : Math.min((tools - 1) / 2, 1));
  return { score: Math.round(score * 1000) / 1000, signals: { words, asks, multiStep, ambiguity, tools } };
}
