import { describe, expect, it } from 'vitest';
import { combine, weightsFrom } from './ensemble';
import type { ModelForecast } from './types';

const scores = new Map([
  ['a', { mase: 0.5 }],
  ['b', { mase: 1 }],
  ['c', { mase: 2 }],
  ['broken', { mase: NaN }],
]);

describe('ensemble weights', () => {
  it('best keeps only the lowest backtest MASE', () => {
    expect([...weightsFrom(scores, 'best')]).toEqual([['a', 1]]);
  });

  it('inverse² weights are proportional to 1/MASE² and sum to 1', () => {
    const w = weightsFrom(scores, 'inverse2');
    // 1/0.25 : 1/1 : 1/4 = 4 : 1 : 0.25 → divide by 5.25.
    expect(w.get('a')).toBeCloseTo(4 / 5.25, 12);
    expect(w.get('b')).toBeCloseTo(1 / 5.25, 12);
    expect(w.get('c')).toBeCloseTo(0.25 / 5.25, 12);
    expect(w.has('broken')).toBe(false);
  });

  it('near10 averages the models within 10% of the best', () => {
    const w = weightsFrom(new Map([['a', { mase: 1 }], ['b', { mase: 1.05 }], ['c', { mase: 1.2 }]]), 'near10');
    expect([...w]).toEqual([['a', 0.5], ['b', 0.5]]);
  });

  it('combine takes the weighted mean of forecasts and of sds', () => {
    const f = (mean: number[], sd: number[]): ModelForecast => ({ name: 'x', spec: 'x', mean, sd });
    const out = combine(new Map([['a', f([10, 20], [1, 2])], ['b', f([20, 40], [3, 4])]]), new Map([['a', 0.75], ['b', 0.25]]), 2);
    expect(out.mean).toEqual([12.5, 25]);
    expect(out.sd).toEqual([1.5, 2.5]);
  });
});
