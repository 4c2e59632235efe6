import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { exchangeShopifyCode, verifyShopifyCallback } from '@dyocense/connectors';
import { badRequest, HttpProblem, problems, type AppEnv } from '@dyocense/core';
import { startSync } from '../../sync/runner';
import { shopifyApp } from '../apps';
import { sameState, takeFlow } from '../flow';
import { saveConnectedAccount } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/connect/shopify/callback',
  tags: ['connect'],
  summary: 'Where Shopify sends the browser back after an install',
  description:
    'Checks the query’s HMAC (hex SHA-256 under the app secret, constant-time), the shop domain, the timestamp and the state against the signed flow cookie, then exchanges the code for an offline token, stores it sealed (AES-256-GCM) and starts the backfill. ' +
    'On success, redirects into the portal with `?connected=shopify&source=<id>`.',
  request: {
    query: z
      .object({ code: z.string().optional(), hmac: z.string().optional(), shop: z.string().optional(), state: z.string().optional(), timestamp: z.string().optional(), host: z.string().optional() })
      .passthrough(),
  },
  responses: { 302: { description: 'Connected; redirect into the portal' }, ...problems(400, 401, 404), 502: { description: 'Shopify refused the code exchange' } },
});

export function registerShopifyCallback(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const runtime = c.get('runtime');
    const shopify = shopifyApp(runtime.config);
    const checked = verifyShopifyCallback(new URL(c.req.url).searchParams, shopify.apiSecret);
    const flow = takeFlow(c, shopify.appSecret, 'shopify');
    if (!checked.ok) {
      if (checked.problem === 'hmac') throw new HttpProblem(401, 'invalid-signature', 'The callback’s HMAC does not match; it did not come from Shopify.');
      const message = { shop: 'not a *.myshopify.com domain', timestamp: 'missing or more than five minutes off', code: 'missing' }[checked.problem];
      throw badRequest(`The callback’s ${checked.problem} is not valid.`, [{ path: checked.problem, message }]);
    }
    const { shop, code, state } = checked.value;
    if (!flow || !sameState(state, flow.state)) {
      throw badRequest('The install state does not match one this browser started (or it expired); start the install again.', [{ path: 'state', message: 'unknown or expired' }]);
    }
    if (flow.shop !== shop) throw badRequest('The callback names a different shop than the install was started for.', [{ path: 'shop', message: `expected ${flow.shop}` }]);

    const token = await exchangeShopifyCode({ apiBase: shopify.origin, shop, apiKey: shopify.apiKey, apiSecret: shopify.apiSecret, code }).catch((err) => {
      runtime.log.warn('shopify code exchange failed', { shop, error: err instanceof Error ? err.message : String(err) });
      throw new HttpProblem(502, 'provider-error', 'Shopify refused to issue an access token; start the install again.');
    });
    const source = await saveConnectedAccount(runtime.db, runtime.config, {
      tenantId: flow.tenantId,
      userId: flow.userId,
      type: 'shopify',
      account: shop,
      name: shop,
      credentials: { accessToken: token.accessToken, scopes: token.scopes },
    });
    const started = await startSync(runtime, flow.tenantId, source.id);
    if ('refused' in started) runtime.log.warn('backfill not started', { sourceId: source.id, reason: started.refused });
    return c.redirect(`/?connected=shopify&source=${source.id}`, 302);
  });
}
