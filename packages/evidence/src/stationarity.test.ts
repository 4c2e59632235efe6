import { describe, expect, it } from 'vitest';
import { adfTest, checkStationarity, kpssTest } from './stationarity';
import { EvidenceInputError } from './errors';

// R: t <- 1:100; rw <- cumsum(sin(0.37*t*t)); st <- sin(0.37*t*t) + 0.3*sin(0.11*t*t)
const t = Array.from({ length: 100 }, (_, i) => i + 1);
let level = 0;
const rw = t.map((v) => (level += Math.sin(0.37 * v * v)));
const st = t.map((v) => Math.sin(0.37 * v * v) + 0.3 * Math.sin(0.11 * v * v));

describe('ADF equals R tseries::adf.test', () => {
  it('random walk: adf.test(rw)', () => {
    const r = adfTest(rw);
    expect(r.statistic).toBeCloseTo(-3.2887656370486296, 9);
    expect(r.pValue).toBeCloseTo(0.077003056416672835, 9);
    expect(r.lag).toBe(4);
  });
  it('trending walk: adf.test(rw[1:60] + 0.05*(1:60))', () => {
    const r = adfTest(rw.slice(0, 60).map((v, i) => v + 0.05 * (i + 1)));
    expect(r.statistic).toBeCloseTo(-2.2171199134286801, 9);
    expect(r.pValue).toBeCloseTo(0.48701701154863386, 9);
  });
  it('stationary series: adf.test(st) (p clamped at 0.01 as in R)', () => {
    const r = adfTest(st);
    expect(r.statistic).toBeCloseTo(-4.3795127540641774, 9);
    expect(r.pValue).toBe(0.01);
  });
});

describe('KPSS equals R tseries::kpss.test', () => {
  it('kpss.test(rw) and kpss.test(st)', () => {
    expect(kpssTest(rw).statistic).toBeCloseTo(1.9882788574558707, 9);
    expect(kpssTest(rw).pValue).toBe(0.01);
    expect(kpssTest(st).statistic).toBeCloseTo(0.060394037793236557, 9);
    expect(kpssTest(st).pValue).toBe(0.1);
  });
  it('interpolated p-value: kpss.test(st + 0.005*t)', () => {
    const r = kpssTest(st.map((v, i) => v + 0.005 * (i + 1)));
    expect(r.statistic).toBeCloseTo(0.45441239365531771, 9);
    expect(r.pValue).toBeCloseTo(0.053701554458914787, 9);
  });
});

describe('checkStationarity', () => {
  it('flags the walk and passes the stationary series', () => {
    expect(checkStationarity(rw).stationary).toBe(false);
    expect(checkStationarity(st).stationary).toBe(true);
  });
  it('rejects short series', () => {
    expect(() => adfTest([1, 2, 3])).toThrow(EvidenceInputError);
  });
});
