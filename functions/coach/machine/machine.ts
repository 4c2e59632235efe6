import { checkNode } from './check';
import { classifyNode } from './classify';
import { composeNode } from './compose';
import type { CoachNode, NodeName } from './node';
import { persistNode } from './persist';
import { planNode } from './plan';
import { retrieveNode } from './retrieve';
import { runToolsNode } from './run-tools';
import type { TurnDeps, TurnState } from './state';

// The coach's state machine: classify → retrieve → plan → run_tools → compose → check → persist.
// Each node runs once per turn, in this order; its input, output and time are recorded.

export const nodes: Record<NodeName, CoachNode> = {
  classify: classifyNode,
  retrieve: retrieveNode,
  plan: planNode,
  run_tools: runToolsNode,
  compose: composeNode,
  check: checkNode,
  persist: persistNode,
};

export const transitions: Record<NodeName, NodeName | null> = {
  classify: 'retrieve',
  retrieve: 'plan',
  plan: 'run_tools',
  run_tools: 'compose',
  compose: 'check',
  check: 'persist',
  persist: null,
};

export class TurnAborted extends Error {
  override name = 'TurnAborted';
}

export async function runTurn(state: TurnState, deps: TurnDeps): Promise<TurnState> {
  let current: NodeName | null = 'classify';
  while (current) {
    if (deps.signal.aborted) throw new TurnAborted('the client went away');
    const node: CoachNode = nodes[current];
    await deps.emit({ event: 'status', data: { stage: node.name, message: node.status } });
    const started = performance.now();
    try {
      const { input, output } = await node.run(state, deps);
      state.executions.push({ node: node.name, status: 'ok', input, output, durationMs: round(performance.now() - started) });
    } catch (err) {
      state.executions.push({ node: node.name, status: 'error', input: null, output: { error: String((err as Error)?.message ?? err) }, durationMs: round(performance.now() - started) });
      throw err;
    }
    current = transitions[current];
  }
  return state;
}

const round = (ms: number) => Math.round(ms * 100) / 100;
