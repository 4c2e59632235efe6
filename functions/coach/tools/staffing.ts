import { z } from 'zod';
import type { Finding } from '@dyocense/llm';
import type { StaffingResult } from '@dyocense/optimizer';
import type { CoachTool } from './context';
import { addDays, dayStart, isoDay, longDay } from './dates';
import { runOptimization } from './engine-jobs';

const args = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() });

interface PlannedRole {
  id: string;
  name?: string;
  demand?: { forecast?: { mean: number[] } };
}

/** People on the floor at each hour, all roles together. */
export function peakOnFloor(coverage: StaffingResult['coverage']): number {
  const hours = Math.max(0, ...coverage.map((c) => c.scheduled.length));
  let peak = 0;
  for (let t = 0; t < hours; t++) peak = Math.max(peak, coverage.reduce((n, c) => n + (c.scheduled[t] ?? 0), 0));
  return peak;
}

/**
 * Staff for one day, asked exactly as the Plans page asks it: a one-day staffing request from the
 * tenant's saved roles, roster, opening hours and hourly profile, with demand from the latest
 * orders forecast (or same-weekday history); the optimizer picks who works when.
 */
export const staffingTool: CoachTool<z.infer<typeof args>> = {
  name: 'staffing',
  description: 'How many staff to schedule on a day, and in which shifts, from the saved roster and opening hours and the orders forecast.',
  args,
  parameters: { type: 'object', properties: { day: { type: 'string', description: 'the day, YYYY-MM-DD (default tomorrow)' } } },
  async run(ctx, a) {
    const day = a.day ?? isoDay(addDays(dayStart(ctx.now), 1));
    const date = new Date(`${day}T00:00:00Z`);
    const { runId, solvedInput, result } = await runOptimization<StaffingResult>(ctx, 'staffing', { start: day, days: 1 });

    const roles = (solvedInput.roles ?? []) as PlannedRole[];
    const roleName = new Map(roles.map((r) => [r.id, r.name ?? r.id]));
    // The day's orders the plan staffed for: the hourly demand of a demand-driven role, summed.
    const driven = roles.find((r) => r.demand?.forecast);
    const orders = driven ? driven.demand!.forecast!.mean.reduce((s, v) => s + v, 0) : null;
    const people = result.mode === 'assignments' ? new Set(result.assignments.map((x) => x.employeeId)).size : result.shifts.reduce((n, s) => n + s.count, 0);
    const shifts = result.shifts.filter((s) => s.count > 0).sort((x, y) => x.start - y.start || x.roleId.localeCompare(y.roleId));
    const who = (s: StaffingResult['shifts'][number]) =>
      result.assignments.filter((x) => x.roleId === s.roleId && x.start === s.start && x.length === s.length).map((x) => x.name);

    const findings: Finding[] = [
      {
        template: `For ${longDay(date)}, schedule {people} people (at most {peak} on the floor at once)${orders === null ? '' : ', for about {orders} orders'}.`,
        values: {
          people: { value: people, format: 'count' as const },
          peak: { value: peakOnFloor(result.coverage), format: 'count' as const },
          ...(orders === null ? {} : { orders: { value: orders, format: 'count' as const } }),
        },
      },
      ...shifts.map((s) => {
        const names = who(s);
        return {
          template: `{count} × {length}-hour ${roleName.get(s.roleId) ?? s.roleId} shift from ${clock(s.start % 24)}${names.length ? ` (${names.join(', ')})` : ''}.`,
          values: { count: { value: s.count, format: 'count' as const }, length: { value: s.length, format: 'count' as const } },
        };
      }),
      {
        template: result.uncertainty ? 'That covers demand in about {cover} of hours, for labour of {cost}.' : 'Labour comes to {cost}.',
        values: {
          ...(result.uncertainty ? { cover: { value: result.uncertainty.stochastic.coverProbability, format: 'percent' as const, digits: 0 } } : {}),
          cost: { value: result.labourCost, format: 'money' as const },
        },
      },
    ];
    return {
      cards: [{ tool: 'staffing', title: `Staffing for ${longDay(date)}`, citation: { kind: 'optimization_run', id: runId, label: 'staffing plan (optimizer)' }, findings }],
      data: { runId, people },
    };
  },
};

const clock = (h: number) => `${String(h).padStart(2, '0')}:00`;
