import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '@dyocense/core';

/**
 * What must survive the trip to the provider and back: who started the connection (tenant,
 * user), the random state, and for Shopify the shop. A signed cookie, so the flow needs no
 * server-side storage and a callback can only finish a flow this browser started.
 */
export interface ConnectFlow {
  provider: 'shopify' | 'quickbooks';
  state: string;
  tenantId: string;
  userId: string;
  shop?: string;
  /** Seconds since the epoch after which the flow is void. */
  expires: number;
}

export const FLOW_COOKIE = 'dyocense_connect_flow';
const FLOW_PATH = '/api/connect';
const FLOW_SECONDS = 600;
const enc = new TextEncoder();

const mac = (secret: string, payload: string) => hmac(SHA256, enc.encode(`connect-flow:${secret}`), enc.encode(payload));

export function startFlow(c: Context<AppEnv>, secret: string, flow: Omit<ConnectFlow, 'expires'>): void {
  const value: ConnectFlow = { ...flow, expires: Math.floor(Date.now() / 1000) + FLOW_SECONDS };
  const payload = encodeBase64urlNoPadding(enc.encode(JSON.stringify(value)));
  setCookie(c, FLOW_COOKIE, `${payload}.${encodeBase64urlNoPadding(mac(secret, payload))}`, {
    httpOnly: true,
    secure: c.get('runtime').config.cookieSecure,
    // Lax: the provider's redirect back is a cross-site top-level navigation.
    sameSite: 'Lax',
    path: FLOW_PATH,
    maxAge: FLOW_SECONDS,
  });
}

/** The flow this browser started for `provider`, if its cookie is genuine and fresh; the cookie is spent either way. */
export function takeFlow(c: Context<AppEnv>, secret: string, provider: ConnectFlow['provider']): ConnectFlow | null {
  const value = getCookie(c, FLOW_COOKIE);
  deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH, secure: c.get('runtime').config.cookieSecure });
  if (!value) return null;
  const [payload, tag] = value.split('.');
  if (!payload || !tag) return null;
  try {
    if (!constantTimeEqual(mac(secret, payload), decodeBase64urlIgnorePadding(tag))) return null;
    const flow = JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(payload))) as ConnectFlow;
    return flow.provider === provider && flow.expires > Date.now() / 1000 ? flow : null;
  } catch {
    return null;
  }
}

/** A state value compared in constant time (it is a bearer secret for the flow). */
export function sameState(a: string | null | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return constantTimeEqual(enc.encode(a), enc.encode(b));
}
