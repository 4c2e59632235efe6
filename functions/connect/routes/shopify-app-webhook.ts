import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { notFound, type AppEnv } from '@dyocense/core';
import { openSourceCredentials } from '../credentials';
import { verifyShopifyHmac } from '../logic/shopify-signature';
import { WebhookAck, webhookProblems } from '../schema';
import { sourcesForShop, webhookSource } from '../store';
import { readRawBody } from '../webhooks/body';
import { refuseUnsigned } from '../webhooks/receive';
import { appSecrets, deliverToSource, planDelivery, readShopifyDelivery } from '../webhooks/shopify-delivery';
import { shopifyWebhookTopics } from './shopify-webhook';

const route = createRoute({
  method: 'post',
  path: '/api/connect/shopify/webhook',
  tags: ['connect'],
  summary: "Shopify webhook endpoint for the Dyocense app (all shops, compliance topics)",
  description: `The one URL of the app's webhook subscriptions and mandatory compliance webhooks (shopify.app.toml). Signed with the app's client secret (SHOPIFY_API_SECRET, and SHOPIFY_API_SECRET_PREVIOUS while rotating); 404 when the app is not configured. The delivery goes to every data source connected to the shop named by \`X-Shopify-Shop-Domain\`; a shop with none is acknowledged with \`sources: 0\` (nothing is stored about it).\n\n${shopifyWebhookTopics}`,
  responses: { 200: { description: 'Received by every source of the shop', content: { 'application/json': { schema: WebhookAck } } }, ...webhookProblems },
});

export function registerShopifyAppWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { db, config } = c.get('runtime');
    const secrets = appSecrets(config);
    if (secrets.length === 0) throw notFound('No Shopify app is configured here (SHOPIFY_API_SECRET).');
    const raw = await readRawBody(c.req.raw, config.WEBHOOK_BODY_LIMIT_BYTES);
    refuseUnsigned(verifyShopifyHmac({ header: c.req.header('x-shopify-hmac-sha256'), rawBody: raw, secrets }), secrets);
    const delivery = readShopifyDelivery(c, raw);
    const action = planDelivery(delivery);
    let duplicates = 0;
    const ids = await sourcesForShop(db, delivery.shop);
    for (const sourceId of ids) {
      const source = await webhookSource(db, sourceId);
      if (!source) continue; // removed meanwhile
      const credentials = await openSourceCredentials(config, source.tenantId, source);
      if ((await deliverToSource(c, { sourceId, source, credentials }, delivery, action)).duplicate) duplicates++;
    }
    return c.json({ received: true as const, duplicate: ids.length > 0 && duplicates === ids.length, sources: ids.length }, 200);
  });
}
