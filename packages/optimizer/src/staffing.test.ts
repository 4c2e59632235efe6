import { describe, expect, it } from 'vitest';
import { hasBinary, solveWithCbc, solveWithGlpsol } from '../test/native';
import { staffingWeekForecast, staffingWeekNamed, staffingWeekRequired } from '../test/instances';
import { OptimizerInputError } from './errors';
import { forecastQuantile } from './scenarios';
import { solveModel } from './solve';
import { buildStaffingModel, solveStaffing } from './staffing';

const rejects = (input: unknown): Promise<OptimizerInputError> =>
  solveStaffing(input as never).then(
    () => {
      throw new Error('expected an OptimizerInputError');
    },
    (e: unknown) => e as OptimizerInputError,
  );

describe('solveStaffing: staff counts', () => {
  it('covers hourly needs with the cheapest shifts (by hand)', async () => {
    // Needs 1,1,1,1,2,2,2,2 with 4-hour shifts at $10/h: one shift from 0 and two from 4 → 12 h, $120.
    const r = await solveStaffing({ roles: [{ id: 'c', name: 'Cashier', hourlyCost: 10, demand: { required: [1, 1, 1, 1, 2, 2, 2, 2] } }], shifts: { lengths: [4] } });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(120);
    expect(r.shifts.map((s) => [s.start, s.count])).toEqual([[0, 1], [4, 2]]);
    expect(r.coverage[0]?.scheduled).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    // One more cashier at hour 0 costs a whole extra 4-hour shift.
    expect(r.marginalCost[0]?.perHour[0]).toBeCloseTo(40, 9);
  });

  it('plans nothing when nothing is needed, and diagnoses hours no shift can reach', async () => {
    const none = await solveStaffing({ roles: [{ id: 'c', name: 'Cook', hourlyCost: 10, demand: { required: [0, 0, 0, 0] } }], shifts: { lengths: [2] } });
    expect(none.status).toBe('optimal');
    expect(none.objective).toBe(0);
    expect(none.shifts).toEqual([]);
    const night = await solveStaffing({ roles: [{ id: 'c', name: 'Cook', hourlyCost: 10, demand: { required: [1, 0, 0, 0, 1, 1] } }], shifts: { lengths: [2], startHours: [4] } });
    expect(night.status).toBe('infeasible');
    expect(night.diagnosis?.conflicts.map((c) => c.label)).toEqual(['Cook at Mon 00:00: 1 person needed']);
  });

  it('overstaffs only where shift lengths force it', async () => {
    // Needs 1 for 6 hours with 4-hour shifts only: two shifts (8 h, $80), 2 hours of overlap.
    const r = await solveStaffing({ roles: [{ id: 'c', name: 'Cook', hourlyCost: 10, demand: { required: [1, 1, 1, 1, 1, 1] } }], shifts: { lengths: [4] } });
    expect(r.objective).toBe(80);
    expect(r.explanation.join(' ')).toContain('2 staff-hours beyond the requirement');
  });

  it('covers the service-level quantile of a forecast and compares with the plan for the average', async () => {
    const forecast = staffingWeekForecast(60);
    const r = await solveStaffing({
      roles: [{ id: 'crew', name: 'Crew', hourlyCost: 15, demand: { forecast, perStaffPerHour: 10 } }],
      shifts: { lengths: [4, 6, 8], startHours: [6, 8, 10, 12, 14, 16, 18] },
      serviceLevel: 0.95,
    });
    expect(r.status).toBe('optimal');
    const scheduled = r.coverage[0]?.scheduled ?? [];
    forecast.mean.forEach((_, t) => expect(scheduled[t]).toBeGreaterThanOrEqual(Math.ceil(forecastQuantile(forecast, t, 0.95) / 10 - 1e-9)));
    const u = r.uncertainty;
    expect(u).toBeDefined();
    expect(u!.stochastic.labourCost).toBeGreaterThan(u!.deterministic.labourCost);
    expect(u!.stochastic.coverProbability).toBeGreaterThan(u!.deterministic.coverProbability);
  });

  it('balances wages against expected unserved demand: never worse than the plan for the average', async () => {
    const forecast = staffingWeekForecast(60);
    const r = await solveStaffing({
      roles: [{ id: 'crew', name: 'Crew', hourlyCost: 15, demand: { forecast, perStaffPerHour: 10 } }],
      shifts: { lengths: [4, 8], startHours: [6, 10, 14, 16] },
      unservedCost: 4,
    });
    const u = r.uncertainty!;
    expect(r.objective).toBeCloseTo(u.stochastic.expectedTotalCost!, 6);
    // The plan for the average is one of the plans the expected-cost model considers (up to the 1e-4 MIP gap).
    expect(u.stochastic.expectedTotalCost!).toBeLessThanOrEqual(u.deterministic.expectedTotalCost! * (1 + 1e-4));
    expect(u.valueOfStochasticSolution!).toBeGreaterThan(0);
  });
});

describe('solveStaffing: named assignments', () => {
  const role = (required: number[]) => [{ id: 'c', name: 'Cashier', demand: { required } }];

  it('gives the cheaper person the shift their hours allow (by hand)', async () => {
    // 16 hours need one cashier; 8-hour shifts at 0 and 8. Ana ($10, max 8 h) takes one, Ben ($15) the other: $80 + $120.
    const r = await solveStaffing({
      roles: role(Array.from({ length: 16 }, () => 1)),
      shifts: { lengths: [8], startHours: [0, 8] },
      employees: [
        { id: 'ana', name: 'Ana', roles: ['c'], hourlyCost: 10, maxHours: 8 },
        { id: 'ben', name: 'Ben', roles: ['c'], hourlyCost: 15, maxHours: 40 },
      ],
      rules: { minRestHours: 0, maxConsecutiveDays: 6 },
    });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(200);
    expect(r.employees.map((e) => e.hours)).toEqual([8, 8]);
    expect(r.binding.map((b) => b.label)).toContain('Ana\'s hours (0–8)');
  });

  it('staffs named people to a forecast quantile', async () => {
    // 10 customers/hour on average, 80% interval 6–14 (so the 90% quantile is 14); one person serves 10/hour:
    // 2 people every hour (Ana and Ben, the cheapest, $10 + $11 for 4 h), against 1 (Ana) for the average.
    const forecast = { mean: [10, 10, 10, 10], intervals: [{ level: 0.8, lower: [6, 6, 6, 6], upper: [14, 14, 14, 14] }] };
    const r = await solveStaffing({
      roles: [{ id: 'c', name: 'Cashier', demand: { forecast, perStaffPerHour: 10 } }],
      shifts: { lengths: [4] },
      employees: ['Ana', 'Ben', 'Cy'].map((name, i) => ({ id: name, name, roles: ['c'], hourlyCost: 10 + i })),
      serviceLevel: 0.9,
    });
    expect(r.status).toBe('optimal');
    expect(r.coverage[0]?.scheduled).toEqual([2, 2, 2, 2]);
    expect(r.assignments.map((a) => a.employeeId)).toEqual(['Ana', 'Ben']);
    expect(r.uncertainty?.deterministic.labourCost).toBe(40);
    expect(r.uncertainty?.stochastic.labourCost).toBe(84);
  });

  it('respects rest between shifts, availability and consecutive days', async () => {
    // One person must work 08–16 on day 0 and 02–10 on day 1: exactly 10 h of rest between them.
    const required = Array.from({ length: 48 }, (_, t) => ((t >= 8 && t < 16) || (t >= 26 && t < 34) ? 1 : 0));
    const input = (rest: number) => ({
      roles: role(required),
      shifts: { lengths: [8], startHours: [2, 8] },
      employees: [{ id: 'ana', name: 'Ana', roles: ['c'], hourlyCost: 10, maxHours: 40 }],
      rules: { minRestHours: rest, maxConsecutiveDays: 6 },
    });
    expect((await solveStaffing(input(10))).objective).toBe(160);
    const tooTight = await solveStaffing(input(12));
    expect(tooTight.status).toBe('infeasible');
    expect(tooTight.diagnosis?.conflicts.length).toBeGreaterThan(0);
    expect(tooTight.explanation[0]).toMatch(/Ana: one shift at a time with 12 h rest|Cashier at/);
    // Availability: Ana cannot work day 1 → infeasible, diagnosed on the uncovered hours.
    const away = await solveStaffing({ ...input(10), employees: [{ id: 'ana', name: 'Ana', roles: ['c'], hourlyCost: 10, available: [{ from: 0, to: 24 }] }] });
    expect(away.status).toBe('infeasible');
    expect(away.diagnosis?.conflicts.every((c) => c.label.startsWith('Cashier at Tue'))).toBe(true);
    // Max 2 consecutive days of 3 needed → infeasible.
    const three = await solveStaffing({
      roles: role(Array.from({ length: 72 }, (_, t) => (t % 24 >= 9 && t % 24 < 13 ? 1 : 0))),
      shifts: { lengths: [4], startHours: [9] },
      employees: [{ id: 'ana', name: 'Ana', roles: ['c'], hourlyCost: 10 }],
      rules: { minRestHours: 10, maxConsecutiveDays: 2 },
    });
    expect(three.status).toBe('infeasible');
    expect(three.explanation[0]).toMatch(/Ana: at most 2 days in a row|Cashier at/);
  });
});

describe('solveStaffing: validation', () => {
  it('names the field of bad input', async () => {
    expect((await rejects({ roles: [], shifts: { lengths: [4] } })).issues[0]?.path).toBe('roles');
    expect((await rejects({ roles: [{ id: 'a', name: 'A', demand: { required: [1, -2] } }], shifts: { lengths: [4] } })).issues[0]?.path).toContain('roles.0.demand');
    const mismatch = await rejects({
      roles: [
        { id: 'a', name: 'A', demand: { required: [1, 2] } },
        { id: 'b', name: 'B', demand: { required: [1, 2, 3] } },
      ],
      shifts: { lengths: [1] },
    });
    expect(mismatch.issues[0]?.path).toBe('roles.1.demand');
    const employee = await rejects({
      roles: [{ id: 'a', name: 'A', demand: { required: [1, 2] } }],
      shifts: { lengths: [1] },
      employees: [{ id: 'e', name: 'E', roles: ['zzz'], hourlyCost: 1, minHours: 10, maxHours: 5 }],
    });
    expect(employee.issues.map((i) => i.path).sort()).toEqual(['employees.0.maxHours', 'employees.0.roles.0']);
    expect((await rejects({ roles: [{ id: 'a', name: 'A', demand: { required: Array(400).fill(1) } }], shifts: { lengths: [4] } })).issues[0]?.path).toContain('roles.0.demand');
  });
});

describe.runIf(hasBinary('glpsol'))('staffing cross-check with native glpsol', () => {
  it('matches glpsol on the one-week instance to 1e-6', async () => {
    const model = buildStaffingModel({ roles: [{ id: 'crew', name: 'Crew', hourlyCost: 18, demand: { required: staffingWeekRequired() } }], shifts: { lengths: [4, 6, 8] } });
    const ours = await solveModel(model, { mipGap: 0 });
    const native = solveWithGlpsol(model, { mipGap: 0 });
    expect(ours.proven).toBe(true);
    expect(native.status).toBe('optimal');
    expect(Math.abs(ours.objective! - native.objective!) / native.objective!).toBeLessThan(1e-6);
  });
});

describe.runIf(hasBinary('glpsol') && hasBinary('cbc'))('named roster cross-check with glpsol and CBC', () => {
  for (const [people, peak, days] of [[8, 2, 3], [10, 3, 3]] as const) {
    it(`matches both on ${people} people over ${days} days to 1e-6`, async () => {
      const model = buildStaffingModel(staffingWeekNamed(6, people, peak, days));
      const ours = await solveModel(model, { mipGap: 0 });
      const glpsol = solveWithGlpsol(model, { mipGap: 0, timeLimit: 20 });
      const cbc = solveWithCbc(model, { mipGap: 0, timeLimit: 20 });
      expect(ours.proven).toBe(true);
      expect([glpsol.status, cbc.status]).toEqual(['optimal', 'optimal']);
      expect(Math.abs(ours.objective! - glpsol.objective!) / glpsol.objective!).toBeLessThan(1e-6);
      expect(Math.abs(ours.objective! - cbc.objective!) / cbc.objective!).toBeLessThan(1e-6);
    });
  }
});

describe.runIf(hasBinary('cbc'))('staffing cross-check with CBC', () => {
  it('matches CBC on the one-week instance to 1e-6', async () => {
    const model = buildStaffingModel({ roles: [{ id: 'crew', name: 'Crew', hourlyCost: 18, demand: { required: staffingWeekRequired(12, 9) } }], shifts: { lengths: [4, 6, 8] } });
    const ours = await solveModel(model, { mipGap: 0, engine: 'highs' });
    const native = solveWithCbc(model, { mipGap: 0 });
    expect(native.status).toBe('optimal');
    expect(Math.abs(ours.objective! - native.objective!) / native.objective!).toBeLessThan(1e-6);
  });
});

if (!hasBinary('glpsol') || !hasBinary('cbc')) console.warn('glpsol or cbc not found: skipping native cross-checks (apt-get install glpk-utils coinor-cbc)');
