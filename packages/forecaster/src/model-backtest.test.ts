import { describe, expect, it } from 'vitest';
import type { Origin } from './backtest';
import { modelBacktests } from './model-backtest';
import type { ModelForecast } from './types';

const model = (name: string, mean: number[], sd: number[]): ModelForecast => ({ name, spec: name, mean, sd });

describe('modelBacktests', () => {
  it('scores each model with its own intervals (hand-computed)', () => {
    const origins: Origin[] = [{ end: 10, actual: [10, 20], scale: 5, forecasts: new Map([['a', model('a', [12, 18], [1, 1])]]) }];
    const a = modelBacktests(origins, ['a'], [95, 99.9]).get('a')!;
    expect(a.mase).toBeCloseTo((2 + 2) / 2 / 5, 12);
    expect(a.smape).toBeCloseTo(((200 * 2) / 22 + (200 * 2) / 38) / 2, 12);
    expect(a.mape).toBeCloseTo((20 + 10) / 2, 12);
    // ±1.96: [10.04, 13.96] and [16.04, 19.96] miss both actuals by 0.04; ±3.29 holds both.
    expect(a.coverage).toEqual({ '95': 0, '99.9': 1 });
    const z = 1.959963984540054;
    // Width 2z plus 2/α times the miss (2 − z) at both steps.
    expect(a.winkler['95']).toBeCloseTo(2 * z + (2 / 0.05) * (2 - z), 6);
  });

  it('uses only origins where every model forecast, and has no MAPE when an actual is zero', () => {
    const origins: Origin[] = [
      { end: 10, actual: [0, 4], scale: 2, forecasts: new Map([['a', model('a', [1, 4], [1, 1])], ['b', model('b', [0, 0], [1, 1])]]) },
      { end: 8, actual: [100, 100], scale: 2, forecasts: new Map([['a', model('a', [0, 0], [1, 1])]]) },
    ];
    const scores = modelBacktests(origins, ['a', 'b'], [80]);
    expect(scores.get('a')!.mase).toBeCloseTo(1 / 2 / 2, 12);
    expect(scores.get('b')!.mase).toBeCloseTo(4 / 2 / 2, 12);
    expect(scores.get('a')!.mape).toBeNull();
    expect(modelBacktests([], ['a'], [80]).size).toBe(0);
  });
});
