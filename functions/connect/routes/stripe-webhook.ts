import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { conflict, HttpProblem, type AppEnv } from '@dyocense/core';
import { planStripeEvent, parseStripeEvent } from '../logic/stripe-effects';
import { verifyStripeSignature } from '../logic/stripe-signature';
import { SourceIdParam, WebhookAck, webhookProblems } from '../schema';
import { parseJsonBody } from '../webhooks/body';
import { malformed, receive, refuseUnsigned, storeAndApply } from '../webhooks/receive';

const route = createRoute({
  method: 'post',
  path: '/api/connect/stripe/webhook/{sourceId}',
  tags: ['connect'],
  summary: 'Stripe webhook endpoint',
  description: [
    'Register this URL in Stripe and store the endpoint signing secret (whsec_…) on the source.',
    'The `Stripe-Signature` header is verified as Stripe specifies: HMAC-SHA256 of `{t}.{raw body}`, compared in constant time with every v1 signature, under each stored secret (several during a roll), timestamp within 300 s. A bad signature is 401 and nothing is stored.',
    'A verified event is stored raw and its effect on metrics (revenue, orders, refunds, new customers, payouts, source `stripe`) is applied in the same transaction before the 200. Applied events: payment_intent.succeeded, charge.succeeded, charge.refunded, invoice.paid, customer.created, payout.paid; others are stored only.',
    'A redelivered event answers 200 with `duplicate: true` and changes nothing. A paused source answers 409, so Stripe retries later.',
  ].join('\n\n'),
  request: { params: SourceIdParam },
  responses: { 200: { description: 'Received (and applied unless a duplicate)', content: { 'application/json': { schema: WebhookAck } } }, ...webhookProblems },
});

export function registerStripeWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { sourceId } = c.req.valid('param');
    const { source, credentials, raw } = await receive(c, sourceId, 'stripe');
    const check = verifyStripeSignature({ header: c.req.header('stripe-signature'), rawBody: raw, secrets: credentials.webhookSecrets ?? [], nowSeconds: Math.floor(Date.now() / 1000) });
    refuseUnsigned(check, credentials.webhookSecrets);
    const { text, value } = parseJsonBody(raw);
    const event = parseStripeEvent(value);
    if (typeof event === 'string') throw malformed(event);
    // A Connect platform's events name the connected account; they must be this source's.
    if (source.externalAccountId && event.account && event.account !== source.externalAccountId) {
      throw new HttpProblem(400, 'account-mismatch', `The event is for Stripe account ${event.account}; this source is for ${source.externalAccountId}.`);
    }
    if (source.status === 'paused') throw conflict('This data source is paused; the event was not stored.');
    const result = await storeAndApply(
      c,
      { tenantId: source.tenantId, sourceId, provider: 'stripe', eventId: event.id, semanticKey: null, topic: event.type, rawBody: text },
      planStripeEvent(event),
    );
    return c.json({ received: true as const, duplicate: result.duplicate }, 200);
  });
}
