import type { Context } from 'hono';
import { conflict, type AppEnv, type Config } from '@dyocense/core';
import { sealSourceCredentials, type SourceCredentials } from '../credentials';
import type { EffectPlan } from '../logic/effects';
import { planShopifyTopic, shopifySemanticKey, type ShopifyAction } from '../logic/shopify-effects';
import { webhookLedgerEntries } from '../logic/shopify-ledger';
import type { WebhookSource } from '../store';
import { parseJsonBody } from './body';
import { answerDataRequest, markUninstalled, redactCustomer, redactShop } from './compliance';
import { applyToLedger, prepareLedgerPartitions } from './ledger';
import { malformed, storeAndApply } from './receive';

/** A verified Shopify delivery, its headers and body understood. */
export interface ShopifyDelivery {
  topic: string;
  webhookId: string;
  /** X-Shopify-Shop-Domain, lower-cased. */
  shop: string;
  payload: Record<string, unknown>;
  text: string;
}

/** Topics honoured even while a source is paused: the law, and the app's own removal. */
const ALWAYS = new Set(['customers/data_request', 'customers/redact', 'shop/redact', 'app/uninstalled']);

/** The app's client secrets (current, then previous): Shopify signs app-level webhooks with them. */
export const appSecrets = (config: Config): string[] => [config.SHOPIFY_API_SECRET, config.SHOPIFY_API_SECRET_PREVIOUS].filter((s): s is string => !!s);

/** Reads the headers and body of a delivery whose HMAC has been checked. */
export function readShopifyDelivery(c: Context<AppEnv>, raw: Uint8Array): ShopifyDelivery {
  const shop = c.req.header('x-shopify-shop-domain')?.trim().toLowerCase() ?? '';
  const topic = c.req.header('x-shopify-topic')?.trim();
  const webhookId = c.req.header('x-shopify-webhook-id')?.trim();
  if (!shop) throw malformed('the X-Shopify-Shop-Domain header is missing');
  if (!topic || topic.length > 100) throw malformed('the X-Shopify-Topic header is missing');
  if (!webhookId || webhookId.length > 200) throw malformed('the X-Shopify-Webhook-Id header is missing');
  const { text, value } = parseJsonBody(raw);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('expected a JSON object');
  return { topic, webhookId, shop, payload: value as Record<string, unknown>, text };
}

export function planDelivery(d: ShopifyDelivery): ShopifyAction {
  const action = planShopifyTopic(d.topic, d.payload, d.shop);
  if (typeof action === 'string') throw malformed(action);
  return action;
}

/**
 * Stores the delivery for one source and does what it asks, in one transaction: metric
 * effects, or the compliance act on that source's stored data.
 *
 * A source with an access token is synced: its orders and refunds live in the sync's ledger
 * (connector_sync_records) and its figures are the daily series recomputed from it. Its
 * order and refund webhooks update that ledger instead of adding deltas, so a sale the sync
 * also reads is one row, counted once. A webhook-only source adds deltas to its own series.
 */
export async function deliverToSource(
  c: Context<AppEnv>,
  target: { sourceId: string; source: WebhookSource; credentials: SourceCredentials },
  d: ShopifyDelivery,
  action: ShopifyAction,
): Promise<{ duplicate: boolean }> {
  const { config } = c.get('runtime');
  const { sourceId, source, credentials } = target;
  if (source.status === 'paused' && !ALWAYS.has(d.topic)) throw conflict('This data source is paused; the event was not stored.');
  // shop/redact keeps only the secret that verifies a redelivery of itself.
  const webhookOnly =
    action.kind === 'shop_redact' && credentials.webhookSecrets
      ? await sealSourceCredentials(config, source.tenantId, { webhookSecrets: credentials.webhookSecrets })
      : null;
  const ledger = credentials.accessToken && action.kind === 'metrics' ? webhookLedgerEntries(d.topic, d.payload) : null;
  if (typeof ledger === 'string') throw malformed(ledger);
  if (ledger) await prepareLedgerPartitions(c.get('runtime').db, ledger);
  const plan: EffectPlan = action.kind === 'metrics' && !ledger ? action.plan : { intents: [] };
  return storeAndApply(
    c,
    { tenantId: source.tenantId, sourceId, provider: 'shopify', eventId: d.webhookId, semanticKey: shopifySemanticKey(d.shop, d.topic, d.payload), topic: d.topic, rawBody: d.text },
    plan,
    async (tx, rowId) => {
      switch (action.kind) {
        case 'uninstalled':
          return markUninstalled(tx, sourceId);
        case 'data_request':
          return answerDataRequest(tx, sourceId, action.customer);
        case 'customer_redact':
          return redactCustomer(tx, sourceId, action.customer);
        case 'shop_redact':
          return redactShop(tx, source.tenantId, sourceId, d.shop, rowId, webhookOnly && { ciphertext: webhookOnly.credentialsCiphertext, keyId: webhookOnly.credentialsKeyId });
        default:
          return ledger ? applyToLedger(tx, source.tenantId, sourceId, d.shop, ledger) : {};
      }
    },
  );
}
