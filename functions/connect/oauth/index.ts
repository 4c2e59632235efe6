import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '@dyocense/core';
import { registerSync } from '../sync';
import { registerQuickbooksCallback } from './routes/quickbooks-callback';
import { registerQuickbooksConnect } from './routes/quickbooks-connect';
import { registerShopifyCallback } from './routes/shopify-callback';
import { registerShopifyInstall } from './routes/shopify-install';

/**
 * OAuth connectors: Shopify install and QuickBooks connect (each with its callback), and the
 * on-demand sync of the sources they create: /api/connect/shopify/…, /api/connect/quickbooks/…,
 * /api/connect/sources/{id}/sync.
 */
export function registerOAuth(app: OpenAPIHono<AppEnv>) {
  registerShopifyInstall(app);
  registerShopifyCallback(app);
  registerQuickbooksConnect(app);
  registerQuickbooksCallback(app);
  registerSync(app);
}
