import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { authenticated, problems, ProblemSchema, rateLimit, requireAuth, type AppEnv } from '@dyocense/core';
import { subscribe } from '../progress';
import { startImport } from '../run';
import { ImportView, UploadQuery } from '../schema';
import { actorOf, uploadContent } from './shared';

const route = createRoute({
  method: 'post',
  path: '/api/connect/import',
  tags: ['connect'],
  summary: 'Import a CSV or XLSX file into metrics (streamed, all or nothing)',
  description: [
    'The file is the raw body (`text/csv` or the XLSX type) or the `file` part of `multipart/form-data`; it is read as it arrives, so files of millions of rows (up to 2 GiB) never sit in memory.',
    'Columns are mapped as POST /api/connect/import/preview proposes unless the `mapping` (query parameter or a multipart field before the file) overrides parts of it.',
    'Every row is checked; if any is not valid nothing is written: the answer is a 400 problem naming the first rows (`rows.<row>.<column>`) with `importId` and `errorsUrl`, the downloadable report of every bad row.',
    'Importing the same file again replaces the same points (identity: metric, time, source, dimensions) and adds none.',
    'With `Accept: text/event-stream` the answer is an event stream instead: `accepted` (the import id), `progress` (rows read, about 5 a second), then `completed` (the Import) or `failed` (`{ import, problem }`). Progress of any import can also be followed at GET /api/connect/import/{id}/events.',
  ].join('\n\n'),
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'connect:write' }), rateLimit({ name: 'import', limit: 60, windowSeconds: 3600, per: 'account' })] as const,
  request: { query: UploadQuery, body: { content: uploadContent, required: true } },
  responses: {
    201: {
      description: 'Imported; Location is the import',
      content: {
        'application/json': { schema: ImportView },
        'text/event-stream': { schema: z.string().openapi({ description: 'Server-sent events, when asked for with Accept: text/event-stream: accepted, progress, completed or failed.' }) },
      },
    },
    ...problems(400, 401, 403, 429),
    413: { description: 'The file is larger than 2 GiB', content: { 'application/problem+json': { schema: ProblemSchema } } },
    415: { description: 'Not CSV, XLSX or multipart/form-data', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
});

export function registerCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    // A refusal may come before the body is read to its end: the connection is not reused.
    const started = await startImport(c.req.raw, c.req.valid('query'), actorOf(c)).catch((err) => {
      c.header('connection', 'close');
      throw err;
    });
    if (!/text\/event-stream/.test(c.req.header('accept') ?? '')) {
      const outcome = await started.run();
      if (!outcome.ok) {
        c.header('connection', 'close');
        throw outcome.problem;
      }
      c.header('location', `/api/connect/import/${started.id}`);
      return c.json(outcome.import, 201);
    }
    c.header('location', `/api/connect/import/${started.id}`);
    c.header('connection', 'close'); // the outcome (and whether the body was read whole) comes after the headers
    c.status(201);
    return streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: 'accepted', data: JSON.stringify({ id: started.id, fileName: started.fileName, format: started.format }) });
      const unsubscribe = subscribe(started.id, (event) => {
        if (event.type === 'progress') void stream.writeSSE({ event: 'progress', data: JSON.stringify({ id: event.id, rowsRead: event.rowsRead, bytes: event.bytes }) });
      });
      try {
        const outcome = await started.run();
        if (outcome.ok) await stream.writeSSE({ event: 'completed', data: JSON.stringify(outcome.import) });
        else await stream.writeSSE({ event: 'failed', data: JSON.stringify({ import: outcome.import, problem: outcome.problem.toBody(c.get('requestId')) }) });
      } catch {
        await stream.writeSSE({ event: 'failed', data: JSON.stringify({ problem: { type: 'urn:dyocense:problem:internal', title: 'Internal error', status: 500, detail: 'The import failed on our side; nothing was written.' } }) });
      } finally {
        unsubscribe();
      }
    }) as never;
  });
}
