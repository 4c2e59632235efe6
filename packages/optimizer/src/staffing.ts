// Staffing: solve the roster, read it back, and set it next to the plan made for the average forecast.
import { diagnoseInfeasibility } from './diagnose';
import type { LinearModel } from './model';
import { expectedCost } from './newsvendor';
import { hasSolution, solverInfo, statusSentence, type ResultBase } from './result';
import { expectation } from './scenarios';
import { solveModel, type ModelSolution } from './solve';
import { explainStaffing } from './staffing-explain';
import { buildStaffing, labourOf, scheduled, type BuiltStaffing } from './staffing-model';
import { roleNeeds, shiftLabel, shiftOptions, stochasticTarget, unservedPolicy, type PlanTarget, type RoleNeed } from './staffing-needs';
import { staffingInputSchema, type StaffingInput, type StaffingParsed } from './staffing-schema';
import { parseInput } from './validate';

export type { ShiftOption } from './staffing-needs';

export interface PlanEvaluation {
  readonly labourCost: number;
  /** Expected demand left unserved over the horizon (forecast roles only). */
  readonly expectedUnserved: number;
  /** expectedUnserved × unservedCost, when unservedCost is given. */
  readonly expectedUnservedCost: number | null;
  readonly expectedTotalCost: number | null;
  /** Average probability over forecast role-hours that staff cover demand. */
  readonly coverProbability: number;
}

export interface StaffingResult extends ResultBase {
  readonly mode: 'counts' | 'assignments';
  /** Staff per shift and role (in assignment mode, the assignments counted). */
  readonly shifts: Array<{ roleId: string; start: number; length: number; count: number; label: string }>;
  readonly assignments: Array<{ employeeId: string; name: string; roleId: string; start: number; length: number; label: string }>;
  readonly employees: Array<{ id: string; name: string; hours: number; shifts: number }>;
  readonly coverage: Array<{ roleId: string; required: number[]; scheduled: number[] }>;
  readonly labourCost: number;
  /** Counts mode: wage cost of needing one more person of a role at an hour (LP dual), per role and hour. */
  readonly marginalCost: Array<{ roleId: string; perHour: number[] }>;
  readonly uncertainty?: {
    readonly stochastic: PlanEvaluation;
    readonly deterministic: PlanEvaluation;
    /** Expected total cost saved by planning for the range (needs unservedCost). */
    readonly valueOfStochasticSolution: number | null;
  };
}

/** Wages, and expected unserved demand under the forecast's scenarios, of a plan's head-counts. */
function evaluatePlan(input: StaffingParsed, needs: RoleNeed[], staff: number[][], labourCost: number): PlanEvaluation {
  let unserved = 0;
  let coverSum = 0;
  let coverCount = 0;
  needs.forEach((need, r) => {
    need.scenarios?.forEach((scen, t) => {
      const c = staff[r]?.[t] ?? 0;
      const policy = unservedPolicy(need, 1);
      unserved += expectedCost(policy, scen, c);
      coverSum += expectation(scen, (d) => (d <= need.perStaff * c + 1e-9 ? 1 : 0));
      coverCount++;
    });
  });
  const unservedCost = input.unservedCost === undefined ? null : unserved * input.unservedCost;
  return {
    labourCost,
    expectedUnserved: unserved,
    expectedUnservedCost: unservedCost,
    expectedTotalCost: unservedCost === null ? null : labourCost + unservedCost,
    coverProbability: coverCount === 0 ? 1 : coverSum / coverCount,
  };
}

/** The staffing model for an input, as the solver sees it (plan for the service-level floor or the mean). */
export function buildStaffingModel(raw: StaffingInput): LinearModel {
  const input = parseInput(staffingInputSchema, raw);
  const needs = roleNeeds(input);
  const hours = needs[0]?.meanNeed.length ?? 0;
  return buildStaffing(input, needs, shiftOptions(input, hours), stochasticTarget(input, needs)).model;
}

export async function solveStaffing(raw: StaffingInput): Promise<StaffingResult> {
  const input = parseInput(staffingInputSchema, raw);
  const needs = roleNeeds(input);
  const hours = needs[0]?.meanNeed.length ?? 0;
  const shifts = shiftOptions(input, hours);
  const options = { engine: input.engine, timeLimit: input.timeLimit, ...(input.mipGap === undefined ? {} : { mipGap: input.mipGap }) };
  const target = stochasticTarget(input, needs);
  const built = buildStaffing(input, needs, shifts, target);
  const solved = await solveModel(built.model, options);
  const mode = input.employees ? 'assignments' : 'counts';
  if (!hasSolution(solved)) {
    const diagnosis = solved.status === 'infeasible' ? await diagnoseInfeasibility(built.model, { timeLimit: input.timeLimit }) : undefined;
    return {
      status: solved.status,
      objective: null,
      mode,
      shifts: [],
      assignments: [],
      employees: [],
      coverage: [],
      labourCost: 0,
      marginalCost: [],
      binding: [],
      explanation: [diagnosis?.summary ?? statusSentence(solved) ?? 'No schedule was found.'],
      ...(diagnosis ? { diagnosis } : {}),
      solver: solverInfo(solved),
    };
  }
  const staff = scheduled(built, solved.values, needs.length, hours);
  const labourCost = labourOf(built, solved.values);
  const result = describe(input, needs, built, solved, staff, labourCost, target);
  const marginalCost = mode === 'counts' ? await coverageDuals(built, needs, hours) : [];

  let uncertainty: StaffingResult['uncertainty'];
  if (needs.some((n) => n.scenarios)) {
    const det = buildStaffing(input, needs, shifts, { floor: needs.map((n) => n.meanNeed), expected: false });
    // The plan for the average is a yardstick: a looser gap and a short budget keep it from doubling the time.
    const detSolved = await solveModel(det.model, { ...options, mipGap: Math.max(options.mipGap ?? 0, 1e-3), timeLimit: Math.min(options.timeLimit, 2) });
    if (hasSolution(detSolved)) {
      const stochastic = evaluatePlan(input, needs, staff, labourCost);
      const deterministic = evaluatePlan(input, needs, scheduled(det, detSolved.values, needs.length, hours), labourOf(det, detSolved.values));
      const vss = stochastic.expectedTotalCost === null || deterministic.expectedTotalCost === null ? null : deterministic.expectedTotalCost - stochastic.expectedTotalCost;
      uncertainty = { stochastic, deterministic, valueOfStochasticSolution: vss };
    }
  }
  const full: StaffingResult = { ...result, marginalCost, ...(uncertainty ? { uncertainty } : {}) };
  return { ...full, explanation: explainStaffing(input, needs, full) };
}

/** LP relaxation duals of the coverage rows: the wage cost of one more person needed at that hour. */
async function coverageDuals(built: BuiltStaffing, needs: RoleNeed[], hours: number): Promise<StaffingResult['marginalCost']> {
  const relaxed: LinearModel = { ...built.model, variables: built.model.variables.map((v) => ({ ...v, kind: 'continuous' as const })) };
  const s = await solveModel(relaxed);
  return needs.map((n, r) => ({
    roleId: n.id,
    perHour: Array.from({ length: hours }, (_, t) => {
      const row = built.coverRows[r]?.[t];
      return row === null || row === undefined || !s.duals ? 0 : Math.max(0, s.duals[row] ?? 0);
    }),
  }));
}

function describe(
  input: StaffingParsed,
  needs: RoleNeed[],
  built: BuiltStaffing,
  solved: ModelSolution & { values: number[] },
  staff: number[][],
  labourCost: number,
  target: PlanTarget,
): StaffingResult {
  const shiftsOut = new Map<string, { roleId: string; start: number; length: number; count: number; label: string }>();
  const assignments: StaffingResult['assignments'] = [];
  const hoursBy = new Map<number, { hours: number; shifts: number }>();
  for (const c of built.columns) {
    const n = Math.round(solved.values[c.v.index] ?? 0);
    if (n === 0) continue;
    const roleId = needs[c.role]?.id ?? '';
    const key = `${roleId}|${c.shift.start}|${c.shift.length}`;
    const prev = shiftsOut.get(key);
    shiftsOut.set(key, { roleId, start: c.shift.start, length: c.shift.length, count: (prev?.count ?? 0) + n, label: shiftLabel(input, c.shift) });
    if (c.employee !== null) {
      const e = input.employees?.[c.employee];
      if (e) assignments.push({ employeeId: e.id, name: e.name, roleId, start: c.shift.start, length: c.shift.length, label: shiftLabel(input, c.shift) });
      const h = hoursBy.get(c.employee) ?? { hours: 0, shifts: 0 };
      hoursBy.set(c.employee, { hours: h.hours + c.shift.length, shifts: h.shifts + 1 });
    }
  }
  const employees = (input.employees ?? []).map((e, i) => ({ id: e.id, name: e.name, ...(hoursBy.get(i) ?? { hours: 0, shifts: 0 }) }));
  const binding = built.model.constraints
    .map((row, i) => ({ row, i }))
    .filter(({ row, i }) => row.label !== undefined && row.name.startsWith('hours_') && solved.binding.includes(i))
    .map(({ row }) => ({ name: row.name, label: row.label ?? row.name, slack: 0, shadowPrice: null }));
  return {
    status: solved.status,
    objective: solved.objective,
    mode: input.employees ? 'assignments' : 'counts',
    shifts: [...shiftsOut.values()].sort((a, b) => a.start - b.start || a.roleId.localeCompare(b.roleId)),
    assignments: assignments.sort((a, b) => a.start - b.start),
    employees,
    coverage: needs.map((n, r) => {
      const floor = target.floor[r] ?? [];
      return { roleId: n.id, required: floor.some((x) => x > 0) ? floor : n.meanNeed, scheduled: staff[r] ?? [] };
    }),
    labourCost,
    marginalCost: [],
    binding,
    explanation: [],
    solver: solverInfo(solved),
  };
}

