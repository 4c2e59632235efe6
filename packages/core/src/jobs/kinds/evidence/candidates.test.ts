import { describe, expect, it } from 'vitest';
import { screenCandidates } from './candidates';
import { addDays } from './series';

/** Deterministic standard normal draws. */
function normals(seed: number) {
  let s = seed;
  const uniform = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (s + 1) / (2 ** 31 + 1);
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

// 20 weeks of a shop's daily sales; in the last week a delivery failure (the cause) removes
// 150 a day. Staff hours follow sales every day (a consequence), and a third metric is noise.
const days = 140;
const dates = Array.from({ length: days }, (_, t) => addDays('2026-01-05', t));
const noise = normals(99);
const failures = dates.map((_, t) => (t >= days - 7 ? 2 + (t % 2) : 0));
const sales = dates.map((_, t) => 1000 + 80 * ((t % 7) === 5 ? 1 : 0) + 25 * noise() - 60 * (failures[t] as number));
const staffHours = sales.map((s) => 0.05 * s + 1.5 * noise());
const weather = dates.map(() => 20 + 3 * noise());
const period = { from: dates[days - 7]!, to: dates[days - 1]! };
const comparison = { from: dates[days - 14]!, to: dates[days - 8]! };

const findings = screenCandidates({
  dates,
  target: sales,
  targetAggregation: 'sum',
  targetName: 'sales',
  period,
  comparison,
  candidates: [
    { name: 'staff_hours', metric: 'staff_hours', values: staffHours },
    { name: 'weather', metric: 'weather', values: weather },
    { name: 'delivery_failures', metric: 'delivery_failures', values: failures },
  ],
});
const byName = new Map(findings.map((f) => [f.name, f]));

describe('screening candidate causes of a change', () => {
  it('names the delivery failures as the likely cause, with the planted loss inside the interval', () => {
    const f = byName.get('delivery_failures')!;
    expect(f.verdict).toBe('likely cause');
    expect(findings[0]!.name).toBe('delivery_failures');
    const planted = -60 * failures.slice(days - 7).reduce((a, b) => a + b, 0);
    expect(f.explainedInterval![0]).toBeLessThanOrEqual(planted);
    expect(f.explainedInterval![1]).toBeGreaterThanOrEqual(planted);
    expect(f.refutations!.checks.map((c) => c.check).sort()).toEqual(['data subset', 'placebo treatment', 'random common cause']);
  });

  it('does not call staff hours a cause: they moved with sales, as they do every day', () => {
    const f = byName.get('staff_hours')!;
    expect(Math.abs(f.unusualness)).toBeGreaterThanOrEqual(3);
    expect(f.pValue!).toBeLessThan(0.05); // correlated, strongly…
    expect(f.followsTarget!).toBeGreaterThan(0.5); // …but predictable from the sales drop
    expect(f.verdict).toBe('moves with the metric');
    expect(f.summary).toMatch(/consequence/);
  });

  it('leaves a metric that did not change unusually out of the evidence', () => {
    const f = byName.get('weather')!;
    expect(f.verdict).toBe('no evidence');
    expect(f.coefficient).toBeNull();
  });
});
