import { describe, expect, it } from 'vitest';
import { originEnds } from './backtest';
import { conformalFactor, nestIntervals } from './intervals';

describe('calibration and backtest origins', () => {
  it('conformal factor is 1 when normalised errors are standard normal quantiles', () => {
    // Scores |e|/sd for e ~ N(0,1): the 80% quantile of |Z| is 1.2816, so the factor is ≈ 1.
    const scores = Array.from({ length: 999 }, (_, i) => {
      const p = (i + 1) / 1000;
      // |Z| quantiles via the half-normal: Φ⁻¹((1 + p)/2), computed with a coarse inverse below.
      return inverseHalfNormal(p);
    });
    expect(conformalFactor(scores, 80)).toBeCloseTo(1, 1);
    expect(conformalFactor(scores.map((s) => s / 2), 80)).toBe(1); // widen-only
    expect(conformalFactor(scores.map((s) => 2 * s), 95)).toBeCloseTo(2, 1);
    expect(conformalFactor([1, 2], 80)).toBe(1); // too few scores: keep the model width
  });

  it('nests interval sets even if a model produced crossing bounds', () => {
    const out = nestIntervals([0], [
      { level: 95, lower: [-1], upper: [1] },
      { level: 80, lower: [-2], upper: [2] },
    ]);
    expect(out.map((i) => i.level)).toEqual([80, 95]);
    expect(out[1]?.lower[0]).toBeLessThanOrEqual(out[0]?.lower[0] as number);
  });

  it('places rolling origins so every backtest has a full horizon', () => {
    const { ends, horizon } = originEnds(100, 12, 12, 4);
    expect(horizon).toBe(12);
    expect(ends).toEqual([88, 82, 76, 70]);
    expect(originEnds(10, 12, 12, 4).ends).toEqual([]);
  });
});

function inverseHalfNormal(p: number): number {
  let lo = 0;
  let hi = 10;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (erf(mid / Math.SQRT2) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7).
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
