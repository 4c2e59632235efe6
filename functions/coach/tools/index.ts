import type { ToolSpec } from '@dyocense/llm';
import type { CoachTool } from './context';
import { explainChangeTool } from './explain-change';
import { forecastTool } from './forecast';
import { goalPlannerTool } from './goal-planner';
import { goalProgressTool } from './goal-progress';
import { metricsQueryTool } from './metrics-query';
import { reorderTool } from './reorder';
import { staffingTool } from './staffing';

/** Every tool the coach can call, by name. */
export const tools = new Map<string, CoachTool<any>>(
  [explainChangeTool, forecastTool, staffingTool, reorderTool, goalProgressTool, goalPlannerTool, metricsQueryTool].map((t) => [t.name, t]),
);

export const toolSpecs: ToolSpec[] = [...tools.values()].map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));

export type { CoachTool, ToolContext, ToolOutput } from './context';
export { ToolRefusal } from './context';
