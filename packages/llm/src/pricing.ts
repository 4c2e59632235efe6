// USD per million tokens (input, output) for cloud models, as published by their vendors.
// A model not listed costs the fallback price, so an unknown model never counts as free.
// Local models cost nothing per token.

export interface Price {
  input: number;
  output: number;
}

export const PRICES: Record<string, Price> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5': { input: 1.25, output: 10 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
};

export const FALLBACK_PRICE: Price = { input: 5, output: 15 };

export function priceOf(model: string, override?: Partial<Price>): Price {
  const base = PRICES[model] ?? PRICES[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')] ?? FALLBACK_PRICE;
  return { input: override?.input ?? base.input, output: override?.output ?? base.output };
}

/** Cost in USD of one call; local and composer calls are free. */
export function costOf(tier: 'local' | 'cloud' | 'composer', model: string, usage: { inputTokens: number; outputTokens: number }, override?: Partial<Price>): number {
  if (tier !== 'cloud') return 0;
  const p = priceOf(model, override);
  return (usage.inputTokens * p.input + usage.outputTokens * p.output) / 1_000_000;
}
