import { describe, expect, it } from 'vitest';
import { optimisedTheta, theta } from './theta';
import { loadSeries } from '../test-data/load';

// R: thetaf(head(ts(AirPassengers, frequency = 12), -12), h = 12)$mean and $lower[, "80%"].
const R_MEAN = [411.3257, 402.2312, 462.833, 444.6272, 447.8844, 509.5407, 561.7794, 559.3987, 490.3769, 427.2362, 371.9182, 418.9618];
const R_LOWER80 = [399.4385, 386.1826, 443.4988];

describe('Theta', () => {
  it('reproduces R thetaf point forecasts on AirPassengers', () => {
    const f = theta(loadSeries('AirPassengers').slice(0, -12), 12, 12);
    f.mean.forEach((v, i) => expect(v).toBeCloseTo(R_MEAN[i] as number, 2));
  });

  it('80% lower bounds are close to R thetaf', () => {
    const f = theta(loadSeries('AirPassengers').slice(0, -12), 12, 12);
    R_LOWER80.forEach((v, i) => expect(Math.abs((f.mean[i] as number) - 1.281552 * (f.sd[i] as number) - v) / v).toBeLessThan(0.005));
  });

  it('is non-seasonal on a trending series and continues the trend', () => {
    const y = Array.from({ length: 40 }, (_, t) => 100 + 2 * t + (t % 3));
    const f = theta(y, 1, 5);
    expect(f.spec).toBe('Theta');
    expect(f.mean[4] as number).toBeGreaterThan(f.mean[0] as number);
  });

  it('optimised Theta tracks a noisy linear trend and picks θ within its grid', () => {
    let seed = 5;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
    const y = Array.from({ length: 60 }, (_, t) => 50 + 3 * t + noise());
    const f = optimisedTheta(y, 1, 6);
    f.mean.forEach((v, h) => expect(Math.abs(v - (50 + 3 * (60 + h)))).toBeLessThan(4));
    const theta = Number(/θ=([\d.]+)/.exec(f.spec)?.[1]);
    expect(theta).toBeGreaterThanOrEqual(1);
    expect(theta).toBeLessThanOrEqual(5);
    expect(f.sd[5] as number).toBeGreaterThan(f.sd[0] as number);
  });
});
