import { describe, expect, it } from 'vitest';
import { rng } from '../test/instances';
import { bestCases, costLines, expectedCost } from './newsvendor';
import { forecastQuantile, scenariosFromForecast, scenarioQuantile } from './scenarios';

describe('costLines', () => {
  it('reproduces the expected cost exactly at every whole number of cases', () => {
    const r = rng(11);
    for (let trial = 0; trial < 50; trial++) {
      const demand = { values: Array.from({ length: 1 + Math.floor(r() * 12) }, () => Math.round(r() * 200)), probs: [] as number[] };
      demand.probs = demand.values.map(() => 1 / demand.values.length);
      const policy = { available: Math.round(r() * 30), casePack: 1 + Math.floor(r() * 24), holdingCost: r() * 3, stockoutCost: r() * 10 };
      const maxCases = 1 + Math.floor(r() * 20);
      const lines = costLines(policy, demand, maxCases);
      for (let n = 0; n <= maxCases; n++) {
        const envelope = Math.max(...lines.map((l) => l.intercept + l.slope * n));
        expect(envelope).toBeCloseTo(expectedCost(policy, demand, n), 9);
      }
      const best = bestCases(policy, demand, 0, maxCases);
      for (let n = 0; n <= maxCases; n++) expect(expectedCost(policy, demand, best)).toBeLessThanOrEqual(expectedCost(policy, demand, n) + 1e-9);
    }
  });
});

describe('forecast scenarios', () => {
  const f = { mean: [100, 50], intervals: [{ level: 0.8, lower: [80, 40], upper: [120, 60] }, { level: 0.5, lower: [90, 45], upper: [110, 55] }] };

  it('interpolates the quantile function through the forecast intervals', () => {
    expect(forecastQuantile(f, 0, 0.5)).toBe(100);
    expect(forecastQuantile(f, 0, 0.9)).toBeCloseTo(120, 9);
    expect(forecastQuantile(f, 0, 0.75)).toBeCloseTo(110, 9);
    expect(forecastQuantile(f, 0, 0.825)).toBeCloseTo(115, 9);
    // Below the 10% point the outermost slope continues: 80 − (0.1 − 0.05)·(10/0.15).
    expect(forecastQuantile(f, 0, 0.05)).toBeCloseTo(80 - 0.05 * (10 / 0.15), 9);
  });

  it('builds equal-weight scenarios whose median and spread follow the forecast', () => {
    const s = scenariosFromForecast(f, [0, 1], 20);
    expect(s.values).toHaveLength(20);
    expect(s.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Summed quantile by quantile: the median of the two-step total is 150.
    expect(scenarioQuantile(s, 0.5)).toBeCloseTo(forecastQuantile(f, 0, 0.475) + forecastQuantile(f, 1, 0.475), 9);
    expect(Math.min(...s.values)).toBeGreaterThanOrEqual(0);
  });
});
