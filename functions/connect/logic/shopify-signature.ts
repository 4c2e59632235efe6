import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureCheck } from './stripe-signature';

/**
 * Verifies X-Shopify-Hmac-Sha256: the base64 HMAC-SHA256 of the raw body under the app's
 * client secret. Both the new and the old secret are tried while a secret is being rotated.
 */
export function verifyShopifyHmac(opts: { header: string | undefined; rawBody: Uint8Array; secrets: readonly string[] }): SignatureCheck {
  if (!opts.header) return { ok: false, reason: 'the X-Shopify-Hmac-Sha256 header is missing' };
  if (!/^[A-Za-z0-9+/]{43}=$/.test(opts.header.trim())) return { ok: false, reason: 'the X-Shopify-Hmac-Sha256 header is not a base64 SHA-256 digest' };
  const given = Buffer.from(opts.header.trim(), 'base64');
  for (const secret of opts.secrets) {
    const expected = createHmac('sha256', secret).update(opts.rawBody).digest();
    if (timingSafeEqual(expected, given)) return { ok: true };
  }
  return { ok: false, reason: 'the HMAC does not match the payload under any configured secret' };
}
