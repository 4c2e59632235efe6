import { OptimizerInputError } from './errors';
import { plural, qty } from './format';
import { ModelBuilder, type LinearModel, type TermInput, type Variable } from './model';
import { costLines } from './newsvendor';
import { label, unservedPolicy, type PlanTarget, type RoleNeed, type ShiftOption } from './staffing-needs';
import { STAFFING_LIMITS, type StaffingParsed } from './staffing-schema';

// The staffing MILP: head-counts per shift (or named assignments), coverage per role and hour,
// expected unserved cost when planning against a forecast, and each person's working rules.

export interface BuiltStaffing {
  readonly model: LinearModel;
  /** Each decision column: which role, shift and (assignment mode) employee it staffs. */
  readonly columns: Array<{ v: Variable; role: number; shift: ShiftOption; employee: number | null }>;
  /** Coverage row per role and hour (null where nothing is required). */
  readonly coverRows: Array<Array<number | null>>;
}

export function buildStaffing(input: StaffingParsed, needs: RoleNeed[], shifts: ShiftOption[], target: PlanTarget): BuiltStaffing {
  const hours = needs[0]?.meanNeed.length ?? 0;
  const b = new ModelBuilder('staffing', 'min');
  const columns: BuiltStaffing['columns'] = [];
  // Largest useful head-count per role and hour bounds the integer columns (tighter branching).
  const cap = needs.map((n, r) =>
    Array.from({ length: hours }, (_, t) => {
      const top = n.scenarios && target.expected ? Math.ceil(Math.max(...(n.scenarios[t]?.values ?? [0])) / n.perStaff) : 0;
      return Math.max(target.floor[r]?.[t] ?? 0, top);
    }),
  );
  const employees = input.employees;
  if (!employees) {
    needs.forEach((need, r) => {
      shifts.forEach((shift, s) => {
        let ub = 0;
        for (let t = shift.start; t < shift.start + shift.length; t++) ub = Math.max(ub, cap[r]?.[t] ?? 0);
        if (ub === 0) return;
        const v = b.addVar(`x_${r}_${s}`, { kind: 'integer', lb: 0, ub, cost: need.hourlyCost * shift.length });
        columns.push({ v, role: r, shift, employee: null });
      });
    });
  } else {
    const roleIndex = new Map(needs.map((n, r) => [n.id, r]));
    employees.forEach((e, ei) => {
      const windows = e.available ?? [{ from: 0, to: hours }];
      const fits = (s: ShiftOption): boolean => windows.some((w) => w.from <= s.start && s.start + s.length <= w.to);
      for (const roleId of e.roles) {
        const r = roleIndex.get(roleId) ?? -1;
        shifts.forEach((shift, s) => {
          if (!fits(shift)) return;
          let useful = false;
          for (let t = shift.start; t < shift.start + shift.length && !useful; t++) useful = (cap[r]?.[t] ?? 0) > 0;
          if (!useful) return;
          const v = b.addVar(`y_${ei}_${r}_${s}`, { kind: 'binary', cost: e.hourlyCost * shift.length });
          columns.push({ v, role: r, shift, employee: ei });
        });
      }
    });
    if (columns.length > STAFFING_LIMITS.assignmentOptions) {
      throw new OptimizerInputError([
        { path: 'employees', message: `${columns.length} possible assignments exceed the limit of ${STAFFING_LIMITS.assignmentOptions}; allow fewer shift start hours or split the week` },
      ]);
    }
  }
  if (columns.length > STAFFING_LIMITS.shiftOptions && !employees) {
    throw new OptimizerInputError([{ path: 'shifts', message: `${columns.length} shift options exceed the limit of ${STAFFING_LIMITS.shiftOptions}; allow fewer start hours` }]);
  }

  // Coverage: head-count per role and hour, at least the floor; optionally the expected unserved cost.
  const byRoleHour = needs.map(() => Array.from({ length: hours }, () => [] as TermInput[]));
  const coverCols: Array<{ v: Variable; role: number; shift: ShiftOption }> = employees ? aggregateCounts(b, columns) : columns;
  for (const c of coverCols) for (let t = c.shift.start; t < c.shift.start + c.shift.length; t++) byRoleHour[c.role]?.[t]?.push([c.v, 1]);
  const coverRows = needs.map((need, r) =>
    Array.from({ length: hours }, (_, t) => {
      const terms = byRoleHour[r]?.[t] ?? [];
      const floor = target.floor[r]?.[t] ?? 0;
      if (target.expected && need.scenarios && input.unservedCost !== undefined) {
        const scen = need.scenarios[t];
        if (scen && Math.max(...scen.values) > 0) {
          const cost = b.addVar(`unserved_${r}_${t}`, { lb: 0, cost: 1 });
          for (const line of costLines(unservedPolicy(need, input.unservedCost), scen, cap[r]?.[t] ?? 0)) {
            b.addConstraint(`u_${r}_${t}_${line.slope}`, [[cost, 1], ...terms.map(([v, c]) => [v, -c * line.slope] as const)], '>=', line.intercept);
          }
        }
      }
      if (floor <= 0) return null;
      return b.addConstraint(`cover_${r}_${t}`, terms, '>=', floor, `${need.name} at ${label(input, t)}: ${plural(floor, 'person', 'people')} needed`);
    }),
  );

  if (employees) addEmployeeRules(b, input, employees, columns, hours);
  return { model: b.build(), columns, coverRows };
}

/**
 * Head-count per shift and role as an integer of its own (= the assignments to it): the solver can branch on
 * "how many on this shift" before "who", which breaks most of the symmetry between similar people.
 */
function aggregateCounts(b: ModelBuilder, columns: BuiltStaffing['columns']): Array<{ v: Variable; role: number; shift: ShiftOption }> {
  const groups = new Map<string, BuiltStaffing['columns']>();
  for (const c of columns) {
    const key = `${c.role}|${c.shift.start}|${c.shift.length}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].map((list) => {
    const first = list[0] as BuiltStaffing['columns'][number];
    if (list.length === 1) return first;
    const v = b.addVar(`n_${first.role}_${first.shift.start}_${first.shift.length}`, { kind: 'integer', lb: 0, ub: list.length });
    b.addConstraint(`count_${first.role}_${first.shift.start}_${first.shift.length}`, [[v, 1], ...list.map((c) => [c.v, -1] as const)], '==', 0);
    return { v, role: first.role, shift: first.shift };
  });
}

/** Hours per person, one shift per day, rest between shifts, and a cap on consecutive working days. */
function addEmployeeRules(
  b: ModelBuilder,
  input: StaffingParsed,
  employees: NonNullable<StaffingParsed['employees']>,
  columns: BuiltStaffing['columns'],
  hours: number,
): void {
  const days = Math.ceil(hours / 24);
  const rest = input.rules.minRestHours;
  employees.forEach((e, ei) => {
    const mine = columns.filter((c) => c.employee === ei);
    if (mine.length === 0) {
      if (e.minHours > 0) b.addConstraint(`hours_${ei}`, [], '>=', e.minHours, `${e.name}'s minimum of ${qty(e.minHours)} hours`);
      return;
    }
    b.addRange(`hours_${ei}`, mine.map((c) => [c.v, c.shift.length] as const), e.minHours, e.maxHours, `${e.name}'s hours (${qty(e.minHours)}–${qty(e.maxHours)})`);
    // Two shifts conflict when one starts before the other's end plus rest; intervals that overlap
    // pairwise share a point, so "at most one busy-or-resting shift per hour" is exact. (Rows only at
    // start hours would be exact too, but HiGHS solved the bench roster slower with them: 7.3 s against 4.5 s.)
    for (let t = 0; t < hours + rest; t++) {
      const busy = mine.filter((c) => c.shift.start <= t && t < c.shift.start + c.shift.length + rest);
      if (busy.length > 1) b.addConstraint(`rest_${ei}_${t}`, busy.map((c) => [c.v, 1] as const), '<=', 1, `${e.name}: one shift at a time with ${rest} h rest`);
    }
    const perDay = Array.from({ length: days }, (_, d) => mine.filter((c) => Math.floor(c.shift.start / 24) === d));
    perDay.forEach((list, d) => {
      if (list.length > 1) b.addConstraint(`day_${ei}_${d}`, list.map((c) => [c.v, 1] as const), '<=', 1, `${e.name}: one shift per day`);
    });
    const maxRun = input.rules.maxConsecutiveDays;
    for (let d = 0; d + maxRun < days; d++) {
      const window = perDay.slice(d, d + maxRun + 1).flat();
      if (window.length > maxRun) b.addConstraint(`run_${ei}_${d}`, window.map((c) => [c.v, 1] as const), '<=', maxRun, `${e.name}: at most ${maxRun} days in a row`);
    }
  });
}

export function scheduled(built: BuiltStaffing, values: readonly number[], roles: number, hours: number): number[][] {
  const out = Array.from({ length: roles }, () => new Array<number>(hours).fill(0));
  for (const c of built.columns) {
    const n = Math.round(values[c.v.index] ?? 0);
    if (n === 0) continue;
    for (let t = c.shift.start; t < c.shift.start + c.shift.length; t++) {
      const row = out[c.role];
      if (row) row[t] = (row[t] ?? 0) + n;
    }
  }
  return out;
}

export function labourOf(built: BuiltStaffing, values: readonly number[]): number {
  let total = 0;
  for (const t of built.model.objective.terms) {
    if (built.model.variables[t.v]?.name.startsWith('unserved_')) continue;
    total += t.c * (values[t.v] ?? 0);
  }
  return total;
}

