import { scrypt as scryptCallback } from 'node:crypto';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';

/**
 * scrypt with OWASP's N=2^14, r=8, p=5 (16 MiB): the memory-hard profile that fits a
 * Workers isolate (128 MB), where N=2^17 would not. node:crypto's scrypt runs natively on
 * Node (off the event loop, in libuv's pool) and on Workers under nodejs_compat.
 * Hashes are self-describing, so parameters can be raised later and old hashes upgraded.
 */
export const scryptParams = { N: 2 ** 14, r: 8, p: 5, keyLength: 32 } as const;

const MIN_LENGTH = 10;
const MAX_LENGTH = 256;

function scrypt(password: string, salt: Uint8Array, p: { N: number; r: number; p: number; keyLength: number }) {
  return new Promise<Uint8Array>((resolve, reject) => {
    scryptCallback(
      password.normalize('NFKC'),
      salt,
      p.keyLength,
      { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = new Uint8Array(16);
  crypto.getRandomValues(salt);
  const key = await scrypt(password, salt, scryptParams);
  const { N, r, p } = scryptParams;
  return `$scrypt$ln=${Math.log2(N)},r=${r},p=${p}$${encodeBase64(salt)}$${encodeBase64(key)}`;
}

function parse(hash: string) {
  const m = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash);
  if (!m) return null;
  const key = decodeBase64(m[5]!);
  return {
    params: { N: 2 ** Number(m[1]), r: Number(m[2]), p: Number(m[3]), keyLength: key.length },
    salt: decodeBase64(m[4]!),
    key,
  };
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const parsed = parse(hash);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.params);
  return constantTimeEqual(key, parsed.key);
}

/** True when a stored hash was made with weaker parameters than today's. */
export function needsRehash(hash: string): boolean {
  const parsed = parse(hash);
  return !parsed || parsed.params.N < scryptParams.N || parsed.params.p < scryptParams.p;
}

/** Spends the same time as a real check, so unknown e-mails cannot be told apart by timing. */
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy-password-for-timing');
  await verifyPassword(await decoy, password);
  return false;
}

/** Rules a new password must meet; returns the reason it does not, or null. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_LENGTH) return `Use at least ${MIN_LENGTH} characters.`;
  if (password.length > MAX_LENGTH) return `Use at most ${MAX_LENGTH} characters.`;
  if (new Set(password).size < 4) return 'Use a less repetitive password.';
  if (email && password.toLowerCase().includes(email.split('@')[0]!.toLowerCase()) && email.split('@')[0]!.length >= 4) {
    return 'Do not build the password from your e-mail address.';
  }
  return null;
}
