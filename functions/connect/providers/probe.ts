import type { Config } from '@dyocense/core';
import type { SourceCredentials } from '../credentials';

export interface ProbeResult {
  ok: boolean;
  detail: string;
  account: string | null;
  latencyMs: number;
}

const TIMEOUT_MS = 10_000;

async function timed(url: string, headers: Record<string, string>): Promise<{ res: Response | null; ms: number; failure?: string }> {
  const start = performance.now();
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    return { res, ms: Math.round(performance.now() - start) };
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError';
    return { res: null, ms: Math.round(performance.now() - start), failure: timeout ? `no answer within ${TIMEOUT_MS / 1000} s` : 'the provider could not be reached' };
  }
}

/** Sentences about the provider's answer; never its body, which might echo a credential. */
function refusal(status: number): string {
  if (status === 401) return 'The provider refused the credentials (401): they are wrong, expired or revoked.';
  if (status === 403) return 'The credentials are valid but lack the permission to read the account (403).';
  if (status === 404) return 'The provider does not know this account (404).';
  if (status === 429) return 'The provider is rate-limiting these credentials (429); try again shortly.';
  return `The provider answered ${status}.`;
}

/** Stripe: GET /v1/account with the secret key (https://docs.stripe.com/api/accounts/retrieve). */
export async function probeStripe(config: Config, creds: SourceCredentials): Promise<ProbeResult> {
  if (!creds.apiKey) return { ok: false, detail: 'No Stripe API key is stored for this source.', account: null, latencyMs: 0 };
  const { res, ms, failure } = await timed(new URL('/v1/account', config.STRIPE_API_BASE).href, { authorization: `Bearer ${creds.apiKey}` });
  if (!res) return { ok: false, detail: `Stripe: ${failure}.`, account: null, latencyMs: ms };
  if (!res.ok) return { ok: false, detail: `Stripe: ${refusal(res.status)}`, account: null, latencyMs: ms };
  const body = (await res.json().catch(() => null)) as { id?: unknown } | null;
  const account = typeof body?.id === 'string' ? body.id : null;
  return { ok: true, detail: account ? `Connected to Stripe account ${account}.` : 'Connected to Stripe.', account, latencyMs: ms };
}

/** Shopify: GET /admin/api/{version}/shop.json with the offline access token. */
export async function probeShopify(config: Config, shop: string, creds: SourceCredentials): Promise<ProbeResult> {
  if (!creds.accessToken) return { ok: false, detail: 'No Shopify access token is stored for this source.', account: null, latencyMs: 0 };
  const origin = config.SHOPIFY_ADMIN_ORIGIN.replace('{shop}', shop);
  const url = `${origin.replace(/\/$/, '')}/admin/api/${config.SHOPIFY_API_VERSION}/shop.json`;
  const { res, ms, failure } = await timed(url, { 'x-shopify-access-token': creds.accessToken, accept: 'application/json' });
  if (!res) return { ok: false, detail: `Shopify: ${failure}.`, account: null, latencyMs: ms };
  if (!res.ok) return { ok: false, detail: `Shopify: ${refusal(res.status)}`, account: null, latencyMs: ms };
  const body = (await res.json().catch(() => null)) as { shop?: { myshopify_domain?: unknown; name?: unknown } } | null;
  const domain = typeof body?.shop?.myshopify_domain === 'string' ? body.shop.myshopify_domain : null;
  if (domain && domain !== shop) return { ok: false, detail: `The token belongs to ${domain}, not ${shop}.`, account: domain, latencyMs: ms };
  return { ok: true, detail: `Connected to ${typeof body?.shop?.name === 'string' ? body.shop.name : shop}.`, account: domain ?? shop, latencyMs: ms };
}
