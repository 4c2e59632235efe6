import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';

/** What must survive the round trip to the provider: PKCE verifier, state, nonce. */
export interface FlowState {
  provider: string;
  state: string;
  codeVerifier: string;
  nonce: string;
  /** Seconds since the epoch after which the flow is void. */
  expires: number;
}

const enc = new TextEncoder();

/** A signed (HMAC-SHA256) cookie value: the flow needs no server-side storage. */
export function sealFlowState(secret: string, state: FlowState): string {
  const payload = encodeBase64urlNoPadding(enc.encode(JSON.stringify(state)));
  const mac = encodeBase64urlNoPadding(hmac(SHA256, enc.encode(secret), enc.encode(payload)));
  return `${payload}.${mac}`;
}

export function openFlowState(secret: string, value: string | undefined): FlowState | null {
  if (!value) return null;
  const [payload, mac] = value.split('.');
  if (!payload || !mac) return null;
  try {
    const expected = hmac(SHA256, enc.encode(secret), enc.encode(payload));
    if (!constantTimeEqual(expected, decodeBase64urlIgnorePadding(mac))) return null;
    const state = JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(payload))) as FlowState;
    return state.expires > Date.now() / 1000 ? state : null;
  } catch {
    return null;
  }
}
