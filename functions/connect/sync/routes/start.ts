import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, badRequest, conflict, HttpProblem, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { startSync } from '../runner';
import { SourceIdParam, SyncQuery, SyncRunView } from '../schema';
import { readSyncLog, type SyncLogRow } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/connect/sources/{id}/sync',
  tags: ['connect'],
  summary: 'Sync a Shopify or QuickBooks source now',
  description:
    'The first sync backfills (every Shopify order; a year of QuickBooks Profit & Loss by day), later ones read only what changed since the cursor. ' +
    'Pages are applied one by one, each with its cursor in one transaction, so a sync that stops half-way resumes where it stopped and never counts a record twice. ' +
    'Answers 202 with the run at once, or (with `wait`) 200 once it has finished. Every run is logged (GET the source’s sync logs).',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'connect:write' })] as const,
  request: { params: SourceIdParam, query: SyncQuery },
  responses: {
    200: { description: 'Finished (succeeded or failed) within `wait`', content: { 'application/json': { schema: SyncRunView } } },
    202: { description: 'Started; still running', content: { 'application/json': { schema: SyncRunView } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

export const syncRunView = (r: SyncLogRow) => ({
  id: r.id,
  sourceId: r.sourceId,
  kind: r.kind,
  status: r.status,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  recordsIn: r.recordsIn,
  recordsOut: r.recordsOut,
  durationMs: r.durationMs,
  error: r.error,
});

const within = (ms: number, p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref?.())]);

export function registerSyncStart(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const { wait } = c.req.valid('query');
    const runtime = c.get('runtime');
    const result = await startSync(runtime, auth.tenantId, id);
    if ('refused' in result) {
      switch (result.refused) {
        case 'not-found':
          throw notFound('No such data source.');
        case 'not-syncable':
          throw badRequest('Only Shopify and QuickBooks sources sync on demand; the others receive webhooks or uploads.', [{ path: 'id', message: 'not a Shopify or QuickBooks source' }]);
        case 'paused':
          throw conflict('The source is paused; resume it first.');
        case 'needs-reauth':
          throw new HttpProblem(409, 'needs-reauth', 'The provider no longer accepts this source’s credentials; connect it again.');
      }
    }
    if ('running' in result) throw new HttpProblem(409, 'conflict', 'A sync of this source is already running.', undefined, undefined, { sync: syncRunView(result.running) });
    await withTenant(runtime.db, auth.tenantId, (tx) =>
      audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: 'connect.sync_started', target: `data_source:${id}`, details: { syncId: result.started.id } }),
    );
    if (wait > 0 && (await within(wait * 1000, result.done))) {
      return c.json(syncRunView((await readSyncLog(runtime.db, auth.tenantId, result.started.id))!), 200);
    }
    return c.json(syncRunView(result.started), 202);
  });
}
