import type { StaffingParsed } from './staffing-schema';
import type { StockPolicy } from './newsvendor';
import { forecastQuantile, scenariosFromForecast, type Scenarios } from './scenarios';

// What each role needs each hour, which shifts exist, and how hours read to an owner.

export interface ShiftOption {
  readonly start: number;
  readonly length: number;
}

export interface RoleNeed {
  readonly id: string;
  readonly name: string;
  readonly hourlyCost: number;
  /** Demand one person serves per hour (1 when staff counts are given). */
  readonly perStaff: number;
  /** Staff needed per hour for the average / point demand. */
  readonly meanNeed: number[];
  /** Demand scenarios per hour; null when the role gives staff counts. */
  readonly scenarios: Scenarios[] | null;
  readonly forecast: { quantile: (t: number, p: number) => number } | null;
}

export function roleNeeds(input: StaffingParsed): RoleNeed[] {
  return input.roles.map((role) => {
    const d = role.demand;
    if ('required' in d) {
      return { id: role.id, name: role.name, hourlyCost: role.hourlyCost, perStaff: 1, meanNeed: d.required.map((x) => Math.ceil(x - 1e-9)), scenarios: null, forecast: null };
    }
    const f = d.forecast;
    return {
      id: role.id,
      name: role.name,
      hourlyCost: role.hourlyCost,
      perStaff: d.perStaffPerHour,
      meanNeed: f.mean.map((m) => Math.ceil(m / d.perStaffPerHour - 1e-9)),
      scenarios: f.mean.map((_, t) => scenariosFromForecast(f, [t], input.scenarioCount)),
      forecast: { quantile: (t, p) => forecastQuantile(f, t, p) },
    };
  });
}

export function shiftOptions(input: StaffingParsed, hours: number): ShiftOption[] {
  const starts = new Set(input.shifts.startHours ?? Array.from({ length: 24 }, (_, h) => h));
  const out: ShiftOption[] = [];
  for (let start = 0; start < hours; start++) {
    if (!starts.has(start % 24)) continue;
    for (const length of new Set(input.shifts.lengths)) if (start + length <= hours) out.push({ start, length });
  }
  return out;
}

export /** What the plan being built must do each hour: a staff floor, and optionally pay expected unserved cost. */
interface PlanTarget {
  readonly floor: number[][];
  readonly expected: boolean;
}

export function label(input: StaffingParsed, hour: number): string {
  const day = input.dayNames[Math.floor(hour / 24) % 7] ?? '';
  return `${day} ${String(hour % 24).padStart(2, '0')}:00`;
}

export function shiftLabel(input: StaffingParsed, s: ShiftOption): string {
  const end = s.start + s.length;
  const sameDay = Math.floor(s.start / 24) === Math.floor((end - 1) / 24);
  return `${label(input, s.start)}–${sameDay ? `${String(end % 24).padStart(2, '0')}:00` : label(input, end)}`;
}

export function unservedPolicy(need: RoleNeed, unservedCost: number): StockPolicy {
  return { available: 0, casePack: need.perStaff, holdingCost: 0, stockoutCost: unservedCost };
}

/** Floors for the plan that uses the forecast: the service-level quantile (default 0.9 unless costs are given). */
export function stochasticTarget(input: StaffingParsed, needs: RoleNeed[]): PlanTarget {
  const level = input.serviceLevel ?? (input.unservedCost === undefined ? 0.9 : undefined);
  const floor = needs.map((n) =>
    n.forecast && level !== undefined ? n.meanNeed.map((_, t) => Math.ceil((n.forecast?.quantile(t, level) ?? 0) / n.perStaff - 1e-9)) : n.forecast ? n.meanNeed.map(() => 0) : n.meanNeed,
  );
  return { floor, expected: input.unservedCost !== undefined };
}

