import { describe, expect, it } from 'vitest';
import { loadSeries } from '../test-data/load';
import { isSeasonal, seasonalStrength } from './seasonality';
import { acf, linearTrend, qnorm, quantile } from './stats';

describe('numeric helpers', () => {
  it('qnorm matches R qnorm', () => {
    expect(qnorm(0.975)).toBeCloseTo(1.959964, 6);
    expect(qnorm(0.9)).toBeCloseTo(1.281552, 6);
    expect(qnorm(0.001)).toBeCloseTo(-3.090232, 6);
    expect(qnorm(0.5)).toBe(0);
  });

  it('quantile is R type 7 and acf/trend match hand values', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
    // acf of 1..5 at lag 1: Σ(x_t−3)(x_{t−1}−3)/Σ(x_t−3)² = (−2·−1 + −1·0 + 0·1 + 1·2)/10 = 0.4.
    expect(acf([1, 2, 3, 4, 5], 1)[0]).toBeCloseTo(0.4, 12);
    expect(linearTrend([3, 5, 7, 9])).toEqual({ intercept: 1, slope: 2 });
  });

  it('seasonality measures: strong on AirPassengers (R mstl strength 0.93), absent in white noise', () => {
    const ap = loadSeries('AirPassengers').slice(0, -12);
    expect(seasonalStrength(ap, 12)).toBeGreaterThan(0.64);
    expect(isSeasonal(ap, 12)).toBe(true);
    let s = 1;
    const noise = Array.from({ length: 120 }, () => (s = (s * 16807) % 2147483647) / 2147483647);
    expect(seasonalStrength(noise, 12)).toBeLessThan(0.64);
    expect(isSeasonal(noise, 12)).toBe(false);
  });
});
