// One request, one filled input: the saved settings of its kind and the tenant's data fill what
// the request leaves out, and the engine's own schema checks the result. The optimize API and the
// coach both ask for plans through here, so the same question gets the same plan.
import { fieldErrorsOf, HttpProblem, type Tx } from '@dyocense/core';
import type { OptimizationKind } from '@dyocense/db';
import { fillBudget } from './fill/budget';
import { fillContext, type DemandSourceChoice, type FillContext } from './fill/context';
import { fillInventory } from './fill/inventory';
import { fillPricing } from './fill/pricing';
import { fillStaffing } from './fill/staffing';
import { addDays } from './logic/dates';
import { findConstraints } from './reads';
import { settingsSchemas, type BudgetRequest, type InventoryRequest, type PricingRequest, type StaffingRequest } from './requests';
import { validateForEngine } from './validate';

export interface PlanRequests {
  inventory: InventoryRequest;
  staffing: StaffingRequest;
  budget: BudgetRequest;
  pricing: PricingRequest;
}

type Filler = (ctx: FillContext, req: never, saved: never) => Promise<Record<string, unknown>>;

const fillers: Record<OptimizationKind, Filler> = {
  inventory: fillInventory as Filler,
  staffing: fillStaffing as Filler,
  budget: fillBudget as Filler,
  pricing: fillPricing as Filler,
};

export interface PlannedInput {
  /** Exactly what the engine solves (its defaults applied). */
  solvedInput: Record<string, unknown>;
  /** Where each filled value came from, in words. */
  notes: string[];
}

/** Saved settings as their schema reads them; settings saved under an older shape are a 422, not a crash. */
function readSettings(kind: OptimizationKind, settings: unknown) {
  const parsed = settingsSchemas[kind].safeParse(settings);
  if (parsed.success) return parsed.data;
  const errors = fieldErrorsOf(parsed.error).map((e) => ({ path: `settings.${e.path}`, message: e.message }));
  throw new HttpProblem(422, 'invalid-settings', `The saved ${kind} settings are no longer valid; save them again with PUT /api/optimize/constraints/${kind}.`, errors);
}

/**
 * The engine input for a (possibly empty) request of `kind`, filled inside the caller's tenant
 * transaction. The plan starts on `request.start` when given, else the day after `today`
 * (YYYY-MM-DD). Throws HttpProblem: 400 for what neither the request nor the saved settings give,
 * 413 beyond the engine's size limits, 422 for demand the tenant's data cannot supply.
 */
export async function planInput<K extends OptimizationKind>(tx: Tx, kind: K, request: PlanRequests[K], opts: { today: string }): Promise<PlannedInput> {
  const body = request as Record<string, unknown>;
  const savedRow = await findConstraints(tx, kind);
  const saved = savedRow ? readSettings(kind, savedRow.settings) : null;
  const start = typeof body.start === 'string' ? body.start : addDays(opts.today, 1);
  const ctx = fillContext(tx, { start, today: opts.today, demandSource: body.demandSource as DemandSourceChoice | undefined });
  const filled = await fillers[kind](ctx, request as never, saved as never);
  return { solvedInput: validateForEngine(kind, filled), notes: ctx.notes };
}
