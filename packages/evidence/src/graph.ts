import { pcAlgorithm, type EdgeOrigin, type PcOptions } from './pc';
import { fitLinearSem, propagateIntervention, type InterventionEffect, type LinearSem } from './sem';
import { EvidenceInputError } from './errors';
import { assertFiniteSeries, column } from './validate';
import { fmt, fmtPercent, fmtSigned } from './format';
import { seededRandom, shuffled, DEFAULT_SEED } from './random';

export interface CausalEdge {
  from: string;
  to: string;
  origin: EdgeOrigin;
  /** Linear effect of one unit of `from` on `to`, holding `to`'s other causes fixed. */
  coefficient: number;
  se: number;
  pValue: number;
  /** Coefficient in standard-deviation units, for comparing edge strengths. */
  standardized: number;
  /** Share of random 80% subsets in which the link was found again (data-subset refutation). */
  stability: number;
}

export interface CausalGraph {
  variables: string[];
  edges: CausalEdge[];
  /** Pairs the data found unrelated once others are accounted for (e.g. a spurious correlation). */
  separations: { a: string; b: string; given: string[]; pValue: number }[];
  model: LinearSem;
  summary: string;
}

export interface LearnGraphOptions extends PcOptions {
  /** Metric names to include (columns of the rows), causes first when known. */
  variables: string[];
  /** Subsets re-learned to measure each edge's stability (default 20; 0 skips). */
  stabilityRuns?: number;
  seed?: number;
}

/** Learns a causal graph over the tenant's metrics (PC + owner knowledge) and fits a linear SEM on it. */
export function learnCausalGraph(rows: Record<string, number>[], opts: LearnGraphOptions): CausalGraph {
  const { variables } = opts;
  if (variables.length < 2) throw new EvidenceInputError('variables', 'needs at least two variables');
  if (new Set(variables).size !== variables.length) throw new EvidenceInputError('variables', 'names must be unique');
  if (rows.length < variables.length + 5) throw new EvidenceInputError('rows', `needs at least ${variables.length + 5} rows for ${variables.length} variables`);
  for (const [a, b] of [...(opts.required ?? []), ...(opts.forbidden ?? [])]) {
    if (!variables.includes(a) || !variables.includes(b) || a === b) throw new EvidenceInputError('required', `edge ${a} → ${b} names unknown or identical variables`);
  }
  assertOwnerEdgesConsistent(variables, opts.required ?? [], opts.forbidden ?? []);
  const columns = variables.map((v) => column(rows, v));
  columns.forEach((c, i) => {
    assertFiniteSeries(variables[i] as string, c, 2);
    if (c.every((v) => v === c[0])) throw new EvidenceInputError(variables[i] as string, 'is constant');
  });
  const pc = pcAlgorithm(variables, columns, opts);
  const model = fitLinearSem(variables, columns, pc.edges);
  const stability = edgeStability(variables, columns, opts);
  const sd = new Map(variables.map((v, i) => [v, stdev(columns[i] as number[])]));
  const edges = pc.edges.map((e): CausalEdge => {
    const parent = model.equations.get(e.to)?.parents.find((pa) => pa.name === e.from);
    if (!parent) throw new Error(`edge ${e.from} → ${e.to} missing from the model`);
    return {
      ...e, coefficient: parent.coefficient, se: parent.se, pValue: parent.pValue,
      standardized: (parent.coefficient * (sd.get(e.from) as number)) / (sd.get(e.to) as number),
      stability: stability(e.from, e.to),
    };
  });
  return { variables, edges, separations: pc.separations, model, summary: describeGraph(edges, pc.separations) };
}

export interface SimulationOptions {
  /** Relative change of the intervened variable, e.g. 0.2 for +20%; or give `delta`. */
  change?: number;
  delta?: number;
  draws?: number;
  seed?: number;
}

export interface SimulationResult {
  variable: string;
  delta: number;
  effects: InterventionEffect[];
  summary: string;
}

/** What-if: set `variable` to its average plus a change and propagate along the graph. */
export function simulate(graph: CausalGraph, variable: string, opts: SimulationOptions): SimulationResult {
  const eq = graph.model.equations.get(variable);
  if (!eq) throw new EvidenceInputError('variable', `unknown variable "${variable}"`);
  if ((opts.change === undefined) === (opts.delta === undefined)) throw new EvidenceInputError('change', 'give exactly one of change (relative) or delta (absolute)');
  const delta = opts.delta ?? (opts.change as number) * eq.mean;
  if (!Number.isFinite(delta)) throw new EvidenceInputError('change', 'must be a finite number');
  const effects = propagateIntervention(graph.model, variable, delta, opts);
  const what = opts.change !== undefined ? `${variable} ${fmtPercent(opts.change)}` : `${variable} ${fmtSigned(delta)}`;
  const summary = effects.length === 0
    ? `According to the learned graph, changing ${variable} does not affect any other tracked metric.`
    : `If ${what} (from ${fmt(eq.mean)} to ${fmt(eq.mean + delta)}): ` + effects.map((e) =>
      `${e.variable} ${fmtSigned(e.effect)} (${fmtPercent(e.relativeEffect)}, 95% interval ${fmtSigned(e.ci[0])} to ${fmtSigned(e.ci[1])})`).join('; ') +
      '. This assumes the graph and linear relationships hold at the new level.';
  return { variable, delta, effects, summary };
}

function describeGraph(edges: CausalEdge[], separations: CausalGraph['separations']): string {
  const strong = edges.filter((e) => e.pValue < 0.05).sort((a, b) => Math.abs(b.standardized) - Math.abs(a.standardized));
  const parts = [`Found ${edges.length} direct link${edges.length === 1 ? '' : 's'}.`];
  if (strong.length) parts.push(`Strongest: ${strong.slice(0, 3).map((e) => `${e.from} → ${e.to} (${fmtSigned(e.coefficient)} per unit)`).join(', ')}.`);
  const unstable = edges.filter((e) => e.stability < 0.6);
  if (unstable.length) parts.push(`Fragile: ${unstable.slice(0, 3).map((e) => `${e.from} → ${e.to} reappeared in only ${Math.round(e.stability * 100)}% of data subsets`).join(', ')}.`);
  else if (edges.length && edges.every((e) => Number.isFinite(e.stability))) parts.push('Every link reappeared in at least 60% of random data subsets.');
  const assumed = edges.filter((e) => e.origin === 'assumed').length;
  if (assumed === 1) parts.push('1 direction was not identifiable from the data and follows the listed order; state it to fix it.');
  if (assumed > 1) parts.push(`${assumed} directions were not identifiable from the data and follow the listed order; state them to fix them.`);
  const spurious = separations.filter((s) => s.given.length > 0);
  if (spurious.length) parts.push(`Not causal: ${spurious.slice(0, 3).map((s) => `${s.a} and ${s.b} move together only through ${s.given.join(', ')}`).join('; ')}.`);
  return parts.join(' ');
}

/** Re-learns the skeleton on random 80% subsets; returns how often each pair stayed linked. */
function edgeStability(variables: string[], columns: number[][], opts: LearnGraphOptions): (a: string, b: string) => number {
  const runs = opts.stabilityRuns ?? 20;
  if (runs === 0) return () => Number.NaN;
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const n = columns[0]?.length ?? 0;
  const counts = new Map<string, number>();
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (let r = 0; r < runs; r++) {
    const keep = shuffled(Array.from({ length: n }, (_, i) => i), random).slice(0, Math.round(n * 0.8));
    const sub = columns.map((c) => keep.map((i) => c[i] as number));
    for (const e of pcAlgorithm(variables, sub, opts).edges) counts.set(key(e.from, e.to), (counts.get(key(e.from, e.to)) ?? 0) + 1);
  }
  return (a, b) => (counts.get(key(a, b)) ?? 0) / runs;
}

function assertOwnerEdgesConsistent(variables: string[], required: [string, string][], forbidden: [string, string][]): void {
  const forbiddenKeys = new Set(forbidden.map(([a, b]) => `${a}>${b}`));
  for (const [a, b] of required) {
    if (forbiddenKeys.has(`${a}>${b}`)) throw new EvidenceInputError('required', `${a} → ${b} is both required and forbidden`);
  }
  // Depth-first search for a cycle among the required edges.
  const children = new Map(variables.map((v) => [v, required.filter(([a]) => a === v).map(([, b]) => b)]));
  const state = new Map<string, 'open' | 'done'>();
  const visit = (v: string): void => {
    if (state.get(v) === 'done') return;
    if (state.get(v) === 'open') throw new EvidenceInputError('required', `the stated edges form a cycle through ${v}`);
    state.set(v, 'open');
    for (const c of children.get(v) ?? []) visit(c);
    state.set(v, 'done');
  };
  variables.forEach(visit);
}

function stdev(values: number[]): number {
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}
