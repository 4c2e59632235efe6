import { z } from 'zod';

// The modelling layer's input as a zod schema, for callers that receive models over HTTP.
// Structural checks that need the whole model (indices in range, lb ≤ ub) live in checkModel.

export const MODEL_LIMITS = { variables: 200_000, constraints: 200_000, nonzeros: 2_000_000 } as const;

// JSON has no Infinity: a bound of magnitude ≥ 1e30 (or null) means "no bound", as in most solvers.
const lowerBound = z
  .number()
  .nullable()
  .transform((x) => (x === null || x <= -1e30 ? -Infinity : x));
const upperBound = z
  .number()
  .nullable()
  .transform((x) => (x === null || x >= 1e30 ? Infinity : x));
const term = z.object({ v: z.number().int().nonnegative(), c: z.number().finite() });

export const linearModelSchema = z.object({
  name: z.string().min(1).max(200),
  sense: z.enum(['min', 'max']),
  variables: z
    .array(z.object({ name: z.string().min(1).max(200), lb: lowerBound, ub: upperBound, kind: z.enum(['continuous', 'integer', 'binary']) }))
    .min(1)
    .max(MODEL_LIMITS.variables),
  constraints: z
    .array(z.object({ name: z.string().min(1).max(200), terms: z.array(term), lb: lowerBound, ub: upperBound, label: z.string().max(500).optional() }))
    .max(MODEL_LIMITS.constraints),
  objective: z.object({ terms: z.array(term), constant: z.number().finite() }),
});

export const solveOptionsSchema = z.object({
  engine: z.enum(['auto', 'glpk', 'highs']).optional(),
  timeLimit: z.number().positive().max(600).optional(),
  mipGap: z.number().min(0).max(1).optional(),
  glpkBudget: z.number().positive().max(600).optional(),
});
