import { describe, expect, it } from 'vitest';
import { coverage, mape, mase, seasonalNaiveMae, smape, winkler } from './metrics';

describe('accuracy measures', () => {
  it('match hand-computed values', () => {
    expect(seasonalNaiveMae([1, 2, 4, 7], 1)).toBeCloseTo((1 + 2 + 3) / 3, 12);
    expect(seasonalNaiveMae([1, 2, 5, 6, 9, 10], 2)).toBeCloseTo(4, 12);
    expect(mase([10, 20], [12, 17], 2)).toBeCloseTo(1.25, 12);
    expect(smape([100, 50], [110, 50])).toBeCloseTo((200 * 10) / 210 / 2, 12);
    expect(mape([100, 50], [110, 40])).toBeCloseTo(15, 12);
    expect(mape([0, 50], [1, 40])).toBeNaN();
    expect(coverage([1, 5, 9], [0, 0, 0], [2, 6, 8])).toBeCloseTo(2 / 3, 12);
    // Winkler at 80%: width 2, plus 2/0.2 × miss of 1 on the last point → (2 + 2 + 12) / 3.
    expect(winkler([1, 5, 9], [0, 4, 6], [2, 6, 8], 80)).toBeCloseTo(16 / 3, 12);
  });
});
