import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/** Stable hex SHA-256 of a JSON-able value (keys in insertion order): cache keys. */
export function hashOf(value: unknown): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(value))));
}
