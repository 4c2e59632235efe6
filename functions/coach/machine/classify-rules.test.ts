import { describe, expect, it } from 'vitest';
import { classify } from './classify-rules';

describe('classify', () => {
  it.each([
    ['Why did revenue drop in week 37?', 'explain_change', { metric: 'revenue', week: 37 }],
    ['why were sales down last week', 'explain_change', { metric: 'revenue' }],
    ['How many staff on Friday?', 'staffing', { day: 'friday' }],
    ['what should I reorder?', 'reorder', {}],
    ['Will I hit my goal?', 'goal_progress', {}],
    ['I want to grow revenue', 'goal_plan', { metric: 'revenue' }],
    ['What will orders be next week?', 'forecast', { metric: 'orders' }],
    ['how is labour cost', 'metric_lookup', { metric: 'labour_cost' }],
    ['tell me a joke', 'unknown', {}],
  ])('%s → %s', (question, intent, entities) => {
    expect(classify(question)).toEqual({ intent, entities });
  });
});
