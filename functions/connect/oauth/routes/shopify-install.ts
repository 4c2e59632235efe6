import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import * as oauth from 'oauth4webapi';
import { SHOP_DOMAIN, shopifyAuthorizeUrl } from '@dyocense/connectors';
import { authenticated, authOf, problems, requireAuth, type AppEnv } from '@dyocense/core';
import { shopifyApp, shopifyRedirectUri } from '../apps';
import { startFlow } from '../flow';

const route = createRoute({
  method: 'get',
  path: '/api/connect/shopify/install',
  tags: ['connect'],
  summary: 'Connect a Shopify shop (redirects to the shop’s install screen)',
  description:
    'Starts Shopify’s authorization code grant for an offline access token (read_orders, read_customers). The state is bound to this browser with a signed cookie; the shop returns to `/api/connect/shopify/callback`.',
  security: authenticated,
  middleware: [requireAuth({ role: 'admin', scope: 'connect:write' })] as const,
  request: {
    query: z.object({
      shop: z
        .string()
        .trim()
        .toLowerCase()
        .max(255)
        .regex(SHOP_DOMAIN, 'must be the shop’s permanent domain, like my-shop.myshopify.com')
        .openapi({ example: 'my-shop.myshopify.com' }),
    }),
  },
  responses: { 302: { description: 'Redirect to Shopify' }, ...problems(400, 401, 403, 404) },
});

export function registerShopifyInstall(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { shop } = c.req.valid('query');
    const { config } = c.get('runtime');
    const shopify = shopifyApp(config);
    const state = oauth.generateRandomState();
    startFlow(c, shopify.appSecret, { provider: 'shopify', state, shop, tenantId: auth.tenantId, userId: auth.userId });
    return c.redirect(shopifyAuthorizeUrl({ apiBase: shopify.origin, shop, apiKey: shopify.apiKey, redirectUri: shopifyRedirectUri(config), state }), 302);
  });
}
