// The modelling layer: plain data a model builds once and any engine can read.
// Variables and constraints are addressed by index so large models stay cheap to build.

export type VarKind = 'continuous' | 'integer' | 'binary';

export interface VariableSpec {
  readonly name: string;
  readonly lb: number;
  readonly ub: number;
  readonly kind: VarKind;
}

/** One coefficient on one variable (by index). */
export interface Term {
  readonly v: number;
  readonly c: number;
}

export interface LinearExpr {
  readonly terms: readonly Term[];
  readonly constant: number;
}

/** A ranged row: lb ≤ Σ c·x ≤ ub (lb = ub for equality, ±Infinity for one-sided). */
export interface ConstraintSpec {
  readonly name: string;
  readonly terms: readonly Term[];
  readonly lb: number;
  readonly ub: number;
  /** What the row means to an owner ("walk-in fridge space, litres"); used in explanations and diagnoses. */
  readonly label?: string;
}

export interface LinearModel {
  readonly name: string;
  readonly sense: 'min' | 'max';
  readonly variables: readonly VariableSpec[];
  readonly constraints: readonly ConstraintSpec[];
  readonly objective: LinearExpr;
}

/** Handle returned by `addVar`; `index` is the column number. */
export interface Variable {
  readonly index: number;
  readonly name: string;
}

export type Sense = '<=' | '>=' | '==';

export type TermInput = readonly [Variable, number];

export function isMip(model: LinearModel): boolean {
  return model.variables.some((v) => v.kind !== 'continuous');
}

/** Incremental builder for a LinearModel. Duplicate terms on one variable are merged. */
export class ModelBuilder {
  readonly name: string;
  readonly sense: 'min' | 'max';
  private readonly vars: VariableSpec[] = [];
  private readonly rows: ConstraintSpec[] = [];
  private readonly objectiveCoefs = new Map<number, number>();
  private objectiveConstant = 0;

  constructor(name: string, sense: 'min' | 'max') {
    this.name = name;
    this.sense = sense;
  }

  addVar(name: string, opts: { lb?: number; ub?: number; kind?: VarKind; cost?: number } = {}): Variable {
    const kind = opts.kind ?? 'continuous';
    const lb = opts.lb ?? 0;
    const ub = opts.ub ?? (kind === 'binary' ? 1 : Infinity);
    const index = this.vars.length;
    this.vars.push({ name, lb, ub, kind });
    if (opts.cost) this.addObjective(opts.cost, { index, name });
    return { index, name };
  }

  addObjective(coef: number, variable: Variable): void {
    this.objectiveCoefs.set(variable.index, (this.objectiveCoefs.get(variable.index) ?? 0) + coef);
  }

  addObjectiveConstant(value: number): void {
    this.objectiveConstant += value;
  }

  addConstraint(name: string, terms: readonly TermInput[], sense: Sense, rhs: number, label?: string): number {
    const lb = sense === '<=' ? -Infinity : rhs;
    const ub = sense === '>=' ? Infinity : rhs;
    return this.addRange(name, terms, lb, ub, label);
  }

  addRange(name: string, terms: readonly TermInput[], lb: number, ub: number, label?: string): number {
    const merged = new Map<number, number>();
    for (const [variable, coef] of terms) merged.set(variable.index, (merged.get(variable.index) ?? 0) + coef);
    const row: ConstraintSpec = {
      name,
      terms: [...merged].filter(([, c]) => c !== 0).map(([v, c]) => ({ v, c })),
      lb,
      ub,
      ...(label === undefined ? {} : { label }),
    };
    this.rows.push(row);
    return this.rows.length - 1;
  }

  build(): LinearModel {
    return {
      name: this.name,
      sense: this.sense,
      variables: this.vars,
      constraints: this.rows,
      objective: {
        terms: [...this.objectiveCoefs].filter(([, c]) => c !== 0).map(([v, c]) => ({ v, c })),
        constant: this.objectiveConstant,
      },
    };
  }
}

/** Value of a linear expression at a point. */
export function evaluate(expr: { terms: readonly Term[]; constant?: number }, values: ArrayLike<number>): number {
  let total = expr.constant ?? 0;
  for (const t of expr.terms) total += t.c * (values[t.v] ?? 0);
  return total;
}
