import { describe, expect, it } from 'vitest';
import { composeAnswer, composer } from './composer';
import { formatValue } from './numbers';

describe('formatValue', () => {
  it('formats each kind of number the same way every time', () => {
    expect(formatValue({ value: -2430.691, format: 'money' })).toBe('-$2,430.69');
    expect(formatValue({ value: -0.12, format: 'percent' })).toBe('-12.0%');
    expect(formatValue({ value: 1234.4, format: 'count' })).toBe('1,234');
    expect(formatValue({ value: 7.25, format: 'hours' })).toBe('7.3 h');
  });
});

describe('composer', () => {
  const req = {
    question: 'how many staff on Friday?',
    cards: [
      { tool: 'forecast', title: 'Orders', citation: { kind: 'forecast' as const, id: 'f1', label: 'forecast' }, findings: [{ template: 'Friday should bring {orders} orders', values: { orders: { value: 301.6, format: 'count' as const } } }] },
      { tool: 'staffing', title: 'Staff', citation: { kind: 'optimization_run' as const, id: 'o1', label: 'plan' }, findings: [{ template: 'Plan {n} people.', values: { n: { value: 4, format: 'count' as const } } }] },
    ],
  };

  it('writes each finding with its citation mark, deterministically', async () => {
    const text = composeAnswer(req);
    expect(text).toBe('Friday should bring 302 orders [1].\n\nPlan 4 people [2].');
    const done = await composer.answer(req);
    expect(done).toMatchObject({ text, provider: 'composer', usage: { inputTokens: 0, outputTokens: 0 } });
  });

  it('says plainly when no tool had anything', () => {
    expect(composeAnswer({ question: 'hm', cards: [] })).toMatch(/could not find numbers/);
  });
});
