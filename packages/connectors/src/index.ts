// Protocol clients and mappers for OAuth connectors. No database, no configuration: callers
// pass endpoints and credentials in, and get plain data back.
export { requestWithRetry, retryAfterMs, ProviderError, defaultRetryPolicy, type RetryPolicy } from './http';
export { SHOPIFY_CURSOR_KEY, QUICKBOOKS_CURSOR_KEY, SHOPIFY_PAGE_JOB, QUICKBOOKS_PAGE_JOB } from './cursors';
export { dayTime, type DailyValue, type ConnectorMetric } from './points';

export { SHOP_DOMAIN, normalizeShopDomain, shopBaseUrl, shopifyPointSource } from './shopify/shop';
export { SHOPIFY_SCOPES, shopifyAuthorizeUrl, shopifyHmacMessage, verifyShopifyCallback, exchangeShopifyCode, type CallbackProblem, type ShopifyOfflineToken } from './shopify/oauth';
export { fetchOrdersPage, nextPageInfo, callLimitPauseMs, type ShopifyOrder, type OrdersPage, type OrdersPageCursor, type OrdersClientOptions } from './shopify/orders';
export { ledgerEntries, refundEntry, latestUpdate, localDay, type LedgerEntry, type ShopifyRefund } from './shopify/ledger';

export {
  QUICKBOOKS_SCOPE,
  quickbooksAuthorizeUrl,
  exchangeQuickbooksCode,
  refreshQuickbooksTokens,
  needsRefresh,
  TokenRevokedError,
  type IntuitEndpoints,
  type IntuitApp,
  type QuickbooksTokens,
} from './quickbooks/oauth';
export { fetchProfitAndLoss, type QuickbooksReport } from './quickbooks/reports';
export { profitAndLossDaily } from './quickbooks/map';
