import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { authenticated, authOf, notFound, problems, requireAuth, type AppEnv } from '@dyocense/core';
import { runTurn } from '../machine/machine';
import { initialState, type CoachEvent } from '../machine/state';
import { modelsFor } from '../models';
import { ASK_EVENTS_DESCRIPTION, AskBody } from '../schema';
import { findSession, recentTurns } from '../store';
import { finalEvent } from '../views';

const route = createRoute({
  method: 'post',
  path: '/api/coach/ask',
  tags: ['coach'],
  summary: 'Ask the coach; the answer streams as Server-Sent Events',
  description: `Answers with numbers from the forecasting, optimisation and evidence engines and the business's own metrics, each cited. Works with no model configured (a deterministic composer writes the answer); with models, easy questions go to the local model, hard ones to the cloud model, with fallback on error or timeout and a daily cost budget per business.\n\n${ASK_EVENTS_DESCRIPTION}`,
  security: authenticated,
  middleware: [requireAuth({ scope: 'coach:write' })] as const,
  request: { body: { content: { 'application/json': { schema: AskBody } }, required: true } },
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string().openapi({ example: 'event: status\ndata: {"stage":"classify","message":"Reading your question"}\n\n' }) } } },
    ...problems(400, 401, 403, 404),
  },
});

const yieldToEventLoop = () => new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

export function registerAsk(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const runtime = c.get('runtime');
    const { question, sessionId } = c.req.valid('json');
    // A conversation that is not this business's is a 404 before any event is sent.
    if (sessionId && !(await findSession(runtime.db, auth.tenantId, sessionId))) throw notFound('No such coaching session.');
    const history = sessionId ? await recentTurns(runtime.db, auth.tenantId, sessionId) : [];
    c.header('cache-control', 'no-cache, no-transform');
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, async (stream) => {
      const aborted = new AbortController();
      stream.onAbort(() => aborted.abort(new Error('the client went away')));
      let id = 0;
      const emit = async (e: CoachEvent) => {
        if (aborted.signal.aborted) return;
        await stream.writeSSE({ event: e.event, data: JSON.stringify(e.data), id: String(++id) });
        // Let the socket take the event before the next step's work (an embedded database
        // runs on this thread and would otherwise hold the bytes back). Tokens come in a burst
        // with nothing heavy between them.
        if (e.event !== 'token') await yieldToEventLoop();
      };
      const state = initialState(question, sessionId ?? null, history);
      try {
        await runTurn(state, { runtime, models: modelsFor(runtime.config), tenantId: auth.tenantId, userId: auth.userId, now: new Date(), signal: aborted.signal, emit });
        await emit({ event: 'final', data: finalEvent(state) });
      } catch (err) {
        if (aborted.signal.aborted) return;
        runtime.log.error('coach turn failed', { error: String((err as Error)?.stack ?? err), tenantId: auth.tenantId });
        await emit({ event: 'error', data: { type: 'urn:dyocense:problem:coach-failed', title: 'The coach could not answer', detail: 'Something went wrong while answering; nothing was saved. Please ask again.' } });
      }
    }) as never;
  });
}
