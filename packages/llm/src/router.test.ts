import { describe, expect, it } from 'vitest';
import { composer } from './composer';
import { complexityOf } from './complexity';
import { costOf, priceOf } from './pricing';
import { route } from './router';
import type { AnswerProvider } from './types';

const fake = (name: 'ollama' | 'openai', tier: 'local' | 'cloud'): AnswerProvider => ({ name, tier, model: name, answer: async () => ({ text: '', usage: { inputTokens: 0, outputTokens: 0 }, provider: name, model: name }) });
const local = fake('ollama', 'local');
const cloud = fake('openai', 'cloud');
const base = { local, cloud, composer, cloudThreshold: 0.5, spentToday: 0, dailyBudget: 1 };

describe('complexity', () => {
  it('scores a direct question low and a long multi-step one high', () => {
    expect(complexityOf('how many staff on Friday?', 2).score).toBeLessThan(0.3);
    const hard = complexityOf(
      'Compare what happens if we raise coffee prices and also cut Saturday staff, then plan the best strategy for the summer, and what should I do about it and everything else?',
      3,
    );
    expect(hard.score).toBeGreaterThanOrEqual(0.5);
  });
});

describe('route', () => {
  it('sends easy questions local first, hard ones cloud first, composer always last', () => {
    expect(route({ ...base, question: 'what should I reorder?', toolsNeeded: 1 }).chain.map((p) => p.name)).toEqual(['ollama', 'openai', 'composer']);
    expect(route({ ...base, question: 'x', toolsNeeded: 1, cloudThreshold: 0 }).chain.map((p) => p.name)).toEqual(['openai', 'ollama', 'composer']);
  });

  it('leaves the cloud out once the daily budget is spent', () => {
    const r = route({ ...base, question: 'x', toolsNeeded: 1, cloudThreshold: 0, spentToday: 1.2 });
    expect(r.chain.map((p) => p.name)).toEqual(['ollama', 'composer']);
    expect(r.reason).toMatch(/budget/);
  });

  it('answers with the composer when no model is configured', () => {
    expect(route({ ...base, local: undefined, cloud: undefined, question: 'x', toolsNeeded: 1 }).chain).toEqual([composer]);
  });
});

describe('pricing', () => {
  it('prices cloud tokens from the table, never an unknown model as free, local as free', () => {
    expect(costOf('cloud', 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(0.75);
    expect(priceOf('some-new-model').input).toBeGreaterThan(0);
    expect(costOf('local', 'llama3:8b', { inputTokens: 5000, outputTokens: 5000 })).toBe(0);
  });
});
