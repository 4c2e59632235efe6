import { money, percent, plural, qty } from './format';
import { statusSentence } from './result';
import { label, type RoleNeed } from './staffing-needs';
import type { StaffingParsed } from './staffing-schema';
import type { StaffingResult } from './staffing';

/** Plain-language reading of a staffing plan. */
export function explainStaffing(input: StaffingParsed, needs: RoleNeed[], r: StaffingResult): string[] {
  const cur = input.currency;
  const lines: string[] = [];
  const status = statusSentence(r);
  if (status) lines.push(status);
  const shiftCount = r.shifts.reduce((s, x) => s + x.count, 0);
  const staffHours = r.shifts.reduce((s, x) => s + x.count * x.length, 0);
  lines.push(`Schedule ${plural(shiftCount, 'shift')} (${qty(staffHours)} staff-hours) for ${money(r.labourCost, cur)} in wages.`);
  needs.forEach((need, i) => {
    const cov = r.coverage[i];
    if (!cov) return;
    const peak = Math.max(...cov.scheduled);
    const peakHour = cov.scheduled.indexOf(peak);
    const extra = cov.scheduled.reduce((s, x, t) => s + Math.max(0, x - (cov.required[t] ?? 0)), 0);
    const why =
      extra > 0
        ? input.unservedCost === undefined
          ? `; ${qty(extra)} staff-hours beyond the requirement, because shifts come in ${input.shifts.lengths.join('/')}-hour blocks`
          : `; ${qty(extra)} staff-hours beyond the average need, where an extra person costs less than the demand they would serve`
        : '';
    lines.push(`${need.name}: up to ${plural(peak, 'person', 'people')} on at ${label(input, peakHour)}${why}.`);
    const marginal = r.marginalCost[i]?.perHour ?? [];
    const top = Math.max(0, ...marginal);
    if (top > 0) lines.push(`The costliest hour to cover for ${need.name} is ${label(input, marginal.indexOf(top))}: one more person needed then would add about ${money(top, cur)} in wages.`);
  });
  const people = input.employees ?? [];
  const names = (list: typeof people) => list.slice(0, 5).map((e) => e.name).join(', ') + (list.length > 5 ? ` and ${list.length - 5} more` : '');
  const hoursOf = (id: string) => r.employees.find((e) => e.id === id)?.hours ?? 0;
  const atMax = people.filter((e) => hoursOf(e.id) >= e.maxHours - 1e-9);
  const atMin = people.filter((e) => e.minHours > 0 && hoursOf(e.id) <= e.minHours + 1e-9);
  if (atMax.length > 0) lines.push(`${names(atMax)} ${atMax.length === 1 ? 'is' : 'are'} at their maximum hours: more hours from them would lower the wage bill.`);
  if (atMin.length > 0) lines.push(`${names(atMin)} ${atMin.length === 1 ? 'works' : 'work'} only their guaranteed minimum hours.`);
  const u = r.uncertainty;
  if (u) {
    const basis = input.unservedCost !== undefined ? 'balancing wages against expected unserved demand' : `covering the forecast's ${percent(input.serviceLevel ?? 0.9)} quantile`;
    lines.push(
      `Planning for the forecast's range (${basis}) costs ${money(u.stochastic.labourCost, cur)} in wages against ${money(u.deterministic.labourCost, cur)} for a plan built on the average; ` +
        `staff then cover demand ${percent(u.stochastic.coverProbability)} of the time instead of ${percent(u.deterministic.coverProbability)}, leaving ${qty(u.stochastic.expectedUnserved)} instead of ${qty(u.deterministic.expectedUnserved)} units of demand unserved.`,
    );
    if (u.valueOfStochasticSolution !== null && u.stochastic.expectedTotalCost !== null && u.deterministic.expectedTotalCost !== null) {
      lines.push(`Counting unserved demand at ${money(input.unservedCost ?? 0, cur)} a unit, the expected total is ${money(u.stochastic.expectedTotalCost, cur)} against ${money(u.deterministic.expectedTotalCost, cur)}.`);
    }
  }
  return lines;
}
