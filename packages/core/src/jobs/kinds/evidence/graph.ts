// The causal graph over a tenant's daily metrics, learned and returned as plain JSON (the fitted
// model included, so what-ifs need no re-learning).
import { learnCausalGraph, type CausalGraph, type StoredModel } from '@dyocense/evidence';
import type { DailyValues } from './series';

export interface GraphInput {
  dates: string[];
  series: { name: string; values: DailyValues }[];
  required: [string, string][];
  forbidden: [string, string][];
}

export interface GraphResult {
  variables: string[];
  days: number;
  edges: { from: string; to: string; origin: string; coefficient: number; se: number; pValue: number; standardized: number; stability: number | null }[];
  separations: CausalGraph['separations'];
  model: StoredModel;
  summary: string;
}

export function learnGraph(input: GraphInput): GraphResult {
  // Only days on which every metric has a value: partial correlations need complete rows.
  const rows: Record<string, number>[] = [];
  input.dates.forEach((_, t) => {
    const row: Record<string, number> = {};
    for (const s of input.series) {
      const v = s.values[t];
      if (v == null) return;
      row[s.name] = v;
    }
    rows.push(row);
  });
  const graph = learnCausalGraph(rows, {
    variables: input.series.map((s) => s.name),
    required: input.required,
    forbidden: input.forbidden,
    stabilityRuns: 20,
  });
  return {
    variables: graph.variables,
    days: rows.length,
    edges: graph.edges.map((e) => ({ ...e, stability: Number.isFinite(e.stability) ? e.stability : null })),
    separations: graph.separations,
    model: { order: graph.model.order, equations: graph.model.order.map((v) => graph.model.equations.get(v)!) },
    summary: graph.summary,
  };
}
