import { describe, expect, it } from 'vitest';
import { autoEts, etsForecastSd, etsPointForecast, fitEtsSpec } from './ets';
import { loadSeries } from '../test-data/load';

// Reference values from R 4.x, forecast package: ets(ts(woolyrnq), model = "ANN"); forecast(fit, h = 2).
const R_SES = { alpha: 0.3671007, forecast: 5691.855, sigma: 631.6837 };

describe('ETS', () => {
  it('simple exponential smoothing matches R ets(model="ANN") on woolyrnq', () => {
    const y = loadSeries('woolyrnq');
    const fit = fitEtsSpec(y, 1, { error: 'A', trend: 'N', season: 'N' });
    expect(fit).not.toBeNull();
    if (!fit) return;
    expect(fit.params.alpha).toBeCloseTo(R_SES.alpha, 2);
    const [f1, f2] = etsPointForecast(fit, 2);
    expect(Math.abs((f1 as number) - R_SES.forecast) / R_SES.forecast).toBeLessThan(0.002);
    expect(f2).toBeCloseTo(f1 as number, 8); // SES forecasts are flat
    const [sd1] = etsForecastSd(fit, 1);
    expect(Math.abs((sd1 as number) - R_SES.sigma) / R_SES.sigma).toBeLessThan(0.01);
  });

  it('SES on hand-computable data: alpha at its upper bound reproduces a random walk', () => {
    // A pure random walk with no noise around the level: the best SES is alpha → 1, forecast = last value.
    const y = [10, 12, 11, 15, 14, 18, 17, 21, 20, 24, 23, 27];
    const fit = fitEtsSpec(y, 1, { error: 'A', trend: 'N', season: 'N' });
    expect(fit).not.toBeNull();
    if (!fit) return;
    expect(etsPointForecast(fit, 1)[0]).toBeGreaterThan(22);
  });

  it('selects a multiplicative-season model for AirPassengers, as R does (ETS(M,A,M)/ETS(M,Ad,M))', () => {
    const y = loadSeries('AirPassengers').slice(0, -12);
    const fit = autoEts(y, 12);
    expect(fit?.spec.season).toBe('M');
    expect(fit?.spec.error).toBe('M');
  });

  it('forecast sd grows with the horizon for additive and multiplicative models', () => {
    const y = loadSeries('USAccDeaths');
    for (const spec of [
      { error: 'A', trend: 'A', season: 'A' },
      { error: 'M', trend: 'Ad', season: 'M' },
    ] as const) {
      const fit = fitEtsSpec(y, 12, spec);
      expect(fit).not.toBeNull();
      if (!fit) continue;
      const sd = etsForecastSd(fit, 24);
      expect(sd[23] as number).toBeGreaterThan(sd[0] as number);
      expect(sd.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    }
  });

  it('never proposes multiplicative components for data with zeros or negatives', () => {
    const y = Array.from({ length: 48 }, (_, t) => Math.sin((2 * Math.PI * t) / 12) * 10 + (t % 5) - 2);
    const fit = autoEts(y, 12);
    expect(fit?.spec.error).toBe('A');
    expect(fit?.spec.season).not.toBe('M');
  });
});
