// HiGHS compiled to WebAssembly (npm `highs`). Stronger MIP search than GLPK (cuts, heuristics);
// it also runs on Workers when given a pre-compiled module (see loadHighs).
import loadHighsModule, { type Highs, type InitOptions } from 'highs';
import type { LinearModel } from '../model';
import type { EngineOptions, EngineSolution, SolverEngine, SolveStatus } from './types';

function mapStatus(highs: Highs, code: number, hasPrimal: boolean): SolveStatus {
  const s = highs.constants.modelStatus;
  if (code === s.optimal) return 'optimal';
  if (code === s.infeasible) return 'infeasible';
  if (code === s.unbounded) return 'unbounded';
  if (code === s.unboundedOrInfeasible) return 'error';
  if (code === s.timeLimit || code === s.iterationLimit || code === s.interrupted || code === s.solutionLimit) {
    return hasPrimal ? 'feasible' : 'no_solution';
  }
  if (code === s.empty) return 'optimal';
  return 'error';
}

/** Compressed-sparse-row matrix of the model's rows. */
function toCsr(model: LinearModel): { starts: number[]; indices: number[]; values: number[] } {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of model.constraints) {
    for (const t of row.terms) {
      indices.push(t.v);
      values.push(t.c);
    }
    starts.push(indices.length);
  }
  return { starts, indices, values };
}

export function createHighsEngine(highs: Highs): SolverEngine {
  const inf = highs.infinity;
  const clamp = (x: number): number => (x === Infinity ? inf : x === -Infinity ? -inf : x);
  return {
    name: 'highs',
    solve(model: LinearModel, options: EngineOptions): EngineSolution {
      const n = model.variables.length;
      const m = model.constraints.length;
      const mip = model.variables.some((v) => v.kind !== 'continuous');
      const cost = new Float64Array(n);
      for (const t of model.objective.terms) cost[t.v] = (cost[t.v] ?? 0) + t.c;
      const model_ = highs.createModel();
      try {
        model_.options.set({ time_limit: options.timeLimit, mip_rel_gap: options.mipGap });
        model_.passModel({
          numCols: n,
          numRows: m,
          sense: model.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
          offset: model.objective.constant,
          colCost: cost,
          colLower: model.variables.map((v) => clamp(v.kind === 'binary' ? Math.max(0, v.lb) : v.lb)),
          colUpper: model.variables.map((v) => clamp(v.kind === 'binary' ? Math.min(1, v.ub) : v.ub)),
          rowLower: model.constraints.map((r) => clamp(r.lb)),
          rowUpper: model.constraints.map((r) => clamp(r.ub)),
          matrix: { format: 'csr', numRows: m, numCols: n, ...toCsr(model) },
          ...(mip ? { integrality: model.variables.map((v) => (v.kind === 'continuous' ? 0 : 1)) } : {}),
        });
        if (options.start && mip) model_.setSolution({ colValue: options.start });
        let run = model_.run();
        if (run.modelStatus === highs.constants.modelStatus.unboundedOrInfeasible) {
          // Presolve stopped short of telling which; the solver without presolve does.
          model_.options.set({ presolve: 'off' });
          run = model_.run();
        }
        const hasPrimal = Number(model_.info.get('primal_solution_status')) === 2;
        const status = mapStatus(highs, run.modelStatus, hasPrimal);
        if (status !== 'optimal' && status !== 'feasible') return { status, objective: null, values: null, rowActivity: null, duals: null };
        const sol = model_.getSolution();
        return {
          status,
          objective: model_.getObjectiveValue(),
          values: Array.from(sol.colValue),
          rowActivity: Array.from(sol.rowValue),
          duals: mip ? null : Array.from(sol.rowDual),
        };
      } finally {
        model_.dispose();
      }
    },
  };
}

let loading: Promise<SolverEngine> | undefined;

/**
 * Loads HiGHS once per process. On Workers pass `{ wasmModule }` (a statically imported highs.wasm),
 * since run-time WebAssembly compilation is forbidden there.
 */
export function loadHighs(init?: InitOptions): Promise<SolverEngine> {
  loading ??= loadHighsModule(init).then(createHighsEngine);
  return loading;
}
