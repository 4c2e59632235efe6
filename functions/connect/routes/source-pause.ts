import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { audit, authenticated, authOf, conflict, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { IdParam, SourceView } from '../schema';
import { findSource, sourceView, updateSource } from '../store';

const descriptions = {
  pause:
    'Owners and admins only. A paused source is not synced and its webhooks are answered 409 (the provider retries them later), except Shopify compliance topics, which are always honoured.',
  resume: 'Owners and admins only. Resuming a source that needs re-authorisation is 409: reconnect it instead.',
};

const routeFor = (action: 'pause' | 'resume') =>
  createRoute({
    method: 'post',
    path: `/api/connect/sources/{id}/${action}`,
    tags: ['connect'],
    summary: action === 'pause' ? 'Pause a data source' : 'Resume a paused data source',
    description: descriptions[action],
    security: authenticated,
    middleware: [requireAuth({ role: 'admin', scope: 'connect:write' })] as const,
    request: { params: IdParam },
    responses: { 200: { description: 'The source with its new status', content: { 'application/json': { schema: SourceView } } }, ...problems(400, 401, 403, 404, 409) },
  });

export function registerSourcePause(app: OpenAPIHono<AppEnv>) {
  register(app, 'pause');
  register(app, 'resume');
}

function register(app: OpenAPIHono<AppEnv>, action: 'pause' | 'resume') {
  app.openapi(routeFor(action), async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const row = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => {
      const source = await findSource(tx, id);
      if (!source) throw notFound('No such data source.');
      if (action === 'resume' && source.status === 'needs_reauth') throw conflict('This source needs to be re-authorised before it can resume.');
      const status = action === 'pause' ? 'paused' : 'active';
      if (source.status === status) return source;
      const updated = await updateSource(tx, id, { status, ...(action === 'resume' ? { lastError: null } : {}) });
      await audit(tx, { tenantId: auth.tenantId, actorUserId: auth.userId, action: `data_source.${action}d`, target: `data_source:${id}` });
      return updated!;
    });
    return c.json(sourceView(row), 200);
  });
}
