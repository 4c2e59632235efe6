// Staffing input from the request, the saved roles, roster and opening hours, and the driver
// metric's forecast or history spread over the day by the hourly profile.
import type { FieldError } from '@dyocense/core';
import { dayNamesFrom } from '../logic/dates';
import { hourlyDemand } from '../logic/demand';
import { mergeById, overlay, strip } from '../logic/merge';
import { availabilityWindows, dayShares, horizonHours, whileOpen } from '../logic/roster';
import type { StaffingRequest, StaffingSettings } from '../requests';
import { driverDemand, missingData, missingInput, type FillContext } from './context';

const DEFAULT_OPEN = { from: 7, to: 17 };
const DEFAULT_SHIFT_LENGTHS = [4, 6, 8];

export async function fillStaffing(ctx: FillContext, req: StaffingRequest, saved: StaffingSettings | null): Promise<Record<string, unknown>> {
  const days = req.days ?? 7;
  const open = saved?.openHours ?? DEFAULT_OPEN;
  const closed = saved?.closedDays ?? [];
  const driver = saved?.driver ?? { metric: 'orders' };
  const roles = mergeById(saved?.roles ?? [], req.roles);
  if (roles.length === 0) {
    throw missingInput('No roles were given and none are saved: send roles, or save them with PUT /api/optimize/constraints/staffing.', [{ path: 'roles', message: 'required (nothing saved)' }]);
  }

  const needsDriver = roles.some((r) => r.demand === undefined && r.perStaffPerHour !== undefined);
  const daily = needsDriver ? await driverDemand(ctx, driver, days) : null;
  if (needsDriver && !daily) {
    throw missingData(`No ${ctx.demandSource === 'forecast' ? 'forecast' : 'forecast or history'} of ${driver.metric} to staff for; send each role's demand, or ingest or forecast ${driver.metric}.`, [
      { path: 'roles', message: `demand from ${driver.metric} is unavailable` },
    ]);
  }
  const shares = dayShares(open, saved?.hourlyProfile, closed, ctx.start);
  const hourly = daily ? hourlyDemand(daily.forecast, shares) : null;
  if (daily) ctx.notes.push(`Hourly demand: ${daily.source}, spread over opening hours ${open.from}:00–${open.to}:00 by the saved hourly profile.`);

  const missing: FieldError[] = [];
  const engineRoles = roles.map((r, i) => {
    const base = strip({ id: r.id, name: r.name ?? r.id, hourlyCost: r.hourlyCost });
    if (r.demand !== undefined) return { ...base, demand: r.demand };
    if (r.perStaffPerHour !== undefined && hourly) return { ...base, demand: { forecast: hourly, perStaffPerHour: r.perStaffPerHour } };
    if (r.staffWhileOpen !== undefined) return { ...base, demand: { required: whileOpen(r.staffWhileOpen, open, closed, ctx.start, days) } };
    missing.push({ path: `roles.${i}`, message: 'needs demand, perStaffPerHour or staffWhileOpen' });
    return base;
  });
  if (missing.length) throw missingInput('Some roles say nothing about how many people they need.', missing);

  const roster = mergeById(saved?.employees ?? [], req.employees);
  const mode = req.mode ?? (roster.length > 0 ? 'roster' : 'counts');
  let employees: Record<string, unknown>[] | undefined;
  if (mode === 'roster') {
    if (roster.length === 0) throw missingInput("mode 'roster' needs employees, and none are saved.", [{ path: 'employees', message: 'required for a roster' }]);
    const roleIds = new Set(roles.map((r) => r.id));
    const skipped: string[] = [];
    // Only people who can fill a role in this plan; their other roles are irrelevant here.
    employees = roster.flatMap((e) => {
      const own = (e.roles ?? []).filter((r) => roleIds.has(r));
      if (e.roles && own.length === 0) {
        skipped.push(e.name ?? e.id);
        return [];
      }
      const available = e.availability ? availabilityWindows(e.availability, ctx.start, days) : undefined;
      return [strip({ id: e.id, name: e.name ?? e.id, roles: e.roles ? own : e.roles, hourlyCost: e.hourlyCost, ...horizonHours(e.minHoursPerWeek, e.maxHoursPerWeek, days), available })];
    });
    if (skipped.length) ctx.notes.push(`Left out (no role in this plan): ${skipped.join(', ')}.`);
    if (days % 7 !== 0) ctx.notes.push(`Weekly minimum hours do not apply to a ${days}-day plan; weekly maximums apply per started week.`);
  }

  // With no shifts anywhere: the default lengths, starting at any hour that ends by closing time.
  const defaultStarts = Array.from({ length: Math.max(1, open.to - open.from - Math.min(...DEFAULT_SHIFT_LENGTHS) + 1) }, (_, k) => open.from + k);
  const shifts = req.shifts ?? saved?.shifts ?? { lengths: DEFAULT_SHIFT_LENGTHS, startHours: defaultStarts };
  return strip({
    roles: engineRoles,
    shifts,
    employees,
    rules: overlay(saved?.rules, req.rules),
    serviceLevel: req.serviceLevel ?? saved?.serviceLevel,
    unservedCost: req.unservedCost ?? saved?.unservedCost,
    scenarioCount: req.scenarioCount ?? saved?.scenarioCount,
    dayNames: dayNamesFrom(ctx.start),
    currency: req.currency ?? saved?.currency,
    timeLimit: req.timeLimit,
    mipGap: req.mipGap,
    engine: req.engine,
  });
}
