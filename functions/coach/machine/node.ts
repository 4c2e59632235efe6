import type { TurnDeps, TurnState } from './state';

export type NodeName = 'classify' | 'retrieve' | 'plan' | 'run_tools' | 'compose' | 'check' | 'persist';

/**
 * One step of a turn. It reads and updates the turn's state and says what it took in and what
 * it gave out (kept in agent_executions, so every answer can be traced step by step).
 */
export interface CoachNode {
  name: NodeName;
  /** Shown to the owner while the step runs. */
  status: string;
  run(state: TurnState, deps: TurnDeps): Promise<{ input: unknown; output: unknown }>;
}
