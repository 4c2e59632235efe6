import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './errors';
import { checkOptions, cleanValues } from './input';

describe('input repair', () => {
  it('interpolates inner gaps linearly and carries the nearest value into edge gaps', () => {
    expect(cleanValues([null, 2, null, null, 8, null])).toEqual({ y: [2, 2, 4, 6, 8, 8], missing: 4 });
    expect(cleanValues([1, 2, 3])).toEqual({ y: [1, 2, 3], missing: 0 });
  });

  it('rejects NaN, Infinity and non-numbers with the position in the message', () => {
    expect(() => cleanValues([1, NaN])).toThrow(/values\[1\] is NaN/);
    expect(() => cleanValues([-Infinity])).toThrow(ForecastInputError);
    expect(() => cleanValues(['3' as unknown as number])).toThrow(ForecastInputError);
  });

  it('defaults levels to 80 and 95, and sorts and deduplicates given ones', () => {
    expect(checkOptions({ period: 12, horizon: 3 }).levels).toEqual([80, 95]);
    expect(checkOptions({ period: 12, horizon: 3, levels: [95, 50, 95] }).levels).toEqual([50, 95]);
  });
});
