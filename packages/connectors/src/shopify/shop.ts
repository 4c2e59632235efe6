/** A permanent *.myshopify.com domain; anything else (custom domains, URLs, paths) is refused. */
export const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function normalizeShopDomain(input: string): string | null {
  const shop = input.trim().toLowerCase();
  return shop.length <= 255 && SHOP_DOMAIN.test(shop) ? shop : null;
}

/**
 * Where a shop's endpoints live. The template is `https://{shop}` in production; tests point
 * it at a local server (`http://127.0.0.1:port/{shop}`) and nothing else changes.
 */
export function shopBaseUrl(template: string, shop: string): string {
  return template.replace('{shop}', shop).replace(/\/$/, '');
}

/**
 * The `source` of the metric points a shop's orders produce. The order sync and the webhooks
 * of a synced shop both write this one series, from the same ledger, so neither adds to the other.
 */
export const shopifyPointSource = (shop: string) => `shopify:${shop}`;
