import type { Runtime } from '@dyocense/core';
import type { ToolCard, ToolSpec } from '@dyocense/llm';
import type { z } from 'zod';

/** What a tool may use: the runtime (database, job dispatcher), who asks, and when. */
export interface ToolContext {
  runtime: Runtime;
  tenantId: string;
  userId: string;
  now: Date;
  /** Results of the plan's earlier calls, by tool name (e.g. the forecast a staffing plan needs). */
  earlier: Map<string, ToolOutput>;
}

export interface ToolOutput {
  cards: ToolCard[];
  /** Structured values later calls of the same plan may build on. */
  data?: Record<string, unknown>;
}

export interface CoachTool<A> {
  name: string;
  /** Told to models choosing tools, and in the OpenAPI description. */
  description: string;
  args: z.ZodType<A>;
  /** JSON Schema of args for models. */
  parameters: ToolSpec['parameters'];
  run(ctx: ToolContext, args: A): Promise<ToolOutput>;
}

/** A tool could not answer with what the business has: a plain sentence for the owner, not a crash. */
export class ToolRefusal extends Error {
  override name = 'ToolRefusal';
}
