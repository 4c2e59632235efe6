import { describe, expect, it } from 'vitest';
import { detectAnomalies } from './anomalies';
import { ForecastInputError } from './errors';

describe('detectAnomalies', () => {
  // Weekly pattern plus bounded pseudo-random noise (a fixed LCG, so the test is deterministic).
  let seed = 12345;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 4;
  const seasonal = Array.from({ length: 56 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 7) + noise());

  it('flags injected spikes and dips with direction and a robust score', () => {
    const y = seasonal.slice();
    y[20] = (y[20] as number) + 60;
    y[40] = (y[40] as number) - 50;
    const found = detectAnomalies(y, { period: 7 });
    expect(found.map((a) => a.index)).toEqual([20, 40]);
    expect(found[0]?.direction).toBe('high');
    expect(found[1]?.direction).toBe('low');
    expect(found[0]?.score).toBeGreaterThan(3.5);
    expect(found[0]?.value).toBeGreaterThan(found[0]?.upper as number);
  });

  it('finds nothing in clean seasonal data, and nothing in a constant series', () => {
    expect(detectAnomalies(seasonal, { period: 7 })).toEqual([]);
    expect(detectAnomalies(new Array(20).fill(3))).toEqual([]);
  });

  it('still catches a single spike in otherwise flat data', () => {
    const y = new Array(30).fill(10);
    y[12] = 30;
    expect(detectAnomalies(y).map((a) => a.index)).toEqual([12]);
  });

  it('rejects NaN with a typed error', () => {
    expect(() => detectAnomalies([1, NaN, 3])).toThrow(ForecastInputError);
  });
});
