import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex } from '@oslojs/encoding';
import { jsonOrThrow, ProviderError, requestWithRetry, type RetryPolicy, defaultRetryPolicy } from '../http';
import { normalizeShopDomain, shopBaseUrl } from './shop';

/** What the order sync needs: orders (with refunds) and the customers placing them. */
export const SHOPIFY_SCOPES = ['read_orders', 'read_customers'] as const;

const enc = new TextEncoder();

/**
 * The install redirect. No `grant_options[]=per-user`, so Shopify issues an offline token:
 * it does not expire and keeps working for background syncs.
 */
export function shopifyAuthorizeUrl(input: { apiBase: string; shop: string; apiKey: string; redirectUri: string; state: string }): string {
  const url = new URL(`${shopBaseUrl(input.apiBase, input.shop)}/admin/oauth/authorize`);
  url.searchParams.set('client_id', input.apiKey);
  url.searchParams.set('scope', SHOPIFY_SCOPES.join(','));
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  return url.href;
}

/**
 * The message Shopify signs: every query parameter but `hmac` (and the legacy `signature`),
 * sorted by name, form-encoded and joined with `&`.
 */
export function shopifyHmacMessage(query: URLSearchParams): string {
  const entries = [...query.entries()].filter(([k]) => k !== 'hmac' && k !== 'signature');
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(entries).toString();
}

export type CallbackProblem = 'hmac' | 'shop' | 'timestamp' | 'code';

export interface VerifiedCallback {
  shop: string;
  code: string;
  state: string | null;
}

/**
 * Checks a callback query as Shopify specifies: hex HMAC-SHA256 of the sorted query under
 * the app secret (constant-time), a valid shop domain, and a fresh timestamp.
 */
export function verifyShopifyCallback(
  query: URLSearchParams,
  secret: string,
  now = Date.now(),
  toleranceSeconds = 300,
): { ok: true; value: VerifiedCallback } | { ok: false; problem: CallbackProblem } {
  const given = query.get('hmac') ?? '';
  if (!/^[0-9a-f]{64}$/i.test(given)) return { ok: false, problem: 'hmac' };
  const expected = hmac(SHA256, enc.encode(secret), enc.encode(shopifyHmacMessage(query)));
  if (!constantTimeEqual(expected, decodeHex(given.toLowerCase()))) return { ok: false, problem: 'hmac' };
  const shop = normalizeShopDomain(query.get('shop') ?? '');
  if (!shop || shop !== query.get('shop')) return { ok: false, problem: 'shop' };
  const timestamp = Number(query.get('timestamp'));
  if (!Number.isFinite(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return { ok: false, problem: 'timestamp' };
  const code = query.get('code');
  if (!code) return { ok: false, problem: 'code' };
  return { ok: true, value: { shop, code, state: query.get('state') } };
}

export interface ShopifyOfflineToken {
  accessToken: string;
  scopes: string[];
}

/** Exchanges the callback's code for the shop's offline access token. */
export async function exchangeShopifyCode(
  input: { apiBase: string; shop: string; apiKey: string; apiSecret: string; code: string },
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<ShopifyOfflineToken> {
  const res = await requestWithRetry(
    `${shopBaseUrl(input.apiBase, input.shop)}/admin/oauth/access_token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ client_id: input.apiKey, client_secret: input.apiSecret, code: input.code }),
    },
    policy,
  );
  const body = await jsonOrThrow<{ access_token?: string; scope?: string }>(res, 'Shopify token exchange');
  if (!body.access_token) throw new ProviderError('Shopify token exchange: no access_token in the response', res.status, false);
  const scopes = (body.scope ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  // read_orders is implied by write_orders; Shopify reports only the broader one.
  const missing = SHOPIFY_SCOPES.filter((s) => !scopes.includes(s) && !scopes.includes(s.replace('read_', 'write_')));
  if (missing.length) throw new ProviderError(`Shopify granted fewer scopes than needed (missing ${missing.join(', ')})`, res.status, false);
  return { accessToken: body.access_token, scopes };
}
