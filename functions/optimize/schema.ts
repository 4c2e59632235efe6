// Response shapes of /api/optimize; the requests and saved settings are @dyocense/planning's, shared
// with every other caller that asks for a plan (the coach), so the same question fills the same way.
import { z } from '@hono/zod-openapi';
import { optimizationKinds, optimizationRunStatuses } from '@dyocense/db';

export { BudgetRequest, InventoryRequest, PricingRequest, settingsSchemas, StaffingRequest } from '@dyocense/planning';

export const KindParam = z.object({ kind: z.enum(optimizationKinds).openapi({ param: { name: 'kind', in: 'path' }, example: 'inventory' }) });
export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const WaitQuery = z.object({
  wait: z.coerce
    .number()
    .min(0)
    .max(30)
    .default(5)
    .openapi({ description: 'Seconds to wait for the solve before answering 202 with the queued run (default 5).' }),
});

export const RunSummary = z
  .object({
    id: z.uuid(),
    kind: z.enum(optimizationKinds),
    status: z.enum(optimizationRunStatuses),
    objective: z.number().nullable(),
    solver: z.string().nullable(),
    solveMs: z.number().nullable(),
    headline: z.string().nullable().openapi({ description: "The explanation's first sentence." }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('OptimizationRunSummary');

export const RunView = RunSummary.extend({
  jobId: z.uuid().nullable(),
  mipGap: z.number().nullable(),
  proven: z.boolean().nullable(),
  error: z.string().nullable(),
  input: z.unknown().openapi({ description: 'The request body as given.' }),
  solvedInput: z.unknown().openapi({ description: 'What the engine solved, after saved settings and the tenant’s data filled the gaps.' }),
  notes: z.array(z.string()).openapi({ description: 'Where each filled value came from.' }),
  result: z
    .unknown()
    .openapi({ description: "The engine's result: status, objective, decisions (orders, shifts, allocations, prices), binding constraints, shadow prices, explanation, and diagnosis when infeasible; null while queued." }),
}).openapi('OptimizationRun');

export const RunListQuery = z.object({
  kind: z.enum(optimizationKinds).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page.' }),
});

export const RunList = z.object({ runs: z.array(RunSummary), nextCursor: z.string().nullable() }).openapi('OptimizationRunList');

export const ConstraintsView = z
  .object({ kind: z.enum(optimizationKinds), settings: z.unknown(), updatedAt: z.string() })
  .openapi('OptimizationConstraints');
