import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyShopifyHmac } from './shopify-signature';

const body = new TextEncoder().encode(JSON.stringify({ id: 820982911946154500, email: 'jon@example.com' }));
const hmac = (secret: string, data: Uint8Array) => createHmac('sha256', secret).update(data).digest('base64');

describe('X-Shopify-Hmac-Sha256 verification', () => {
  it('accepts the new and the old secret during rotation', () => {
    expect(verifyShopifyHmac({ header: hmac('new-secret', body), rawBody: body, secrets: ['new-secret', 'old-secret'] }).ok).toBe(true);
    expect(verifyShopifyHmac({ header: hmac('old-secret', body), rawBody: body, secrets: ['new-secret', 'old-secret'] }).ok).toBe(true);
    expect(verifyShopifyHmac({ header: hmac('retired', body), rawBody: body, secrets: ['new-secret', 'old-secret'] }).ok).toBe(false);
  });

  it('refuses forged digests and changed bodies (1,000 tries each)', () => {
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      if (verifyShopifyHmac({ header: randomBytes(32).toString('base64'), rawBody: body, secrets: ['s3cret-value'] }).ok) accepted++;
      const changed = new Uint8Array(body);
      changed[i % changed.length]! ^= 1 + (i % 200);
      if (verifyShopifyHmac({ header: hmac('s3cret-value', body), rawBody: changed, secrets: ['s3cret-value'] }).ok) accepted++;
    }
    expect(accepted).toBe(0);
  });

  it('refuses missing, hex or truncated headers', () => {
    for (const header of [undefined, '', createHmac('sha256', 'x').update(body).digest('hex'), hmac('x', body).slice(0, 20)]) {
      expect(verifyShopifyHmac({ header, rawBody: body, secrets: ['x'] }).ok).toBe(false);
    }
  });
});
