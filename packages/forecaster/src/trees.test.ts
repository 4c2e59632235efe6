import { describe, expect, it } from 'vitest';
import { predictGbm, trainGbm } from './gbm';
import { trees } from './trees';

describe('boosted trees', () => {
  it('learns a step function exactly enough', () => {
    const X = Array.from({ length: 100 }, (_, i) => [i, (i * 37) % 11]);
    const y = X.map(([a]) => ((a as number) < 50 ? 1 : 5));
    const model = trainGbm(X, y, { rounds: 50, depth: 2, learningRate: 0.3, minLeaf: 3 });
    expect(predictGbm(model, [10, 3])).toBeCloseTo(1, 2);
    expect(predictGbm(model, [80, 3])).toBeCloseTo(5, 2);
  });

  it('forecasts a clean seasonal pattern with a growing level', () => {
    const pattern = [10, 14, 9, 12];
    const y = Array.from({ length: 80 }, (_, t) => (pattern[t % 4] as number) * (1 + t / 100));
    const f = trees(y, 4, 8);
    const truth = Array.from({ length: 8 }, (_, h) => (pattern[(80 + h) % 4] as number) * (1 + (80 + h) / 100));
    f.mean.forEach((v, i) => expect(Math.abs(v - (truth[i] as number)) / (truth[i] as number)).toBeLessThan(0.08));
  });

  it('stays bounded on very long horizons (recursive ratios must not compound without limit)', () => {
    const y = Array.from({ length: 60 }, (_, t) => 100 + t + 10 * Math.sin(t / 2));
    const f = trees(y, 12, 2000);
    expect(f.mean.every((v) => Number.isFinite(v) && v >= 0 && v <= 250)).toBe(true);
  });
});
