import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { HttpProblem, type AppEnv } from '@dyocense/core';
import { verifyShopifyHmac } from '../logic/shopify-signature';
import { SourceIdParam, WebhookAck, webhookProblems } from '../schema';
import { receive, refuseUnsigned } from '../webhooks/receive';
import { appSecrets, deliverToSource, planDelivery, readShopifyDelivery } from '../webhooks/shopify-delivery';

export const shopifyWebhookTopics = [
  '`X-Shopify-Hmac-Sha256` must be the base64 HMAC-SHA256 of the raw body under the secret (the new or the old one during a rotation); otherwise 401 and nothing is stored. `X-Shopify-Shop-Domain`, `X-Shopify-Webhook-Id` and `X-Shopify-Topic` are required.',
  'Each delivery is stored raw, deduplicated by webhook id and by shop + topic + resource id, and applied in the same transaction before the 200. For a webhook-only source (no access token): orders/create (when paid) and orders/paid count revenue and orders once per order, orders/cancelled withdraws the order, refunds/create counts refunds — whatever order they arrive in; metric points carry `channel` (the order source) and `shop` dimensions, source `shopify`.',
  "For a synced source (one with an Admin API access token, e.g. installed through the app): the order and refund topics update the order sync's records instead — the order in the state the webhook reports (a state older than the one stored, by the order's `updated_at`, is ignored) — and the daily revenue, orders, refunds and new customers of the days touched are recomputed from them, under the sync's source `shopify:<shop>`. A sale seen by both the webhook and the sync is counted once; the sync's rules apply (every order that is neither cancelled nor a test counts, on the shop's local day). The first backfill of a source that received webhooks before it was synced replaces their per-event points.",
  "Compliance topics act on stored data: customers/data_request gathers what the stored events hold about the customer (see the source's events), customers/redact overwrites their personal fields in every stored event and replaces their customer id in the sync's records (and finished sync jobs) by a random pseudonym, so figures stay the same; shop/redact erases the shop's events, sync records, sync logs and jobs, and its metric points under both sources (`shopify` with its `shop` dimension, and `shopify:<shop>`). app/uninstalled marks the source as needing re-authorisation. A paused source answers 409 except to these.",
].join('\n\n');

const route = createRoute({
  method: 'post',
  path: '/api/connect/shopify/webhook/{sourceId}',
  tags: ['connect'],
  summary: 'Shopify webhook endpoint for one source',
  description: `For a shop connected with its own custom app: the secrets are the source's \`webhookSecrets\` (and the Dyocense app's client secret, for shops installed through it). The shop domain must be the source's.\n\n${shopifyWebhookTopics}`,
  request: { params: SourceIdParam },
  responses: { 200: { description: 'Received (and applied unless a duplicate)', content: { 'application/json': { schema: WebhookAck } } }, ...webhookProblems },
});

export function registerShopifyWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { sourceId } = c.req.valid('param');
    const { source, credentials, raw } = await receive(c, sourceId, 'shopify');
    const secrets = [...(credentials.webhookSecrets ?? []), ...appSecrets(c.get('runtime').config)];
    refuseUnsigned(verifyShopifyHmac({ header: c.req.header('x-shopify-hmac-sha256'), rawBody: raw, secrets }), secrets);
    const delivery = readShopifyDelivery(c, raw);
    if (delivery.shop !== source.externalAccountId) {
      throw new HttpProblem(400, 'shop-mismatch', `X-Shopify-Shop-Domain is "${delivery.shop}"; this source is for ${source.externalAccountId}.`);
    }
    const result = await deliverToSource(c, { sourceId, source, credentials }, delivery, planDelivery(delivery));
    return c.json({ received: true as const, duplicate: result.duplicate }, 200);
  });
}
