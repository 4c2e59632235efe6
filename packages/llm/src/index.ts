// @dyocense/llm: models phrase, engines decide. Providers behind one interface (Ollama, any
// OpenAI-compatible server, the deterministic composer), the router and its fallback, prices,
// an offline embedder and the number-citation check. Pure: no database, no configuration.
export * from './types';
export { formatValue, numbersIn, datesIn, type NumberMention } from './numbers';
export { composer, composeAnswer, renderFinding, cardSentences, citationMark } from './composer';
export { answerMessages, ANSWER_SYSTEM_PROMPT } from './prompt';
export { ollamaProvider, ollamaEmbedder } from './ollama';
export { openaiProvider, openaiEmbedder } from './openai';
export { complexityOf, type Complexity } from './complexity';
export { route, type Route, type RouteInput } from './router';
export { answerWithFallback, withTimeout, TimeoutError, type Attempt } from './fallback';
export { PRICES, FALLBACK_PRICE, priceOf, costOf, type Price } from './pricing';
export { hashedEmbedding, hashedEmbedder, cosine, words } from './embed';
export { allowedNumbers, isSupported, checkNumbers, acceptModelText, type CheckResult, type AllowedNumbers } from './citations';
export { hashOf } from './hash';
