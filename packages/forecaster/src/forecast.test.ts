import { describe, expect, it } from 'vitest';
import { ForecastInputError, forecast } from './index';
import { mase, seasonalNaiveMae } from './metrics';
import { loadSeries } from '../test-data/load';

const ap = loadSeries('AirPassengers');

function expectWellFormed(r: ReturnType<typeof forecast>, horizon: number) {
  expect(r.mean).toHaveLength(horizon);
  expect(r.mean.every(Number.isFinite)).toBe(true);
  for (const iv of r.intervals) {
    expect(iv.lower).toHaveLength(horizon);
    iv.lower.forEach((lo, i) => {
      expect(lo).toBeLessThanOrEqual(r.mean[i] as number);
      expect(iv.upper[i] as number).toBeGreaterThanOrEqual(r.mean[i] as number);
    });
  }
}

describe('forecast()', () => {
  it("'auto' beats seasonal naive on the AirPassengers holdout and reports its models and backtest", () => {
    const train = ap.slice(0, -12);
    const r = forecast(train, { period: 12, horizon: 12 });
    expectWellFormed(r, 12);
    const scale = seasonalNaiveMae(train, 12);
    // R: snaive MASE 1.571, auto.arima 0.608 on this split.
    expect(mase(ap.slice(-12), r.mean, scale)).toBeLessThan(0.9);
    expect(r.method).toBe('auto');
    expect(r.models.reduce((a, m) => a + m.weight, 0)).toBeCloseTo(1, 9);
    expect(r.backtest.origins).toBeGreaterThan(0);
    expect(Number.isFinite(r.backtest.mase)).toBe(true);
    expect(Object.keys(r.backtest.coverage).sort()).toEqual(['80', '95']);
  });

  it('intervals nest across levels and widen with the horizon', () => {
    for (const method of ['auto', 'ets', 'arima', 'theta', 'snaive', 'trees', 'ensemble'] as const) {
      const r = forecast(ap.slice(0, 120), { period: 12, horizon: 24, levels: [50, 80, 95], method });
      expectWellFormed(r, 24);
      const [i50, i80, i95] = r.intervals;
      expect(r.intervals.map((i) => i.level)).toEqual([50, 80, 95]);
      for (let h = 0; h < 24; h++) {
        expect(i95?.lower[h] as number).toBeLessThanOrEqual(i80?.lower[h] as number);
        expect(i80?.lower[h] as number).toBeLessThanOrEqual(i50?.lower[h] as number);
        expect(i95?.upper[h] as number).toBeGreaterThanOrEqual(i80?.upper[h] as number);
      }
      const width = (h: number) => (i95?.upper[h] as number) - (i95?.lower[h] as number);
      // Compare the same month one year apart so seasonal scaling does not mask the growth.
      expect(width(23)).toBeGreaterThan(width(11));
      expect(width(12)).toBeGreaterThan(width(0));
    }
  });

  it('single methods name the model they used', () => {
    expect(forecast(ap, { period: 12, horizon: 3, method: 'ets' }).models[0]?.spec).toMatch(/^ETS\(/);
    expect(forecast(ap, { period: 12, horizon: 3, method: 'arima' }).models[0]?.spec).toMatch(/^ARIMA\(/);
    expect(forecast(ap, { period: 12, horizon: 3, method: 'snaive' }).mean).toEqual(ap.slice(-12, -9));
  });

  it('rejects NaN, Infinity and bad options with a typed error naming the field', () => {
    const bad = (values: (number | null)[], opts: Parameters<typeof forecast>[1], field: string) => {
      try {
        forecast(values, opts);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ForecastInputError);
        expect((e as ForecastInputError).field).toBe(field);
      }
    };
    bad([1, 2, NaN, 4], { period: 1, horizon: 2 }, 'values');
    bad([1, 2, Infinity, 4], { period: 1, horizon: 2 }, 'values');
    bad([], { period: 1, horizon: 2 }, 'values');
    bad([null, null], { period: 1, horizon: 2 }, 'values');
    bad([1, 2, 3], { period: 0, horizon: 2 }, 'period');
    bad([1, 2, 3], { period: 1, horizon: 0 }, 'horizon');
    bad([1, 2, 3], { period: 1, horizon: 2.5 }, 'horizon');
    bad([1, 2, 3], { period: 1, horizon: 2, levels: [120] }, 'levels');
    bad([1, 2, 3], { period: 1, horizon: 2, method: 'prophet' as 'auto' }, 'method');
  });

  it('fills missing values (null) by interpolation and says so', () => {
    const y: (number | null)[] = ap.slice(0, 60);
    y[10] = null;
    y[11] = null;
    y[0] = null;
    const r = forecast(y, { period: 12, horizon: 6 });
    expectWellFormed(r, 6);
    expect(r.notes.join(' ')).toMatch(/3 missing/);
  });

  it('answers a constant series with the constant and zero-width intervals', () => {
    const r = forecast(new Array(30).fill(7), { period: 7, horizon: 5 });
    expect(r.mean).toEqual([7, 7, 7, 7, 7]);
    expect(r.intervals[0]?.upper).toEqual([7, 7, 7, 7, 7]);
    expect(r.method).toBe('constant');
  });

  it('handles zeros and negatives (no multiplicative models, finite output)', () => {
    const y = Array.from({ length: 60 }, (_, t) => (t % 6 === 0 ? 0 : 5 * Math.sin((2 * Math.PI * t) / 12) - (t % 4)));
    const r = forecast(y, { period: 12, horizon: 12 });
    expectWellFormed(r, 12);
    expect(r.models.find((m) => m.name === 'ets')?.spec).not.toMatch(/M/);
    expect(r.backtest.mape).toBeNull(); // actuals include zeros
  });

  it('uses simpler models on very short series and says so', () => {
    const r = forecast([12, 15, 14, 18, 17, 21, 19, 23, 22, 25], { period: 12, horizon: 6 });
    expectWellFormed(r, 6);
    expect(r.notes.join(' ')).toMatch(/fewer than two full seasons/);
    const tiny = forecast([3, 4, 5], { period: 1, horizon: 4 });
    expectWellFormed(tiny, 4);
    expect(tiny.method).toBe('naive');
    expect(tiny.notes.join(' ')).toMatch(/very short/);
    expect(forecast([42], { period: 1, horizon: 2 }).mean).toEqual([42, 42]);
  });

  it('forecasts horizons longer than the history', () => {
    const y = ap.slice(0, 30);
    const r = forecast(y, { period: 12, horizon: 48 });
    expectWellFormed(r, 48);
    expect(r.notes.join(' ')).toMatch(/longer than the history/);
  });

  it('is deterministic', () => {
    const a = forecast(ap.slice(0, 100), { period: 12, horizon: 12 });
    const b = forecast(ap.slice(0, 100), { period: 12, horizon: 12 });
    expect(a).toEqual(b);
  });

  // Speed itself is measured by `npm run bench -- forecast`; this checks the cap that keeps it bounded.
  it('fits long histories on their most recent part', { timeout: 120_000 }, () => {
    const y = Array.from({ length: 6000 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 7) + (t % 13) / 13);
    const r = forecast(y, { period: 7, horizon: 14 });
    expect(r.notes.join(' ')).toMatch(/most recent 5000 of 6000/);
    expectWellFormed(r, 14);
  });

  it("'auto' combines instead of picking one model when the history allows few backtest origins", () => {
    const r = forecast(ap.slice(0, 44), { period: 12, horizon: 12 }); // room for two 12-step origins
    expect(r.backtest.origins).toBe(2);
    expect(r.models.filter((m) => m.weight > 0).length).toBeGreaterThan(1);
    const full = forecast(ap.slice(0, 132), { period: 12, horizon: 12 });
    expect(full.models.filter((m) => m.weight > 0)).toHaveLength(1);
  });
});
