import { describe, expect, it } from 'vitest';
import { forecast } from './index';

// Deterministic noise so the expected accuracy is stable.
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
}

describe('long and multiple seasonality', () => {
  it('daily data: weekly and yearly cycles are both forecast', { timeout: 120_000 }, () => {
    const noise = lcg(7);
    const signal = (t: number) => 200 + 0.05 * t + 30 * Math.sin((2 * Math.PI * t) / 365.25) + 15 * [0, 2, 3, 3, 4, 8, 6][t % 7]! / 4;
    const n = 3 * 365;
    const y = Array.from({ length: n }, (_, t) => signal(t) + 4 * noise());
    const h = 90;
    const r = forecast(y, { period: 7, horizon: h });
    expect(r.notes.join(' ')).toMatch(/yearly seasonality/);
    // Mean absolute error against the noise-free signal is well below the yearly amplitude (30).
    const mae = r.mean.reduce((a, v, i) => a + Math.abs(v - signal(n + i)), 0) / h;
    expect(mae).toBeLessThan(6);
    // The yearly swing shows up in the forecast (a flat or weekly-only forecast would fail this).
    const diff = (r.mean[h - 1] as number) - (r.mean[0] as number);
    const truth = signal(n + h - 1) - signal(n);
    expect(Math.sign(diff)).toBe(Math.sign(truth));
  });

  it('weekly data with period 52 uses Fourier terms and stays accurate', () => {
    const noise = lcg(3);
    const signal = (t: number) => 50 + 10 * Math.cos((2 * Math.PI * t) / 52);
    const y = Array.from({ length: 156 }, (_, t) => signal(t) + noise());
    const r = forecast(y, { period: 52, horizon: 26 });
    expect(r.notes.join(' ')).toMatch(/Fourier/);
    const mae = r.mean.reduce((a, v, i) => a + Math.abs(v - signal(156 + i)), 0) / 26;
    expect(mae).toBeLessThan(1.5);
  });
});
