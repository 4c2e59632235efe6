import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, conflict, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { openSourceCredentials } from '../credentials';
import { probeShopify, probeStripe, type ProbeResult } from '../providers/probe';
import { IdParam, TestResultView } from '../schema';
import { findSource, updateSource } from '../store';

const route = createRoute({
  method: 'post',
  path: '/api/connect/sources/{id}/test',
  tags: ['connect'],
  summary: "Check a data source's credentials against the provider",
  description:
    'Owners and admins only. Stripe: retrieves the account with the API key; Shopify: reads the shop with the access token. Answers 200 whether or not the provider accepted them (`ok` says which) and records the outcome as the source\'s last error. QuickBooks is checked by its OAuth connection; CSV sources have nothing to test (409).',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'connect:write' })] as const,
  request: { params: IdParam },
  responses: { 200: { description: 'The outcome', content: { 'application/json': { schema: TestResultView } } }, ...problems(400, 401, 403, 404, 409) },
});

export function registerSourceTest(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { id } = c.req.valid('param');
    const { db, config } = c.get('runtime');
    const source = await withTenant(db, auth.tenantId, (tx) => findSource(tx, id));
    if (!source) throw notFound('No such data source.');
    const creds = await openSourceCredentials(config, auth.tenantId, source);
    // The provider call happens outside any transaction: no connection is held while waiting.
    let result: ProbeResult;
    if (source.type === 'stripe') result = await probeStripe(config, creds);
    else if (source.type === 'shopify') result = await probeShopify(config, source.externalAccountId!, creds);
    else throw conflict(source.type === 'csv' ? 'A CSV source has no connection to test.' : 'QuickBooks sources are checked through their OAuth connection.');
    await withTenant(db, auth.tenantId, (tx) =>
      updateSource(tx, id, { lastError: result.ok ? null : result.detail, ...(result.ok && source.status === 'error' ? { status: 'active' as const } : {}) }),
    );
    return c.json(result, 200);
  });
}
