import { describe, expect, it } from 'vitest';
import { acceptModelText, checkNumbers } from './citations';
import { numbersIn } from './numbers';
import type { ToolCard } from './types';

const cards: ToolCard[] = [
  {
    tool: 'explain_change',
    title: 'Revenue in week 37',
    citation: { kind: 'causal_estimate', id: 'job-1', label: 'driver decomposition' },
    findings: [
      { template: 'Revenue fell {change} to {after}, from {before} a week before.', values: { change: { value: -0.12, format: 'percent' }, after: { value: 17824.96, format: 'money' }, before: { value: 20255.65, format: 'money' } } },
      { template: 'Bakery lost {bakery}.', values: { bakery: { value: -1121.52, format: 'money' } } },
    ],
  },
];

describe('numbersIn', () => {
  it('reads money, percents, thousands and suffixes, not dates or citation marks', () => {
    const found = numbersIn('Revenue fell 12% ($2,430.69) on 2026-09-07 [1], about 2.4k, week 37.');
    expect(found.map((n) => [n.text, n.value])).toEqual([
      ['12%', 12],
      ['$2,430.69', 2430.69],
      ['2.4k', 2400],
      ['37', 37],
    ]);
  });
});

describe('checkNumbers', () => {
  it('keeps sentences whose numbers are the tools\' (as printed or rounded honestly)', () => {
    const text = 'Revenue fell 12% in week 37 [1]. It was $17,824.96 against $20,255.65 [1]. Bakery lost about $1,100 [1].';
    const r = checkNumbers(text, cards, 'why did revenue drop in week 37?');
    expect(r.unsupported).toEqual([]);
    expect(r.text).toBe(text);
  });

  it('drops a sentence with a number no tool produced', () => {
    const r = checkNumbers('Revenue fell 12% [1]. Coffee lost $900 because of rain [1].', cards, 'why?');
    expect(r.unsupported.map((u) => u.number)).toEqual(['$900']);
    expect(r.text).toBe('Revenue fell 12% [1].');
    expect(acceptModelText(r, cards)).toBeNull(); // half the sentences went: the composer answers
  });

  it('refuses an answer with no tool number at all when the tools had numbers', () => {
    const r = checkNumbers('Sales were weaker. Keep an eye on it.', cards, 'why?');
    expect(r.unsupported).toEqual([]);
    expect(acceptModelText(r, cards)).toBeNull();
  });

  it('rejects invented dates', () => {
    const r = checkNumbers('It started on 2026-09-01 [1].', cards, 'why?');
    expect(r.unsupported.map((u) => u.number)).toEqual(['2026-09-01']);
  });
});
