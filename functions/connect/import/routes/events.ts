import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { subscribe, type ImportEvent } from '../progress';
import { ImportParams } from '../schema';
import { findImport } from '../store';

const POLL_MS = 1000;
const KEEPALIVE_MS = 15_000;

const route = createRoute({
  method: 'get',
  path: '/api/connect/import/{id}/events',
  tags: ['connect'],
  summary: 'Follow an import as server-sent events',
  description:
    'Events: `progress` `{ id, rowsRead, bytes }` while it runs (several a second from the server running it; about one a second otherwise), then `completed` (the Import) or `failed` (`{ import, problem? }`), after which the stream ends. A finished import answers its final event at once.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'connect:read' })] as const,
  request: { params: ImportParams },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...problems(400, 401, 403, 404),
  },
});

export function registerEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.get('runtime');
    const tenantId = authOf(c).tenantId;
    const load = () => withTenant(db, tenantId, (tx) => findImport(tx, id));
    const first = await load();
    if (!first) throw notFound('No such import.');
    return streamSSE(c, async (stream) => {
      let finished = false;
      let lastRows = -1;
      let wake: () => void = () => {};
      const send = async (event: ImportEvent) => {
        if (finished) return;
        if (event.type === 'progress') {
          if (event.rowsRead <= lastRows) return;
          lastRows = event.rowsRead;
          await stream.writeSSE({ event: 'progress', data: JSON.stringify({ id, rowsRead: event.rowsRead, bytes: event.bytes }) });
          return;
        }
        finished = true;
        const data = event.type === 'completed' ? event.import : { import: event.import, ...(event.problem ? { problem: event.problem } : {}) };
        await stream.writeSSE({ event: event.type, data: JSON.stringify(data) });
        wake();
      };
      const fromView = (view: NonNullable<typeof first>): ImportEvent =>
        view.status === 'running' ? { type: 'progress', id, rowsRead: view.rowsRead, bytes: view.bytes } : { type: view.status === 'succeeded' ? 'completed' : 'failed', id, import: view };

      const unsubscribe = subscribe(id, (event) => void send(event));
      stream.onAbort(() => {
        finished = true;
        wake();
      });
      try {
        await send(fromView(first));
        let quiet = 0;
        while (!finished) {
          // Woken early by this process's events; otherwise the database tells (another process may run it).
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, POLL_MS);
          });
          if (finished) break;
          const view = await load();
          if (view) await send(fromView(view));
          quiet += POLL_MS;
          if (quiet >= KEEPALIVE_MS) {
            quiet = 0;
            await stream.write(': keep-alive\n\n');
          }
        }
      } finally {
        unsubscribe();
      }
    }) as never;
  });
}
