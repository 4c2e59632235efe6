import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { parseStripeSignature, verifyStripeSignature } from './stripe-signature';

// The real Stripe library signs, as a Stripe-side client would.
const stripe = new Stripe('sk_test_signing_only');
const secret = 'whsec_test_0123456789abcdef';
const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'charge.succeeded', data: { object: { id: 'ch_1' } } });
const bytes = (s: string) => new TextEncoder().encode(s);
const now = 1_760_000_000;

const sign = (opts: { payload?: string; secret?: string; timestamp?: number } = {}) =>
  stripe.webhooks.generateTestHeaderString({ payload: opts.payload ?? payload, secret: opts.secret ?? secret, timestamp: opts.timestamp ?? now });

describe('Stripe-Signature verification', () => {
  it('accepts what the stripe library signs', () => {
    expect(verifyStripeSignature({ header: sign(), rawBody: bytes(payload), secrets: [secret], nowSeconds: now })).toEqual({ ok: true, timestamp: now });
  });

  it('accepts any of several secrets (rotation) and any of several v1 signatures', () => {
    const header = sign({ secret: 'whsec_old_secret_value' });
    expect(verifyStripeSignature({ header, rawBody: bytes(payload), secrets: [secret, 'whsec_old_secret_value'], nowSeconds: now }).ok).toBe(true);
    const both = `${sign()},v1=${'0'.repeat(64)}`;
    const reordered = `t=${now},v1=${'f'.repeat(64)},${sign().split(',')[1]}`;
    expect(verifyStripeSignature({ header: both, rawBody: bytes(payload), secrets: [secret], nowSeconds: now }).ok).toBe(true);
    expect(verifyStripeSignature({ header: reordered, rawBody: bytes(payload), secrets: [secret], nowSeconds: now }).ok).toBe(true);
  });

  it('refuses every forged signature, body change and wrong secret (1,000 tries)', () => {
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const forged = `t=${now},v1=${randomBytes(32).toString('hex')}`;
      if (verifyStripeSignature({ header: forged, rawBody: bytes(payload), secrets: [secret], nowSeconds: now }).ok) accepted++;
      const tampered = payload.replace('ch_1', `ch_${i + 2}`);
      if (verifyStripeSignature({ header: sign(), rawBody: bytes(tampered), secrets: [secret], nowSeconds: now }).ok) accepted++;
      if (verifyStripeSignature({ header: sign({ secret: `whsec_other_${i}` }), rawBody: bytes(payload), secrets: [secret], nowSeconds: now }).ok) accepted++;
    }
    expect(accepted).toBe(0);
  });

  it('refuses timestamps outside 300 s either way, and the timestamp cannot be swapped', () => {
    for (const t of [now - 301, now - 3600, now + 301]) {
      const check = verifyStripeSignature({ header: sign({ timestamp: t }), rawBody: bytes(payload), secrets: [secret], nowSeconds: now });
      expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(/tolerance/) });
    }
    expect(verifyStripeSignature({ header: sign({ timestamp: now - 300 }), rawBody: bytes(payload), secrets: [secret], nowSeconds: now }).ok).toBe(true);
    // A fresh t with an old signature: the signature covers t, so it fails.
    const old = sign({ timestamp: now - 1000 });
    const replayed = old.replace(`t=${now - 1000}`, `t=${now}`);
    expect(verifyStripeSignature({ header: replayed, rawBody: bytes(payload), secrets: [secret], nowSeconds: now }).ok).toBe(false);
  });

  it('refuses missing or garbled headers and v0-only signatures', () => {
    for (const header of [undefined, '', 'garbage', `t=${now}`, `v1=${'a'.repeat(64)}`, `t=abc,v1=${'a'.repeat(64)}`, `t=${now},v0=${'a'.repeat(64)}`]) {
      expect(verifyStripeSignature({ header, rawBody: bytes(payload), secrets: [secret], nowSeconds: now }).ok).toBe(false);
    }
    expect(parseStripeSignature(`t=${now},v1=${'A'.repeat(64)},v1=zz`)).toEqual({ timestamp: now, v1: ['a'.repeat(64)] });
  });

  it('signs over the exact bytes: re-serialised JSON does not verify', () => {
    const spaced = JSON.stringify(JSON.parse(payload), null, 2);
    expect(verifyStripeSignature({ header: sign(), rawBody: bytes(spaced), secrets: [secret], nowSeconds: now }).ok).toBe(false);
  });
});
