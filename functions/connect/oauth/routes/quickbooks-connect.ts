import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import * as oauth from 'oauth4webapi';
import { quickbooksAuthorizeUrl } from '@dyocense/connectors';
import { authenticated, authOf, problems, requireAuth, type AppEnv } from '@dyocense/core';
import { quickbooksApp, quickbooksRedirectUri } from '../apps';
import { startFlow } from '../flow';

const route = createRoute({
  method: 'get',
  path: '/api/connect/quickbooks/connect',
  tags: ['connect'],
  summary: 'Connect a QuickBooks Online company (redirects to Intuit)',
  description:
    'Starts Intuit’s OAuth 2.0 authorization code grant (scope com.intuit.quickbooks.accounting). The state is bound to this browser with a signed cookie; Intuit returns to `/api/connect/quickbooks/callback` with the company’s realmId.',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'connect:write' })] as const,
  responses: { 302: { description: 'Redirect to Intuit' }, ...problems(401, 403, 404) },
});

export function registerQuickbooksConnect(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { config } = c.get('runtime');
    const qb = quickbooksApp(config);
    const state = oauth.generateRandomState();
    startFlow(c, qb.appSecret, { provider: 'quickbooks', state, tenantId: auth.tenantId, userId: auth.userId });
    return c.redirect(quickbooksAuthorizeUrl({ endpoints: qb.endpoints, clientId: qb.app.clientId, redirectUri: quickbooksRedirectUri(config), state }), 302);
  });
}
