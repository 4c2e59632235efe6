/** Each connector's key inside data_sources.sync_cursor (one JSON object per source). */
export const SHOPIFY_CURSOR_KEY = 'shopifyOrders';
export const QUICKBOOKS_CURSOR_KEY = 'quickbooksReports';

/** Job kinds that apply one fetched page (see @dyocense/core's jobs/kinds/connect). */
export const SHOPIFY_PAGE_JOB = 'connect.shopify-orders-page';
export const QUICKBOOKS_PAGE_JOB = 'connect.quickbooks-report-page';
