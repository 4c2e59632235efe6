import type { LinearModel } from '../model';

export type EngineName = 'glpk' | 'highs';

/**
 * optimal: proven optimal (within mipGap); feasible: a solution, not proven (time limit);
 * no_solution: stopped by the time limit before finding one.
 */
export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'unbounded' | 'no_solution' | 'error';

export interface EngineOptions {
  /** Seconds. */
  readonly timeLimit: number;
  /** Relative MIP gap at which the engine may stop and call the solution optimal. */
  readonly mipGap: number;
  /** A feasible solution to start from (engines that cannot use one ignore it). */
  readonly start?: readonly number[];
}

/** What an engine reports, in the model's own sign conventions (see solveModel for duals). */
export interface EngineSolution {
  readonly status: SolveStatus;
  readonly objective: number | null;
  readonly values: number[] | null;
  /** Row activities Σ c·x. */
  readonly rowActivity: number[] | null;
  /** LP only: change of the objective per unit increase of the row's active bound. */
  readonly duals: number[] | null;
  readonly detail?: string;
}

/** A loaded solver. Loading is async (WebAssembly); solving is synchronous and blocks. */
export interface SolverEngine {
  readonly name: EngineName;
  solve(model: LinearModel, options: EngineOptions): EngineSolution;
}
