import { describe, expect, it } from 'vitest';
import { forecast } from '@dyocense/forecaster';
import { stepTime } from '@dyocense/metrics';
import { ForecastJobPayload, forecastJob, toJobResult } from './forecast';

const id = '6f1c1f0e-8a7b-4c1d-9e2f-3a4b5c6d7e8f';

describe('forecast.run payload', () => {
  it('refuses non-finite values, naming the index, and mismatched timestamps', () => {
    const bad = ForecastJobPayload.safeParse({ forecastId: id, values: [1, Infinity, 3], period: 1, horizon: 2 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['values', 1]);
    const nulls = ForecastJobPayload.safeParse({ forecastId: id, values: [null, null], period: 1, horizon: 2 });
    expect(nulls.error!.issues[0]!.path).toEqual(['values']);
    const times = ForecastJobPayload.safeParse({ forecastId: id, values: [1, 2], timestamps: ['2026-01-01T00:00:00Z'], interval: 'day', period: 1, horizon: 2 });
    expect(times.error!.issues.map((i) => i.path.join('.'))).toContain('timestamps');
    const tooLong = ForecastJobPayload.safeParse({ forecastId: id, values: new Array(20_001).fill(1), period: 1, horizon: 2 });
    expect(tooLong.success).toBe(false);
  });

  it('fills levels and method by default', () => {
    const ok = ForecastJobPayload.parse({ forecastId: id, values: [1, 2, 3], period: 1, horizon: 2 });
    expect(ok).toMatchObject({ levels: [80, 95], method: 'auto' });
  });
});

describe('stepTime', () => {
  it('steps days, weeks and months (clamped to the month end)', () => {
    const t = new Date('2026-01-31T00:00:00.000Z');
    expect(stepTime(t, 'day', 1).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(stepTime(t, 'week', 2).toISOString()).toBe('2026-02-14T00:00:00.000Z');
    expect(stepTime(t, 'month', 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(stepTime(t, 'month', 13).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });
});

describe('compute', () => {
  it('turns the engine result into points after the last timestamp, and stores no NaN', () => {
    const values = [5, 5, 5, 6, 5, 5];
    const timestamps = values.map((_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString());
    const p = ForecastJobPayload.parse({ forecastId: id, values, timestamps, interval: 'day', period: 1, horizon: 2, levels: [90] });
    const r = forecastJob.compute(p, { tenantId: id, jobId: id, attempt: 1 }) as ReturnType<typeof toJobResult>;
    expect(r.forecastId).toBe(id);
    expect(r.points.map((x) => x.time)).toEqual(['2026-01-07T00:00:00.000Z', '2026-01-08T00:00:00.000Z']);
    expect(Object.keys(r.points[0]!.lower)).toEqual(['90']);
    // Six values leave no backtest origin: the engine says NaN, the stored result says null.
    const engine = forecast(values, { period: 1, horizon: 2, levels: [90] });
    expect(Number.isNaN(engine.backtest.mase)).toBe(true);
    expect(r.backtest.mase).toBeNull();
    expect(JSON.stringify(r)).not.toContain('NaN');
    expect(r.notes.join(' ')).toMatch(/too short for a rolling-origin backtest/);
  });
});
