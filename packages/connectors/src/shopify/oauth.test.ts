import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeShopDomain } from './shop';
import { shopifyHmacMessage, verifyShopifyCallback } from './oauth';

const SECRET = 'hush';
const now = Date.UTC(2025, 0, 10, 12);

/** Signed the way Shopify documents it, independently of the code under test. */
function signed(params: Record<string, string>) {
  const message = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`)
    .join('&');
  return new URLSearchParams({ ...params, hmac: createHmac('sha256', SECRET).update(message).digest('hex') });
}

const base = { code: '0907a61c0c8d55e99db179b68161bc00', shop: 'some-shop.myshopify.com', state: '0.6784241404160823', timestamp: String(now / 1000) };

describe('shop domains', () => {
  it('accepts only permanent myshopify domains', () => {
    expect(normalizeShopDomain('Some-Shop.myshopify.com')).toBe('some-shop.myshopify.com');
    for (const bad of ['evil.com', 'shop.myshopify.com.evil.com', '-shop.myshopify.com', 'https://a.myshopify.com', 'a.myshopify.com/x', '', 'a_b.myshopify.com']) {
      expect(normalizeShopDomain(bad)).toBeNull();
    }
  });
});

describe('callback HMAC', () => {
  it('matches the example message in Shopify’s documentation', () => {
    const q = new URLSearchParams('code=0907a61c0c8d55e99db179b68161bc00&hmac=x&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173');
    expect(shopifyHmacMessage(q)).toBe('code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173');
  });

  it('verifies a genuine callback and returns its shop and code', () => {
    const r = verifyShopifyCallback(signed(base), SECRET, now);
    expect(r).toEqual({ ok: true, value: { shop: base.shop, code: base.code, state: base.state } });
  });

  it('refuses tampering, a wrong secret, stale timestamps and bad shops', () => {
    const tampered = signed(base);
    tampered.set('shop', 'other.myshopify.com');
    expect(verifyShopifyCallback(tampered, SECRET, now)).toEqual({ ok: false, problem: 'hmac' });
    expect(verifyShopifyCallback(signed(base), 'other-secret', now)).toEqual({ ok: false, problem: 'hmac' });
    expect(verifyShopifyCallback(signed({ ...base, timestamp: String(now / 1000 - 3600) }), SECRET, now)).toEqual({ ok: false, problem: 'timestamp' });
    expect(verifyShopifyCallback(signed({ ...base, shop: 'evil.com' }), SECRET, now)).toEqual({ ok: false, problem: 'shop' });
    const noHmac = signed(base);
    noHmac.delete('hmac');
    expect(verifyShopifyCallback(noHmac, SECRET, now)).toEqual({ ok: false, problem: 'hmac' });
  });
});
