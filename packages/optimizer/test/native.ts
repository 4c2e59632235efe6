// Native solvers (Debian glpk-utils' glpsol, coinor-cbc) for cross-checks in tests and the bench.
// Not part of the package: it spawns processes and writes temporary files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCplexLp } from '../src/lp-format';
import type { LinearModel } from '../src/model';

export interface NativeResult {
  readonly status: 'optimal' | 'feasible' | 'infeasible' | 'unknown';
  readonly objective: number | null;
  readonly ms: number;
}

export function hasBinary(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function withLpFile<T>(model: LinearModel, fn: (dir: string, lpPath: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'dyocense-opt-'));
  try {
    const lpPath = join(dir, 'model.lp');
    writeFileSync(lpPath, toCplexLp(model));
    return fn(dir, lpPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Solves with glpsol; `ms` is the wall time of the whole process (read, solve, write). */
export function solveWithGlpsol(model: LinearModel, opts: { mipGap?: number; timeLimit?: number } = {}): NativeResult {
  return withLpFile(model, (dir, lpPath) => {
    const solPath = join(dir, 'sol.txt');
    const args = ['--lp', lpPath, '-w', solPath, '--tmlim', String(Math.ceil(opts.timeLimit ?? 60))];
    if (opts.mipGap !== undefined) args.push('--mipgap', String(opts.mipGap));
    const t0 = performance.now();
    spawnSync('glpsol', args, { stdio: 'ignore' });
    const ms = performance.now() - t0;
    let text = '';
    try {
      text = readFileSync(solPath, 'utf8');
    } catch {
      return { status: 'unknown', objective: null, ms };
    }
    const line = text.split('\n').find((l) => l.startsWith('s '));
    const f = line?.trim().split(/\s+/) ?? [];
    // "s mip ROWS COLS STATUS OBJ" or "s bas ROWS COLS PRIM DUAL OBJ"
    const objective = Number(f[f.length - 1]) + model.objective.constant;
    const code = f[1] === 'mip' ? f[4] : f[4] === 'f' && f[5] === 'f' ? 'o' : f[4];
    // Like the library, glpsol marks a MIP stopped by --mipgap as merely feasible; before the time limit that is a proof.
    const stoppedByGap = f[1] === 'mip' && code === 'f' && (opts.mipGap ?? 0) > 0 && ms < (opts.timeLimit ?? 60) * 1000 * 0.98;
    const status = code === 'o' || stoppedByGap ? 'optimal' : code === 'f' ? 'feasible' : code === 'n' ? 'infeasible' : 'unknown';
    return { status, objective: status === 'optimal' || status === 'feasible' ? objective : null, ms };
  });
}

/** Solves with CBC; parses "Objective value:" from its log. */
export function solveWithCbc(model: LinearModel, opts: { mipGap?: number; timeLimit?: number } = {}): NativeResult {
  return withLpFile(model, (_dir, lpPath) => {
    const args = [lpPath, 'ratioGap', String(opts.mipGap ?? 0), 'sec', String(Math.ceil(opts.timeLimit ?? 60)), 'solve'];
    const t0 = performance.now();
    const run = spawnSync('cbc', args, { encoding: 'utf8' });
    const ms = performance.now() - t0;
    const log = run.stdout ?? '';
    const m = /Objective value:\s+(-?[\d.eE+-]+)/.exec(log);
    const status = /Result - Optimal solution found/.test(log) || /Optimal - objective value/.test(log)
      ? 'optimal'
      : /infeasible/i.test(log) ? 'infeasible' : m ? 'feasible' : 'unknown';
    return { status, objective: m?.[1] ? Number(m[1]) + model.objective.constant : null, ms };
  });
}
