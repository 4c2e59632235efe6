import { createHmac, timingSafeEqual } from 'node:crypto';

export const STRIPE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true; timestamp?: number } | { ok: false; reason: string };

/** `t=…,v1=…,v1=…,v0=…`: the timestamp and every v1 signature (other schemes are ignored). */
export function parseStripeSignature(header: string): { timestamp: number; v1: string[] } | null {
  let timestamp = Number.NaN;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) v1.push(value.toLowerCase());
  }
  return Number.isFinite(timestamp) && v1.length > 0 ? { timestamp, v1 } : null;
}

/**
 * Verifies a Stripe-Signature header the way Stripe specifies: HMAC-SHA256 of `${t}.${body}`
 * under the endpoint secret, compared in constant time with every v1 signature, and a
 * timestamp within the tolerance (either side: a future-dated signature is no fresher).
 * Several secrets are tried so an endpoint keeps working while its secret is rolled.
 */
export function verifyStripeSignature(opts: {
  header: string | undefined;
  rawBody: Uint8Array;
  secrets: readonly string[];
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!opts.header) return { ok: false, reason: 'the Stripe-Signature header is missing' };
  const parsed = parseStripeSignature(opts.header);
  if (!parsed) return { ok: false, reason: 'the Stripe-Signature header has no timestamp or no v1 signature' };
  const tolerance = opts.toleranceSeconds ?? STRIPE_TOLERANCE_SECONDS;
  if (Math.abs(opts.nowSeconds - parsed.timestamp) > tolerance) {
    return { ok: false, reason: `the signature timestamp is outside the ${tolerance} s tolerance` };
  }
  const signed = Buffer.concat([Buffer.from(`${parsed.timestamp}.`, 'utf8'), opts.rawBody]);
  for (const secret of opts.secrets) {
    const expected = createHmac('sha256', secret).update(signed).digest();
    for (const candidate of parsed.v1) {
      if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) return { ok: true, timestamp: parsed.timestamp };
    }
  }
  return { ok: false, reason: 'no v1 signature matches the payload under any configured secret' };
}
