import { qty } from './format';
import type { ConstraintSpec, LinearModel, Term, VariableSpec } from './model';
import { solveModel, type SolveOptions } from './solve';

// Infeasibility diagnosis by elastic programming: every constraint gets slack variables that let it
// bend, and the solver finds the smallest total (relative) bending that makes the plan possible.
// The constraints that had to bend are the ones in conflict.

export interface Conflict {
  readonly constraint: string;
  readonly label: string;
  /** 'raise' the row's upper limit or 'lower' its lower limit, by `amount`. */
  readonly direction: 'raise' | 'lower';
  readonly amount: number;
  readonly message: string;
}

export interface Diagnosis {
  readonly conflicts: Conflict[];
  readonly summary: string;
}

/** Which rows may bend; by default every labelled row (unlabelled rows are modelling identities). */
export type SoftRowFilter = (row: ConstraintSpec, index: number) => boolean;

export async function diagnoseInfeasibility(
  model: LinearModel,
  options: SolveOptions & { soft?: SoftRowFilter } = {},
): Promise<Diagnosis> {
  const soft = options.soft ?? ((row: ConstraintSpec) => row.label !== undefined);
  const variables: VariableSpec[] = [...model.variables];
  const objective: Term[] = [];
  const slackOf: Array<{ row: number; up: number | null; down: number | null }> = [];
  const constraints = model.constraints.map((row, i) => {
    if (!soft(row, i)) return row;
    const scale = Math.max(1, Math.abs(Number.isFinite(row.ub) ? row.ub : row.lb));
    const extra: Term[] = [];
    let up: number | null = null;
    let down: number | null = null;
    if (Number.isFinite(row.ub)) {
      // Σ − s ≤ ub: s is how far the upper limit must rise.
      up = variables.push({ name: `raise_${row.name}`, lb: 0, ub: Infinity, kind: 'continuous' }) - 1;
      extra.push({ v: up, c: -1 });
      objective.push({ v: up, c: 1 / scale });
    }
    if (Number.isFinite(row.lb)) {
      down = variables.push({ name: `lower_${row.name}`, lb: 0, ub: Infinity, kind: 'continuous' }) - 1;
      extra.push({ v: down, c: 1 });
      objective.push({ v: down, c: 1 / scale });
    }
    slackOf.push({ row: i, up, down });
    return { ...row, terms: [...row.terms, ...extra] };
  });
  const elastic: LinearModel = { name: `${model.name}-elastic`, sense: 'min', variables, constraints, objective: { terms: objective, constant: 0 } };
  const solved = await solveModel(elastic, options);
  if (!solved.values) {
    return { conflicts: [], summary: 'The limits on individual decisions contradict each other; no constraint can be relaxed to fix it.' };
  }
  const conflicts: Conflict[] = [];
  for (const { row, up, down } of slackOf) {
    const spec = model.constraints[row];
    if (!spec) continue;
    const label = spec.label ?? spec.name;
    const raise = up === null ? 0 : (solved.values[up] ?? 0);
    const lower = down === null ? 0 : (solved.values[down] ?? 0);
    if (raise > 1e-7) conflicts.push({ constraint: spec.name, label, direction: 'raise', amount: raise, message: `${label}: the limit of ${qty(spec.ub, 2)} would have to rise by ${qty(raise, 2)}` });
    if (lower > 1e-7) conflicts.push({ constraint: spec.name, label, direction: 'lower', amount: lower, message: `${label}: the requirement of ${qty(spec.lb, 2)} would have to drop by ${qty(lower, 2)}` });
  }
  const summary =
    conflicts.length === 0
      ? 'No single constraint explains the conflict; the limits on individual decisions contradict each other.'
      : `No plan meets every requirement. The smallest change that makes one possible: ${conflicts
          .slice(0, 5)
          .map((c) => c.message)
          .join('; ')}${conflicts.length > 5 ? `; and ${conflicts.length - 5} more` : ''}.`;
  return { conflicts, summary };
}
