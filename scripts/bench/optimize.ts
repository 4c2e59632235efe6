// `npm run bench -- optimize`: solve times of the optimizer's typical instances on glpk.js, HiGHS and the
// automatic rule, next to native glpsol on the same model (written as CPLEX LP) in the same run.
import {
  buildBudgetModel,
  buildInventoryModel,
  buildPricingModel,
  buildStaffingModel,
  solveBudget,
  solveInventory,
  solveModel,
  solvePricing,
  solveStaffing,
  type LinearModel,
  type ModelSolution,
} from '@dyocense/optimizer';
import {
  budgetInstance,
  inventoryInstance,
  pricingInstance,
  staffingWeekNamed,
  staffingWeekRequired,
} from '../../packages/optimizer/test/instances';
import { hasBinary, solveWithGlpsol, type NativeResult } from '../../packages/optimizer/test/native';

interface Instance {
  readonly name: string;
  readonly target: number;
  readonly model: LinearModel;
  readonly mipGap: number;
  /** The public entry point, end to end (validation, solve, duals, the plan for the average, explanation). */
  readonly entry: () => Promise<unknown>;
}

const TIME_LIMIT = 10;
const DEFAULT_GAP = 1e-4;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Runs until 5 samples or ~3 s of samples, whichever comes first (slow solves get one sample). */
async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; last: T; runs: number }> {
  const samples: number[] = [];
  let last: T | undefined;
  while (samples.length < 5 && samples.reduce((a, b) => a + b, 0) < 3000) {
    const t0 = performance.now();
    last = await fn();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), last: last as T, runs: samples.length };
}

function size(model: LinearModel): string {
  const ints = model.variables.filter((v) => v.kind !== 'continuous').length;
  return `${model.variables.length} cols (${ints} int), ${model.constraints.length} rows`;
}

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const mark = (s: ModelSolution): string => (s.status === 'optimal' ? '' : ` [${s.status}]`);
const nativeMark = (n: NativeResult): string => (n.status === 'optimal' ? '' : ` [${n.status}]`);

function instances(): Instance[] {
  const staffing = { roles: [{ id: 'crew', name: 'Crew', hourlyCost: 18, demand: { required: staffingWeekRequired(30) } }], shifts: { lengths: [4, 6, 8] } };
  const named = staffingWeekNamed();
  const inventory = inventoryInstance(300, 7);
  const budget = budgetInstance(40, 5);
  const pricing = pricingInstance(60, 4);
  return [
    { name: 'staffing week, counts (168 h, 3 lengths, peak 30 staff)', target: 500, model: buildStaffingModel(staffing), mipGap: DEFAULT_GAP, entry: () => solveStaffing(staffing) },
    { name: 'staffing week, 30 named staff, 2 roles', target: 5000, model: buildStaffingModel(named), mipGap: DEFAULT_GAP, entry: () => solveStaffing(named) },
    { name: 'inventory, 300 SKUs, 20 scenarios, 12 suppliers', target: 1000, model: buildInventoryModel(inventory).model, mipGap: DEFAULT_GAP, entry: () => solveInventory(inventory) },
    { name: 'budget, 40 channels × 7 segments', target: 5000, model: buildBudgetModel(budget), mipGap: DEFAULT_GAP, entry: () => solveBudget(budget) },
    { name: 'pricing, 60 products × 9 prices, ladders', target: 5000, model: buildPricingModel(pricing), mipGap: DEFAULT_GAP, entry: () => solvePricing(pricing) },
  ];
}

export default async function run(): Promise<void> {
  const native = hasBinary('glpsol');
  console.log(`optimizer bench: median of up to 5 runs; MIP gap ${DEFAULT_GAP} on every solver; time limit ${TIME_LIMIT} s`);
  if (!native) console.log('glpsol not found (apt-get install glpk-utils): native column skipped');
  // Load both engines once so that no row pays for WebAssembly compilation.
  const warm = instances()[3];
  if (warm) await Promise.all([solveModel(warm.model, { engine: 'glpk' }), solveModel(warm.model, { engine: 'highs' })]);

  for (const inst of instances()) {
    const opts = { timeLimit: TIME_LIMIT, mipGap: inst.mipGap };
    const glpk = await timed(() => solveModel(inst.model, { ...opts, engine: 'glpk' }));
    const highs = await timed(() => solveModel(inst.model, { ...opts, engine: 'highs' }));
    const auto = await timed(() => solveModel(inst.model, opts));
    const entry = await timed(inst.entry);
    const glpsol = native ? await timed(() => solveWithGlpsol(inst.model, { mipGap: inst.mipGap, timeLimit: TIME_LIMIT })) : null;
    const ratio = (ms: number): string => (glpsol ? ` (${(ms / glpsol.ms).toFixed(2)}× glpsol)` : '');
    const ok = auto.last.status === 'optimal' && entry.ms < inst.target;
    console.log(`\n${inst.name} — ${size(inst.model)}`);
    console.log(`  glpk.js  ${fmt(glpk.ms)}${mark(glpk.last)}${ratio(glpk.ms)}  objective ${glpk.last.objective?.toFixed(4) ?? '-'}`);
    console.log(`  HiGHS    ${fmt(highs.ms)}${mark(highs.last)}${ratio(highs.ms)}  objective ${highs.last.objective?.toFixed(4) ?? '-'}`);
    if (glpsol) console.log(`  glpsol   ${fmt(glpsol.ms)}${nativeMark(glpsol.last)} (process wall time)  objective ${glpsol.last.objective?.toFixed(4) ?? '-'}`);
    console.log(`  auto     ${fmt(auto.ms)}${mark(auto.last)} via ${auto.last.attempts.map((a) => `${a.engine} ${fmt(a.ms)} ${a.status}`).join(' → ')}${ratio(auto.ms)}`);
    console.log(`  entry point end to end ${fmt(entry.ms)} (validation, model heuristics, duals, plan for the average); target < ${fmt(inst.target)}: ${ok ? 'met' : 'MISSED'}`);
  }
}
