import { createFunction } from '@dyocense/core';
import { importBodyLimit, registerImport } from './import';
import { registerOAuth } from './oauth';
import { registerEvents } from './routes/events';
import { registerShopifyAppWebhook } from './routes/shopify-app-webhook';
import { registerShopifyWebhook } from './routes/shopify-webhook';
import { registerSourceCreate } from './routes/source-create';
import { registerSourceDelete } from './routes/source-delete';
import { registerSourceDetail } from './routes/source-detail';
import { registerSourceList } from './routes/source-list';
import { registerSourcePause } from './routes/source-pause';
import { registerSourceTest } from './routes/source-test';
import { registerSourceUpdate } from './routes/source-update';
import { registerStripeWebhook } from './routes/stripe-webhook';
import { registerSyncLogs } from './routes/sync-logs';
import { webhookBodyLimit } from './webhooks/body';

/**
 * Connectors: data sources and their sealed credentials, Stripe and Shopify webhooks applied
 * to metrics exactly once, OAuth connect and sync, file import: /api/connect/…
 *
 * Uploads and webhooks read their bodies as streams under their own limits; every other
 * route has the configured BODY_LIMIT_BYTES.
 */
const app = createFunction('connect', { streamedBodyLimit: (path) => importBodyLimit(path) ?? webhookBodyLimit(path) });

// OAuth connect and sync (they add /sources/{id}/sync).
registerOAuth(app);
registerSourceList(app);
registerSourceCreate(app);
registerSourceDetail(app);
registerSourceUpdate(app);
registerSourceDelete(app);
registerSourceTest(app);
registerSourcePause(app);
registerSyncLogs(app);
registerEvents(app);
registerStripeWebhook(app);
registerShopifyWebhook(app);
registerShopifyAppWebhook(app);
registerImport(app);

export default app;
