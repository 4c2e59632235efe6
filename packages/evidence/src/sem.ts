import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { ols } from './regression';
import { topologicalOrder } from './pc';
import { normalDraw, seededRandom, DEFAULT_SEED, type Random } from './random';
import { EvidenceInputError } from './errors';

export interface StructuralEquation {
  variable: string;
  intercept: number;
  parents: { name: string; coefficient: number; se: number; pValue: number }[];
  /** HC1 covariance of (intercept, parent coefficients). */
  vcov: number[][];
  residualSd: number;
  r2: number;
  mean: number;
}

export interface LinearSem {
  /** Variables in causal (topological) order. */
  order: string[];
  equations: Map<string, StructuralEquation>;
}

/** A LinearSem as JSON (as stored with a learned graph): its equations as a list, in causal order. */
export interface StoredModel {
  order: string[];
  equations: StructuralEquation[];
}

/** Fits each variable on its parents by OLS; valid as a linear SEM when the graph is acyclic. */
export function fitLinearSem(variables: string[], columns: number[][], edges: { from: string; to: string }[]): LinearSem {
  const pos = new Map(variables.map((v, i) => [v, i]));
  const p = variables.length;
  const directed = Array.from({ length: p }, () => new Array<boolean>(p).fill(false));
  for (const e of edges) (directed[pos.get(e.from) as number] as boolean[])[pos.get(e.to) as number] = true;
  const orderIdx = topologicalOrder(p, directed);
  assertAcyclic(orderIdx, directed);
  const equations = new Map<string, StructuralEquation>();
  for (const v of orderIdx) {
    const name = variables[v] as string;
    const y = columns[v] as number[];
    const mean = y.reduce((s, x) => s + x, 0) / y.length;
    const parents = variables.map((_, i) => i).filter((i) => directed[i]?.[v]);
    if (parents.length === 0) {
      const sd = Math.sqrt(y.reduce((s, x) => s + (x - mean) ** 2, 0) / (y.length - 1));
      equations.set(name, { variable: name, intercept: mean, parents: [], vcov: [[(sd * sd) / y.length]], residualSd: sd, r2: 0, mean });
      continue;
    }
    const X = y.map((_, t) => parents.map((i) => (columns[i] as number[])[t] as number));
    const fit = ols(X, y, { names: parents.map((i) => variables[i] as string), outcomeName: name });
    equations.set(name, {
      variable: name, intercept: fit.coefficients[0]?.estimate ?? 0,
      parents: fit.coefficients.slice(1).map((c) => ({ name: c.name, coefficient: c.estimate, se: c.se, pValue: c.pValue })),
      vcov: fit.vcov, residualSd: fit.sigma, r2: fit.r2, mean,
    });
  }
  return { order: orderIdx.map((i) => variables[i] as string), equations };
}

export interface InterventionEffect {
  variable: string;
  baseline: number;
  effect: number;
  ci: [number, number];
  /** Effect relative to the variable's mean. */
  relativeEffect: number;
}

/**
 * Mean effects of do(variable := mean + delta) on every downstream variable: the change is pushed
 * through the structural equations in causal order; the interval comes from redrawing every
 * equation's coefficients from their estimated sampling distribution.
 */
export function propagateIntervention(sem: LinearSem, variable: string, delta: number, opts: { draws?: number; seed?: number; level?: number } = {}): InterventionEffect[] {
  if (!sem.equations.has(variable)) throw new EvidenceInputError('variable', `unknown variable "${variable}"`);
  const draws = opts.draws ?? 2000;
  const level = opts.level ?? 0.95;
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const point = pushChange(sem, variable, delta, (eq) => eq.parents.map((pa) => pa.coefficient));
  const samplers = new Map([...sem.equations].map(([name, eq]) => [name, coefficientSampler(eq, random)]));
  const samples = new Map<string, number[]>(sem.order.map((v) => [v, []]));
  for (let d = 0; d < draws; d++) {
    const changes = pushChange(sem, variable, delta, (eq) => (samplers.get(eq.variable) as () => number[])());
    for (const [v, c] of changes) samples.get(v)?.push(c);
  }
  return sem.order
    .filter((v) => v !== variable && (point.get(v) ?? 0) !== 0)
    .map((v) => {
      const eq = sem.equations.get(v) as StructuralEquation;
      const sorted = (samples.get(v) as number[]).slice().sort((a, b) => a - b);
      const effect = point.get(v) as number;
      return {
        variable: v, baseline: eq.mean, effect,
        ci: [quantile(sorted, (1 - level) / 2), quantile(sorted, 1 - (1 - level) / 2)] as [number, number],
        relativeEffect: eq.mean !== 0 ? effect / Math.abs(eq.mean) : Number.NaN,
      };
    });
}

function pushChange(sem: LinearSem, variable: string, delta: number, coefficients: (eq: StructuralEquation) => number[]): Map<string, number> {
  const change = new Map<string, number>([[variable, delta]]);
  for (const v of sem.order) {
    if (v === variable) continue; // the intervention cuts the variable loose from its own causes
    const eq = sem.equations.get(v) as StructuralEquation;
    if (!eq.parents.some((pa) => change.has(pa.name))) continue;
    const beta = coefficients(eq);
    const c = eq.parents.reduce((s, pa, k) => s + (beta[k] as number) * (change.get(pa.name) ?? 0), 0);
    change.set(v, c);
  }
  change.delete(variable);
  return change;
}

/** Draws parent coefficients from N(estimate, vcov) via a Cholesky factor (intercept dropped). */
function coefficientSampler(eq: StructuralEquation, random: Random): () => number[] {
  const k = eq.parents.length;
  if (k === 0) return () => [];
  const raw = eq.vcov.slice(1).map((row) => row.slice(1));
  // Symmetrise: the sandwich product is symmetric only up to rounding, which Cholesky rejects.
  const V = new Matrix(raw.map((row, a) => row.map((v, b) => (v + ((raw[b] as number[])[a] as number)) / 2)));
  const chol = new CholeskyDecomposition(V);
  const L = chol.isPositiveDefinite() ? chol.lowerTriangularMatrix : Matrix.diag(eq.parents.map((pa) => pa.se));
  const mean = eq.parents.map((pa) => pa.coefficient);
  return () => {
    const z = mean.map(() => normalDraw(random));
    return mean.map((m, a) => m + z.reduce((s, zb, b) => s + L.get(a, b) * zb, 0));
  };
}

function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

function assertAcyclic(order: number[], directed: boolean[][]): void {
  const rank = new Map(order.map((v, r) => [v, r]));
  directed.forEach((row, i) => row.forEach((on, j) => {
    if (on && (rank.get(i) as number) > (rank.get(j) as number)) throw new EvidenceInputError('required', 'the stated edges form a cycle');
  }));
}
