import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { optimizationRuns, type OptimizationKind, type OptimizationRunStatus } from '@dyocense/db';
import { OptimizerInputError, solveBudget, solveInventory, solvePricing, solveStaffing, type InputIssue, type ResultBase } from '@dyocense/optimizer';
import { defineJobKind, type JobKind } from '../registry';

/**
 * Optimization job kinds: `compute` runs the optimizer engine on a worker thread (solves block
 * their thread), `apply` writes the outcome onto the run the request recorded, in the
 * transaction that marks the job succeeded.
 */

/** The run to complete and the engine input, already filled and validated by @dyocense/planning. */
const payload = z.object({ runId: z.uuid(), input: z.record(z.string(), z.unknown()) });
type Payload = z.infer<typeof payload>;

/** What a solve leaves behind: the engine's result, or the issues it refused the instance with. */
export type OptimizeOutcome =
  | { runId: string; solved: ResultBase & Record<string, unknown>; mipGap: number | null }
  | { runId: string; rejected: InputIssue[] };

type Solver = (input: never) => Promise<ResultBase>;

const solvers: Record<OptimizationKind, { solve: Solver; mip: boolean }> = {
  inventory: { solve: solveInventory as Solver, mip: true },
  staffing: { solve: solveStaffing as Solver, mip: true },
  budget: { solve: solveBudget as Solver, mip: false },
  pricing: { solve: solvePricing as Solver, mip: true },
};

/** The engine's default relative MIP gap (see packages/optimizer README). */
const DEFAULT_MIP_GAP = 1e-4;

async function compute(kind: OptimizationKind, { runId, input }: Payload): Promise<OptimizeOutcome> {
  try {
    const solved = (await solvers[kind].solve(input as never)) as ResultBase & Record<string, unknown>;
    const gap = typeof input.mipGap === 'number' ? input.mipGap : DEFAULT_MIP_GAP;
    return { runId, solved, mipGap: solvers[kind].mip ? gap : null };
  } catch (err) {
    // Limits only the built model reveals (assignment options, coefficients): a result, not a crash.
    if (err instanceof OptimizerInputError) return { runId, rejected: [...err.issues] };
    throw err;
  }
}

function optimizeJob(kind: OptimizationKind): JobKind<Payload, OptimizeOutcome> {
  return defineJobKind({
    kind: `optimize.${kind}`,
    payload,
    compute: (p) => compute(kind, p),
    async apply(tx, outcome) {
      const finishedAt = new Date();
      const where = and(eq(optimizationRuns.id, outcome.runId), eq(optimizationRuns.kind, kind));
      if ('rejected' in outcome) {
        const error = outcome.rejected.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
        await tx.update(optimizationRuns).set({ status: 'rejected', output: { issues: outcome.rejected }, error, finishedAt }).where(where);
        return;
      }
      const r = outcome.solved;
      await tx
        .update(optimizationRuns)
        .set({
          status: r.status as OptimizationRunStatus,
          output: r,
          objective: r.objective,
          solver: r.solver.engine,
          solveMs: r.solver.ms,
          proven: r.solver.proven,
          mipGap: outcome.mipGap,
          finishedAt,
        })
        .where(where);
    },
  });
}

export const optimizeJobs = [optimizeJob('inventory'), optimizeJob('staffing'), optimizeJob('budget'), optimizeJob('pricing')];
