import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import * as oauth from 'oauth4webapi';
import { exchangeQuickbooksCode } from '@dyocense/connectors';
import { badRequest, HttpProblem, problems, type AppEnv } from '@dyocense/core';
import { startSync } from '../../sync/runner';
import { quickbooksApp, quickbooksRedirectUri } from '../apps';
import { takeFlow } from '../flow';
import { saveConnectedAccount } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/connect/quickbooks/callback',
  tags: ['connect'],
  summary: 'Where Intuit sends the browser back after consent',
  description:
    'Checks the state against the signed flow cookie, exchanges the code (client_secret_basic), keeps the `realmId` as the company id, stores the tokens sealed (AES-256-GCM) and starts the backfill. ' +
    'On success, redirects into the portal with `?connected=quickbooks&source=<id>`.',
  request: {
    query: z.object({ code: z.string().optional(), state: z.string().optional(), realmId: z.string().optional(), error: z.string().optional() }).passthrough(),
  },
  responses: { 302: { description: 'Connected; redirect into the portal' }, ...problems(400, 404), 502: { description: 'Intuit refused the code exchange' } },
});

export function registerQuickbooksCallback(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const runtime = c.get('runtime');
    const qb = quickbooksApp(runtime.config);
    const flow = takeFlow(c, qb.appSecret, 'quickbooks');
    if (!flow) throw badRequest('No QuickBooks connection was started from this browser (or it expired); start again.', [{ path: 'state', message: 'unknown or expired' }]);
    const realm = new URL(c.req.url).searchParams.get('realmId');
    if (realm !== null && !/^\d{1,32}$/.test(realm)) throw badRequest('The callback’s realmId is not a QuickBooks company id.', [{ path: 'realmId', message: 'digits only' }]);

    let connected;
    try {
      connected = await exchangeQuickbooksCode({
        endpoints: qb.endpoints,
        app: qb.app,
        callbackUrl: new URL(c.req.url),
        expectedState: flow.state,
        redirectUri: quickbooksRedirectUri(runtime.config),
      });
    } catch (err) {
      if (err instanceof oauth.AuthorizationResponseError) throw badRequest('The connection was declined in QuickBooks.', [{ path: 'error', message: err.error }]);
      if (err instanceof oauth.OperationProcessingError && /state/i.test(err.message)) {
        throw badRequest('The state does not match the connection this browser started.', [{ path: 'state', message: 'mismatch' }]);
      }
      if (err instanceof Error && /realmId/.test(err.message)) throw badRequest('The callback carries no realmId.', [{ path: 'realmId', message: 'required' }]);
      runtime.log.warn('quickbooks code exchange failed', { error: err instanceof Error ? err.message : String(err) });
      throw new HttpProblem(502, 'provider-error', 'QuickBooks refused to issue tokens; start the connection again.');
    }
    const source = await saveConnectedAccount(runtime.db, runtime.config, {
      tenantId: flow.tenantId,
      userId: flow.userId,
      type: 'quickbooks',
      account: connected.realmId,
      name: `QuickBooks company ${connected.realmId}`,
      credentials: connected.tokens,
    });
    const started = await startSync(runtime, flow.tenantId, source.id);
    if ('refused' in started) runtime.log.warn('backfill not started', { sourceId: source.id, reason: started.refused });
    return c.redirect(`/?connected=quickbooks&source=${source.id}`, 302);
  });
}
