// The filled input checked with the engine's own schema, before anything is queued: errors name
// the field as the engine sees it (skus.3.casePack); instances beyond the engine's documented
// size limits are a 413.
import type { z } from 'zod';
import { HttpProblem, type FieldError } from '@dyocense/core';
import type { OptimizationKind } from '@dyocense/db';
import {
  BUDGET_LIMITS,
  budgetInputSchema,
  INVENTORY_LIMITS,
  inventoryInputSchema,
  PRICING_LIMITS,
  pricingInputSchema,
  STAFFING_LIMITS,
  staffingInputSchema,
} from '@dyocense/optimizer';

const engineSchemas: Record<OptimizationKind, z.ZodType> = {
  inventory: inventoryInputSchema,
  staffing: staffingInputSchema,
  budget: budgetInputSchema,
  pricing: pricingInputSchema,
};

/** Lists whose length the engine limits (INVENTORY_LIMITS, STAFFING_LIMITS, ...). */
const isSizeIssue = (issue: z.core.$ZodIssue) => issue.code === 'too_big' && (issue as { origin?: string }).origin === 'array';

export function tooLarge(detail: string, errors: FieldError[]): HttpProblem {
  return new HttpProblem(413, 'instance-too-large', detail, errors);
}

/** The engine's parsed input (its defaults applied), or a problem naming every bad field. */
export function validateForEngine(kind: OptimizationKind, input: Record<string, unknown>): Record<string, unknown> {
  const parsed = engineSchemas[kind].safeParse(input);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issues = parsed.error.issues;
  const errors = issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
  if (issues.some(isSizeIssue)) {
    const size = errors.filter((_, k) => isSizeIssue(issues[k]!));
    throw tooLarge(`The ${kind} instance is beyond the optimizer's size limits: ${size.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, size);
  }
  throw new HttpProblem(400, 'validation', `The ${kind} input is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
}

/** The lists whose length the engine limits, per kind (checked before any data is read). */
const listLimits: Record<OptimizationKind, Array<[string, number]>> = {
  inventory: [['skus', INVENTORY_LIMITS.skus], ['suppliers', INVENTORY_LIMITS.suppliers]],
  staffing: [['roles', STAFFING_LIMITS.roles], ['employees', STAFFING_LIMITS.employees]],
  budget: [['channels', BUDGET_LIMITS.channels]],
  pricing: [['products', PRICING_LIMITS.products]],
};

/** A request or saved settings with more items than the engine takes: 413 naming the list. */
export function checkSize(kind: OptimizationKind, body: Record<string, unknown>): void {
  const errors = listLimits[kind]
    .filter(([field, max]) => Array.isArray(body[field]) && (body[field] as unknown[]).length > max)
    .map(([field, max]) => ({ path: field, message: `${(body[field] as unknown[]).length} items; at most ${max}` }));
  if (errors.length) throw tooLarge(`The ${kind} instance is beyond the optimizer's size limits: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, errors);
}
