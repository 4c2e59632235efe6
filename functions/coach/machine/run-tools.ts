import type { ToolContext, ToolOutput } from '../tools';
import { tools, ToolRefusal } from '../tools';
import type { CoachNode } from './node';

/**
 * Run tools: each planned call in order, through the engines' job kinds. A tool that cannot
 * answer (no data, an engine refusing) is reported and the others still run.
 */
export const runToolsNode: CoachNode = {
  name: 'run_tools',
  status: 'Running the numbers',
  async run(state, deps) {
    const ctx: ToolContext = { runtime: deps.runtime, tenantId: deps.tenantId, userId: deps.userId, now: deps.now, earlier: new Map<string, ToolOutput>() };
    const timings: { tool: string; ms: number; ok: boolean }[] = [];
    for (const call of state.plan) {
      if (deps.signal.aborted) break;
      const tool = tools.get(call.tool)!;
      const started = performance.now();
      await deps.emit({ event: 'tool', data: { tool: call.tool, status: 'running', args: call.args } });
      try {
        const out = await tool.run(ctx, tool.args.parse(call.args));
        ctx.earlier.set(call.tool, out);
        // A card already shown (the forecast a staffing plan re-read) is not repeated.
        const fresh = out.cards.filter((card) => !state.cards.some((c) => c.citation.id === card.citation.id));
        state.cards.push(...fresh);
        const ms = Math.round(performance.now() - started);
        timings.push({ tool: call.tool, ms, ok: true });
        await deps.emit({ event: 'tool', data: { tool: call.tool, status: 'done', cards: fresh, ms } });
      } catch (err) {
        const message = err instanceof ToolRefusal ? err.message : 'This analysis failed unexpectedly; the other results still stand.';
        if (!(err instanceof ToolRefusal)) deps.runtime.log.error('coach tool failed', { tool: call.tool, error: String((err as Error)?.stack ?? err) });
        state.toolProblems.push({ tool: call.tool, message });
        const ms = Math.round(performance.now() - started);
        timings.push({ tool: call.tool, ms, ok: false });
        await deps.emit({ event: 'tool', data: { tool: call.tool, status: 'failed', message, ms } });
      }
    }
    return {
      input: { calls: state.plan },
      output: { timings, citations: state.cards.map((c) => c.citation), problems: state.toolProblems },
    };
  },
};
