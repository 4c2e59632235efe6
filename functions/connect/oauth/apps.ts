import { HttpProblem, type Config } from '@dyocense/core';
import type { IntuitApp, IntuitEndpoints } from '@dyocense/connectors';

export interface ShopifyApp {
  apiKey: string;
  apiSecret: string;
  /** `https://{shop}` in production. */
  origin: string;
  apiVersion: string;
}

const notConfigured = (what: string) => new HttpProblem(404, 'not-found', `${what} is not configured on this server.`);

/** The Shopify app from configuration; 404 when its key and secret (or APP_SECRET) are missing. */
export function shopifyApp(config: Config): ShopifyApp & { appSecret: string } {
  if (!config.SHOPIFY_API_KEY || !config.SHOPIFY_API_SECRET || !config.APP_SECRET) throw notConfigured('Connecting Shopify');
  return {
    apiKey: config.SHOPIFY_API_KEY,
    apiSecret: config.SHOPIFY_API_SECRET,
    origin: config.SHOPIFY_ADMIN_ORIGIN,
    apiVersion: config.SHOPIFY_API_VERSION,
    appSecret: config.APP_SECRET,
  };
}

export interface QuickbooksApp {
  app: IntuitApp;
  endpoints: IntuitEndpoints;
  apiBase: string;
}

export function quickbooksApp(config: Config): QuickbooksApp & { appSecret: string } {
  if (!config.INTUIT_CLIENT_ID || !config.INTUIT_CLIENT_SECRET || !config.APP_SECRET) throw notConfigured('Connecting QuickBooks');
  return {
    app: { clientId: config.INTUIT_CLIENT_ID, clientSecret: config.INTUIT_CLIENT_SECRET },
    endpoints: { issuer: config.INTUIT_ISSUER, authorizationUrl: config.INTUIT_AUTHORIZATION_URL, tokenUrl: config.INTUIT_TOKEN_URL },
    apiBase: config.QUICKBOOKS_API_BASE,
    appSecret: config.APP_SECRET,
  };
}

/** Where each provider sends the browser back. */
export const shopifyRedirectUri = (config: Config) => `${config.publicUrl}/api/connect/shopify/callback`;
export const quickbooksRedirectUri = (config: Config) => `${config.publicUrl}/api/connect/quickbooks/callback`;
