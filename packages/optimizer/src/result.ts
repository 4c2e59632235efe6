import type { Diagnosis } from './diagnose';
import type { EngineName, SolveStatus } from './engines/types';
import type { ModelSolution, SolveAttempt } from './solve';

// Parts every model's result shares.

export interface SolverInfo {
  readonly engine: EngineName | null;
  /** Optimality proven by the engine (within the MIP gap). */
  readonly proven: boolean;
  readonly ms: number;
  readonly attempts: SolveAttempt[];
}

export interface BindingConstraint {
  readonly name: string;
  /** What the constraint means, in words. */
  readonly label: string;
  /** Room left (0 when tight). */
  readonly slack: number;
  /** Objective change per unit more of this limit; null when not available. */
  readonly shadowPrice: number | null;
}

export interface ResultBase {
  readonly status: SolveStatus;
  /** The model's objective (cost to minimise or profit/revenue to maximise); null without a solution. */
  readonly objective: number | null;
  readonly binding: BindingConstraint[];
  /** Plain-language sentences for the owner. */
  readonly explanation: string[];
  /** Present when no plan meets every requirement. */
  readonly diagnosis?: Diagnosis;
  readonly solver: SolverInfo;
}

export function solverInfo(s: ModelSolution): SolverInfo {
  return { engine: s.engine, proven: s.proven, ms: s.ms, attempts: s.attempts };
}

export function hasSolution(s: ModelSolution): s is ModelSolution & { values: number[]; objective: number } {
  return (s.status === 'optimal' || s.status === 'feasible') && s.values !== null && s.objective !== null;
}

export function statusSentence(s: { readonly status: SolveStatus }): string | null {
  if (s.status === 'feasible') return 'The solver ran out of time before proving this plan is the best; it is a good plan, possibly not the best one.';
  if (s.status === 'no_solution') return 'The solver ran out of time before finding any plan; try a longer time limit or a smaller problem.';
  if (s.status === 'unbounded') return 'The model is unbounded: some quantity can grow without limit. Add an upper limit.';
  if (s.status === 'error') return 'The solver failed on this problem.';
  return null;
}
