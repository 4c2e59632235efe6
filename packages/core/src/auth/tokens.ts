import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 20 random bytes (160 bits) in lower-case base32, as the Lucia guide recommends. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What the database keeps instead of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** API tokens carry a recognisable prefix so leaked ones can be found by secret scanners. */
export const API_TOKEN_PREFIX = 'dyo_';

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + generateToken();
}
