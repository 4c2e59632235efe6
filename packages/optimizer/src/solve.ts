import { checkModel } from './check-model';
import { loadGlpk } from './engines/glpk';
import { loadHighs } from './engines/highs';
import type { EngineName, EngineSolution, SolveStatus, SolverEngine } from './engines/types';
import { isMip, type LinearModel } from './model';

export interface SolveOptions {
  /** 'auto' applies the selection rule below; naming an engine forces it. */
  readonly engine?: 'auto' | EngineName;
  /** Total wall-clock budget in seconds (default 10). */
  readonly timeLimit?: number;
  /** Relative MIP gap at which a MIP counts as solved (default 1e-4; both engines get the same value). */
  readonly mipGap?: number;
  /** 'auto' only: seconds glpk.js may spend on a MIP before HiGHS takes over (default SELECTION.glpkMipBudget). */
  readonly glpkBudget?: number;
  /**
   * A MIP solution found by a model's own heuristic. If it is feasible and within mipGap of the LP
   * relaxation's bound, it is returned as proven optimal without branch and bound; otherwise it seeds HiGHS.
   */
  readonly incumbent?: readonly number[];
}

export interface SolveAttempt {
  readonly engine: EngineName;
  readonly status: SolveStatus;
  readonly ms: number;
}

export interface ModelSolution {
  readonly status: SolveStatus;
  /** True only when the engine proved optimality (within mipGap). */
  readonly proven: boolean;
  readonly objective: number | null;
  /** By variable index. */
  readonly values: number[] | null;
  /** By constraint index: Σ c·x. */
  readonly rowActivity: number[] | null;
  /** LP only, by constraint index: objective change per unit increase of the row's bound (shadow price). */
  readonly duals: number[] | null;
  /** LP only, by variable index: objective change per unit increase of the variable. */
  readonly reducedCosts: number[] | null;
  /** Indices of constraints holding with equality at the solution. */
  readonly binding: number[];
  readonly engine: EngineName | null;
  readonly attempts: SolveAttempt[];
  readonly ms: number;
  /** Best bound on the objective when the solve established one (LP relaxation of a certified incumbent). */
  readonly bound?: number;
}

/**
 * The measured selection rule (see README): glpk.js solves LPs and small MIPs fastest; its branch and bound
 * has no cuts, so a MIP it cannot prove within a short budget goes to HiGHS with the time that is left.
 */
export const SELECTION = {
  /** Models with more rows + columns than this go straight to HiGHS (glpk.js's simplex slows down first). */
  glpkMaxSize: 2_500,
  /** Seconds glpk.js may spend on a MIP before HiGHS takes over. */
  glpkMipBudget: 0.25,
} as const;

// HiGHS's own default gap; GLPK gets the same so that both engines stop at the same point.
const DEFAULTS = { timeLimit: 10, mipGap: 1e-4 };

async function loadEngine(name: EngineName): Promise<SolverEngine> {
  return name === 'glpk' ? loadGlpk() : loadHighs();
}

/** glpk.js cannot load where run-time WebAssembly compilation is forbidden (Workers); HiGHS then does everything. */
async function glpkOrNull(): Promise<SolverEngine | null> {
  try {
    return await loadGlpk();
  } catch {
    return null;
  }
}

function isFinal(s: SolveStatus): boolean {
  return s === 'optimal' || s === 'infeasible' || s === 'unbounded';
}

/** Solves a model built with the modelling layer. Throws OptimizerInputError for a malformed model. */
export async function solveModel(model: LinearModel, options: SolveOptions = {}): Promise<ModelSolution> {
  checkModel(model);
  const timeLimit = options.timeLimit ?? DEFAULTS.timeLimit;
  const mipGap = options.mipGap ?? DEFAULTS.mipGap;
  const engine = options.engine ?? 'auto';
  const started = performance.now();
  const attempts: SolveAttempt[] = [];
  const remaining = (): number => Math.max(0.05, timeLimit - (performance.now() - started) / 1000);
  const start = options.incumbent;

  const run = (solver: SolverEngine, limit: number): EngineSolution => {
    const t0 = performance.now();
    const out = solver.solve(model, { timeLimit: limit, mipGap, ...(start ? { start } : {}) });
    attempts.push({ engine: solver.name, status: out.status, ms: performance.now() - t0 });
    return out;
  };

  if (model.variables.length === 0) return emptyModel(model, performance.now() - started);

  let best: { solution: EngineSolution; engine: EngineName | null } | null = null;
  const consider = (solution: EngineSolution, name: EngineName | null): void => {
    if (best === null || better(model, solution, best.solution)) best = { solution, engine: name };
  };

  if (start && isMip(model)) {
    const certified = await certifyIncumbent(model, start, { engine, timeLimit, mipGap });
    attempts.push(...certified.attempts);
    if (certified.solution) return { ...finish(model, certified.solution, certified.engine, attempts, performance.now() - started), bound: certified.bound };
    // Not proven, but a plan all the same: the engines below must beat it.
    if (certified.fallback) consider(certified.fallback, null);
  }

  if (engine !== 'auto') {
    consider(run(await loadEngine(engine), remaining()), engine);
  } else {
    const mip = isMip(model);
    const small = model.variables.length + model.constraints.length <= SELECTION.glpkMaxSize;
    const glpk = small ? await glpkOrNull() : null;
    if (glpk) {
      const first = run(glpk, mip ? Math.min(options.glpkBudget ?? SELECTION.glpkMipBudget, remaining()) : remaining());
      consider(first, 'glpk');
      // glpk.js's MIP presolver cannot tell infeasible from unbounded: let HiGHS confirm.
      const unsure = first.detail === 'presolver';
      if (mip && (!isFinal(first.status) || unsure)) consider(run(await loadHighs(), remaining()), 'highs');
    } else {
      consider(run(await loadHighs(), remaining()), 'highs');
    }
  }
  const chosen = best as { solution: EngineSolution; engine: EngineName | null } | null;
  return finish(model, chosen?.solution ?? null, chosen?.engine ?? null, attempts, performance.now() - started);
}

const RANK: Record<SolveStatus, number> = { optimal: 5, infeasible: 4, unbounded: 4, feasible: 3, no_solution: 1, error: 0 };

function better(model: LinearModel, a: EngineSolution, b: EngineSolution): boolean {
  if (b.detail === 'presolver') return a.status !== 'error';
  if (RANK[a.status] !== RANK[b.status]) return RANK[a.status] > RANK[b.status];
  if (a.objective === null || b.objective === null) return false;
  return model.sense === 'min' ? a.objective < b.objective : a.objective > b.objective;
}

function finish(
  model: LinearModel,
  solution: EngineSolution | null,
  engine: EngineName | null,
  attempts: SolveAttempt[],
  ms: number,
): ModelSolution {
  if (!solution) {
    return { status: 'error', proven: false, objective: null, values: null, rowActivity: null, duals: null, reducedCosts: null, binding: [], engine, attempts, ms };
  }
  const { status, objective, rowActivity, duals } = solution;
  const values = solution.values ? cleanIntegers(model, solution.values) : null;
  return {
    status,
    proven: status === 'optimal',
    objective,
    values,
    rowActivity,
    duals,
    reducedCosts: duals && values ? reducedCosts(model, duals) : null,
    binding: rowActivity ? bindingRows(model, rowActivity) : [],
    engine,
    attempts,
    ms,
  };
}

/** Integer columns come back as 2.9999999997 or -0 from floating-point engines; report the integer. */
function cleanIntegers(model: LinearModel, values: readonly number[]): number[] {
  return values.map((x, j) => {
    const r = Math.round(x);
    return (model.variables[j]?.kind !== 'continuous' && Math.abs(x - r) < 1e-6 ? r : x) + 0;
  });
}

/** d_j = c_j − Σ_i a_ij·y_i, in the same "objective change per unit" convention as the duals. */
function reducedCosts(model: LinearModel, duals: readonly number[]): number[] {
  const d = new Array<number>(model.variables.length).fill(0);
  for (const t of model.objective.terms) d[t.v] = (d[t.v] ?? 0) + t.c;
  model.constraints.forEach((row, i) => {
    const y = duals[i] ?? 0;
    if (y === 0) return;
    for (const t of row.terms) d[t.v] = (d[t.v] ?? 0) - t.c * y;
  });
  return d;
}

function bindingRows(model: LinearModel, activity: readonly number[]): number[] {
  const out: number[] = [];
  model.constraints.forEach((row, i) => {
    const a = activity[i] ?? 0;
    const tol = 1e-6 * Math.max(1, Math.abs(a));
    if ((Number.isFinite(row.ub) && Math.abs(a - row.ub) <= tol) || (Number.isFinite(row.lb) && Math.abs(a - row.lb) <= tol)) out.push(i);
  });
  return out;
}

/** Σ c·x per row, and whether x meets every bound, integrality and row (tolerance 1e-6, scaled). */
function checkPoint(model: LinearModel, x: readonly number[]): { feasible: boolean; activity: number[] } {
  const tol = (v: number): number => 1e-6 * Math.max(1, Math.abs(v));
  let feasible = x.length === model.variables.length;
  model.variables.forEach((v, j) => {
    const value = x[j] ?? NaN;
    if (!(value >= v.lb - tol(v.lb) && value <= v.ub + tol(v.ub))) feasible = false;
    if (v.kind !== 'continuous' && Math.abs(value - Math.round(value)) > 1e-6) feasible = false;
  });
  const activity = model.constraints.map((row) => {
    let a = 0;
    for (const t of row.terms) a += t.c * (x[t.v] ?? 0);
    if (a < row.lb - tol(row.lb) || a > row.ub + tol(row.ub)) feasible = false;
    return a;
  });
  return { feasible, activity };
}

/** The incumbent is optimal within mipGap if the LP relaxation's bound is that close. */
async function certifyIncumbent(
  model: LinearModel,
  incumbent: readonly number[],
  options: { engine: 'auto' | EngineName; timeLimit: number; mipGap: number },
): Promise<{ solution: EngineSolution | null; fallback?: EngineSolution; engine: EngineName | null; attempts: SolveAttempt[]; bound?: number }> {
  const point = checkPoint(model, incumbent);
  if (!point.feasible) return { solution: null, engine: null, attempts: [] };
  const objective = model.objective.constant + model.objective.terms.reduce((s, t) => s + t.c * (incumbent[t.v] ?? 0), 0);
  const plan: EngineSolution = { status: 'feasible', objective, values: [...incumbent], rowActivity: point.activity, duals: null };
  const lp = await solveModel(relaxedOf(model), { engine: options.engine, timeLimit: options.timeLimit });
  const attempts = lp.attempts;
  if (lp.status !== 'optimal' || lp.objective === null) return { solution: null, fallback: plan, engine: null, attempts };
  const bound = lp.objective;
  const gap = (model.sense === 'min' ? objective - bound : bound - objective) / Math.max(1e-9, Math.abs(objective));
  if (gap > options.mipGap) return { solution: null, fallback: plan, engine: null, attempts, bound };
  return { solution: { ...plan, status: 'optimal' }, engine: lp.engine, attempts, bound };
}

function relaxedOf(model: LinearModel): LinearModel {
  return { ...model, variables: model.variables.map((v) => ({ ...v, kind: 'continuous' as const })) };
}

/** Nothing to decide (e.g. no staff needed all week): the rows either hold at zero or cannot. */
function emptyModel(model: LinearModel, ms: number): ModelSolution {
  const ok = model.constraints.every((row) => row.lb <= 1e-9 && row.ub >= -1e-9);
  const solution: EngineSolution = ok
    ? { status: 'optimal', objective: model.objective.constant, values: [], rowActivity: model.constraints.map(() => 0), duals: model.constraints.map(() => 0) }
    : { status: 'infeasible', objective: null, values: null, rowActivity: null, duals: null };
  return finish(model, solution, null, [], ms);
}
