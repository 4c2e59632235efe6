// glpk.js (GLPK 5 compiled to WebAssembly). The `glpk.js/node` entry is the synchronous Node build;
// the package's default entry is a browser Web-Worker build. It cannot load on Workers (run-time wasm compile).
import type loadGlpkModule from 'glpk.js/node';
import type { LinearModel } from '../model';
import type { EngineOptions, EngineSolution, SolverEngine, SolveStatus } from './types';

type Glpk = Awaited<ReturnType<typeof loadGlpkModule>>;
type GlpkLp = Parameters<Glpk['solve']>[0];

// GLPK bound types and statuses (glpk.h); the loaded object exposes them too, but the values are fixed.
const GLP_FR = 1, GLP_LO = 2, GLP_UP = 3, GLP_DB = 4, GLP_FX = 5;
const GLP_UNDEF = 1, GLP_FEAS = 2, GLP_INFEAS = 3, GLP_NOFEAS = 4, GLP_OPT = 5, GLP_UNBND = 6;

function boundType(lb: number, ub: number): number {
  const hasLb = Number.isFinite(lb);
  const hasUb = Number.isFinite(ub);
  if (hasLb && hasUb) return lb === ub ? GLP_FX : GLP_DB;
  if (hasLb) return GLP_LO;
  if (hasUb) return GLP_UP;
  return GLP_FR;
}

const colName = (i: number): string => `x${i}`;
const rowName = (i: number): string => `r${i}`;

/** Translates the model into glpk.js's JSON problem (internal names x<i>, r<i>: any user name is safe). */
export function toGlpkProblem(model: LinearModel): GlpkLp {
  const generals: string[] = [];
  model.variables.forEach((v, i) => {
    if (v.kind !== 'continuous') generals.push(colName(i));
  });
  return {
    name: 'model',
    objective: {
      direction: model.sense === 'max' ? 2 : 1,
      name: 'obj',
      vars: model.objective.terms.map((t) => ({ name: colName(t.v), coef: t.c })),
    },
    subjectTo: model.constraints.map((row, i) => ({
      name: rowName(i),
      vars: row.terms.map((t) => ({ name: colName(t.v), coef: t.c })),
      bnds: { type: boundType(row.lb, row.ub), lb: finiteOr0(row.lb), ub: finiteOr0(row.ub) },
    })),
    // Every column is listed so that columns absent from rows and objective still exist.
    bounds: model.variables.map((v, i) => {
      const lb = v.kind === 'binary' ? Math.max(0, v.lb) : v.lb;
      const ub = v.kind === 'binary' ? Math.min(1, v.ub) : v.ub;
      return { name: colName(i), type: boundType(lb, ub), lb: finiteOr0(lb), ub: finiteOr0(ub) };
    }),
    generals,
  };
}

function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

function mapStatus(code: number, mip: boolean, hitTimeLimit: boolean): SolveStatus {
  switch (code) {
    case GLP_OPT:
      return 'optimal';
    case GLP_FEAS:
      // GLPK also reports FEAS when it stops because the gap fell below mipgap: that is a proven result.
      return mip && !hitTimeLimit ? 'optimal' : 'feasible';
    case GLP_NOFEAS:
    case GLP_INFEAS:
      return 'infeasible';
    case GLP_UNBND:
      return 'unbounded';
    case GLP_UNDEF:
      // The MIP presolver reports a proven-empty problem as UNDEF; so does a time limit hit before any solution.
      return mip && !hitTimeLimit ? 'infeasible' : 'no_solution';
    default:
      return 'error';
  }
}

export function createGlpkEngine(glpk: Glpk): SolverEngine {
  return {
    name: 'glpk',
    solve(model: LinearModel, options: EngineOptions): EngineSolution {
      const mip = model.variables.some((v) => v.kind !== 'continuous');
      const started = performance.now();
      const problem = toGlpkProblem(model);
      const run = (presol: boolean) => glpk.solve(problem, { msglev: 0, tmlim: options.timeLimit, mipgap: options.mipGap, presol, rows: true }).result;
      let out = run(true);
      // The LP presolver reports infeasible and unbounded alike as UNDEF: solve again without it to tell them apart.
      if (!mip && out.status === GLP_UNDEF) out = run(false);
      const seconds = (performance.now() - started) / 1000;
      const status = mapStatus(out.status, mip, seconds >= options.timeLimit * 0.98);
      if (status !== 'optimal' && status !== 'feasible') {
        // An UNDEF MIP comes from the presolver, which also says UNDEF for an unbounded relaxation.
        const detail = mip && out.status === GLP_UNDEF ? 'presolver' : undefined;
        return { status, objective: null, values: null, rowActivity: null, duals: null, ...(detail ? { detail } : {}) };
      }
      const values = model.variables.map((_, i) => out.vars[colName(i)] ?? 0);
      const rowActivity = model.constraints.map((row, i) => {
        const reported = out.rows?.[rowName(i)];
        if (reported !== undefined) return reported;
        let s = 0;
        for (const t of row.terms) s += t.c * (values[t.v] ?? 0);
        return s;
      });
      const duals = !mip && out.dual ? model.constraints.map((_, i) => out.dual?.[rowName(i)] ?? 0) : null;
      return { status, objective: out.z + model.objective.constant, values, rowActivity, duals };
    },
  };
}

let loading: Promise<SolverEngine> | undefined;

/** Loads glpk.js once per process; imported lazily so that runtimes where it cannot load never evaluate it. */
export function loadGlpk(): Promise<SolverEngine> {
  loading ??= import('glpk.js/node').then((m) => m.default()).then(createGlpkEngine);
  return loading;
}
