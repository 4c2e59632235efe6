import { describe, expect, it } from 'vitest';
import { eventStudy, EvidenceInputError, type PanelObservation } from './index';

// One treated and one comparison unit, one effect per period: each event-time effect is fitted
// by a single observation, so heteroskedasticity-robust errors are undefined. This used to
// return NaN intervals, and crashed inside the refutations with "LU matrix is singular".
const panel: PanelObservation[] = [];
for (let t = 0; t < 24; t++) {
  panel.push({ unit: 'a', time: t, value: 10 + t + (t >= 16 ? 3 : 0) + Math.sin(t), treated: true });
  panel.push({ unit: 'b', time: t, value: 8 + t + Math.cos(t), treated: false });
}
const thin = { actionTime: 16, maxLeads: 8, maxLags: 12 };

describe('event study on a design too thin for its errors', () => {
  it('says so as an input error naming the observations', () => {
    expect(() => eventStudy(panel, thin)).toThrow(EvidenceInputError);
    try {
      eventStudy(panel, thin);
    } catch (err) {
      expect((err as EvidenceInputError).field).toBe('observations');
    }
  });

  it('still estimates once periods are pooled so each effect rests on more than one observation', () => {
    const weekly: PanelObservation[] = [];
    for (let t = 0; t < 12; t++) {
      for (const unit of ['a1', 'a2', 'a3']) weekly.push({ unit, time: t, value: 10 + t + (t >= 6 ? 3 : 0) + Math.sin(t + unit.length * 7 + Number(unit[1])), treated: true });
      for (const unit of ['b1', 'b2', 'b3']) weekly.push({ unit, time: t, value: 8 + t + Math.cos(t * Number(unit[1])), treated: false });
    }
    const r = eventStudy(weekly, { actionTime: 6, refute: false });
    expect(Number.isFinite(r.averageSe)).toBe(true);
    expect(r.averageCi[0]).toBeLessThan(3);
    expect(r.averageCi[1]).toBeGreaterThan(3);
  });
});
