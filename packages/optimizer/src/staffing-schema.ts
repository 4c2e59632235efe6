import { z } from 'zod';
import { forecastSchema } from './scenarios';

export const STAFFING_LIMITS = { hours: 336, roles: 20, employees: 100, shiftLengths: 6, assignmentOptions: 30_000, shiftOptions: 20_000 } as const;

const nonneg = z.number().finite().nonnegative();

/** What a role must cover each hour: staff counts directly, or a demand forecast and how much one person serves per hour. */
export const roleDemandSchema = z.union([
  z.object({ required: z.array(nonneg).min(1).max(STAFFING_LIMITS.hours) }).strict(),
  z.object({ forecast: forecastSchema, perStaffPerHour: z.number().finite().positive() }).strict(),
]);

export const staffingInputSchema = z
  .object({
    roles: z
      .array(
        z.object({
          id: z.string().min(1).max(100),
          name: z.string().min(1).max(200),
          /** Wage per hour for anonymous staff counts (named employees carry their own). */
          hourlyCost: nonneg.default(0),
          demand: roleDemandSchema,
        }),
      )
      .min(1, 'at least one role is needed')
      .max(STAFFING_LIMITS.roles),
    shifts: z.object({
      lengths: z.array(z.number().int().min(1).max(16)).min(1).max(STAFFING_LIMITS.shiftLengths),
      /** Hours of the day (0–23) a shift may start; all hours when omitted. */
      startHours: z.array(z.number().int().min(0).max(23)).min(1).max(24).optional(),
    }),
    /** Named staff: when given, the plan assigns people to shifts; otherwise it counts staff per shift. */
    employees: z
      .array(
        z.object({
          id: z.string().min(1).max(100),
          name: z.string().min(1).max(200),
          roles: z.array(z.string().min(1)).min(1),
          hourlyCost: nonneg,
          minHours: nonneg.default(0),
          maxHours: nonneg.default(40),
          /** Hour ranges [from, to) within the horizon the person can work; the whole horizon when omitted. */
          available: z.array(z.object({ from: z.number().int().nonnegative(), to: z.number().int().positive() })).optional(),
        }),
      )
      .max(STAFFING_LIMITS.employees)
      .optional(),
    rules: z
      .object({
        minRestHours: z.number().int().min(0).max(48).default(10),
        maxConsecutiveDays: z.number().int().min(1).max(14).default(6),
      })
      .default({ minRestHours: 10, maxConsecutiveDays: 6 }),
    /** With a forecast: the demand quantile each hour must be covered at (a service-level floor). */
    serviceLevel: z.number().min(0.5).max(0.999).optional(),
    /** With a forecast: cost of one unit of demand left unserved; the plan then balances wages against expected unserved demand. */
    unservedCost: nonneg.optional(),
    scenarioCount: z.number().int().min(3).max(50).default(15),
    dayNames: z.array(z.string().max(20)).length(7).default(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']),
    currency: z.string().max(5).default('$'),
    timeLimit: z.number().positive().max(300).default(10),
    /** Relative MIP gap at which the plan counts as optimal (default 1e-4, HiGHS's own default). */
    mipGap: z.number().min(0).max(0.1).optional(),
    engine: z.enum(['auto', 'glpk', 'highs']).default('auto'),
  })
  .superRefine((input, ctx) => {
    const lengths = input.roles.map((r) => ('required' in r.demand ? r.demand.required.length : r.demand.forecast.mean.length));
    const hours = lengths[0] ?? 0;
    lengths.forEach((h, i) => {
      if (h !== hours) ctx.addIssue({ code: 'custom', path: ['roles', i, 'demand'], message: `covers ${h} hours but roles.0 covers ${hours}; all roles need the same horizon` });
    });
    if (hours > STAFFING_LIMITS.hours) ctx.addIssue({ code: 'custom', path: ['roles', 0, 'demand'], message: `at most ${STAFFING_LIMITS.hours} hours` });
    if (Math.min(...input.shifts.lengths) > hours) ctx.addIssue({ code: 'custom', path: ['shifts', 'lengths'], message: `no shift fits in the ${hours}-hour horizon` });
    const roleIds = new Set<string>();
    input.roles.forEach((r, i) => {
      if (roleIds.has(r.id)) ctx.addIssue({ code: 'custom', path: ['roles', i, 'id'], message: `duplicate role id ${r.id}` });
      roleIds.add(r.id);
    });
    const hasForecast = input.roles.some((r) => 'forecast' in r.demand);
    if (!hasForecast && input.unservedCost !== undefined) ctx.addIssue({ code: 'custom', path: ['unservedCost'], message: 'needs a role with a forecast' });
    const ids = new Set<string>();
    input.employees?.forEach((e, i) => {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: ['employees', i, 'id'], message: `duplicate employee id ${e.id}` });
      ids.add(e.id);
      if (e.minHours > e.maxHours) ctx.addIssue({ code: 'custom', path: ['employees', i, 'maxHours'], message: `maxHours ${e.maxHours} is below minHours ${e.minHours}` });
      e.roles.forEach((r, k) => {
        if (!roleIds.has(r)) ctx.addIssue({ code: 'custom', path: ['employees', i, 'roles', k], message: `unknown role ${r}` });
      });
      e.available?.forEach((w, k) => {
        if (w.to <= w.from || w.to > hours) ctx.addIssue({ code: 'custom', path: ['employees', i, 'available', k], message: `window must satisfy from < to ≤ ${hours}` });
      });
    });
  });

export type StaffingInput = z.input<typeof staffingInputSchema>;
export type StaffingParsed = z.output<typeof staffingInputSchema>;
