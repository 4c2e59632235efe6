// What-ifs on a stored graph's structural model: cheap (a few thousand coefficient draws), so
// they run in the request, on the same engine the graph was learned with.
import { simulate, type CausalGraph, type SimulationResult, type StoredModel } from '@dyocense/evidence';

/** "+20%" → relative 0.2; "-150" → absolute −150 (the metric's unit per day). */
export const parseChange = (text: string) => (text.endsWith('%') ? { relative: Number(text.slice(0, -1)) / 100 } : { absolute: Number(text) });

export function simulateOnModel(model: StoredModel, variable: string, change: { relative?: number; absolute?: number }, seed = 11): SimulationResult {
  const graph: CausalGraph = {
    variables: model.order,
    edges: [],
    separations: [],
    model: { order: model.order, equations: new Map(model.equations.map((e) => [e.variable, e])) },
    summary: '',
  };
  return simulate(graph, variable, { ...(change.relative !== undefined ? { change: change.relative } : { delta: change.absolute }), seed, draws: 2000 });
}
