import { ConfigError, type Config } from '../config';

/**
 * Secrets at rest (connector credentials, OAuth tokens): AES-256-GCM with a random 96-bit IV
 * per value. The sealed form records which key sealed it, so a new CONNECTOR_KEY can take over
 * while values sealed under the old ones (CONNECTOR_OLD_KEYS) still open. WebCrypto only, so
 * this runs on Node and on Workers alike.
 */
export interface Sealed {
  /** base64 of IV (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes). */
  ciphertext: string;
  keyId: string;
}

export interface SecretKeyring {
  currentId: string;
  keys: ReadonlyMap<string, CryptoKey>;
}

export class SecretError extends Error {
  override name = 'SecretError';
}

const IV_BYTES = 12;
const KEY_BYTES = 32;
const enc = new TextEncoder();
const dec = new TextDecoder();

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** A key's id: the first 8 bytes of SHA-256 over it, hex. Names the key without revealing it. */
async function keyIdOf(raw: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw as BufferSource));
  return Buffer.from(digest.subarray(0, 8)).toString('hex');
}

function decodeKey(text: string, name: string): Uint8Array {
  const raw = fromBase64(text.trim());
  if (raw.length !== KEY_BYTES) throw new ConfigError(`invalid configuration:\n  ${name}: must be ${KEY_BYTES} bytes, base64`);
  return raw;
}

/** Builds a keyring from base64 keys: the first seals, all of them open. */
export async function keyringFromKeys(current: string, old: readonly string[] = []): Promise<SecretKeyring> {
  const raws = [decodeKey(current, 'CONNECTOR_KEY'), ...old.map((k) => decodeKey(k, 'CONNECTOR_OLD_KEYS'))];
  const keys = new Map<string, CryptoKey>();
  let currentId = '';
  for (const raw of raws) {
    const id = await keyIdOf(raw);
    currentId ||= id;
    keys.set(id, await crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']));
  }
  return { currentId, keys };
}

/** Without CONNECTOR_KEY (development, tests) the key is derived from APP_SECRET with HKDF. */
async function derivedKey(appSecret: string): Promise<string> {
  const base = await crypto.subtle.importKey('raw', enc.encode(appSecret), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('dyocense'), info: enc.encode('connector-credentials') },
    base,
    KEY_BYTES * 8,
  );
  return toBase64(new Uint8Array(bits));
}

const keyrings = new WeakMap<object, Promise<SecretKeyring>>();

/** The keyring for connector credentials described by the configuration (built once per config). */
export function connectorKeyring(config: Pick<Config, 'CONNECTOR_KEY' | 'CONNECTOR_OLD_KEYS' | 'APP_SECRET' | 'NODE_ENV'>): Promise<SecretKeyring> {
  let ring = keyrings.get(config);
  if (!ring) {
    ring = (async () => {
      const old = config.CONNECTOR_OLD_KEYS.split(',').map((k) => k.trim()).filter(Boolean);
      if (config.CONNECTOR_KEY) return keyringFromKeys(config.CONNECTOR_KEY, old);
      if (config.NODE_ENV === 'production' || !config.APP_SECRET) {
        throw new ConfigError('invalid configuration:\n  CONNECTOR_KEY: required to store connector credentials (32 bytes, base64)');
      }
      return keyringFromKeys(await derivedKey(config.APP_SECRET), old);
    })();
    keyrings.set(config, ring);
  }
  return ring;
}

/**
 * Seals a text under the keyring's current key. `context` (e.g. the tenant id) is bound as
 * additional data: a ciphertext copied to another context does not open.
 */
export async function sealSecret(keyring: SecretKeyring, plaintext: string, context = ''): Promise<Sealed> {
  const key = keyring.keys.get(keyring.currentId)!;
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const body = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(context) }, key, enc.encode(plaintext)),
  );
  const out = new Uint8Array(IV_BYTES + body.length);
  out.set(iv);
  out.set(body, IV_BYTES);
  return { ciphertext: toBase64(out), keyId: keyring.currentId };
}

/** Opens a sealed value; a wrong key, context or a tampered byte is a SecretError. */
export async function openSecret(keyring: SecretKeyring, sealed: Sealed, context = ''): Promise<string> {
  const key = keyring.keys.get(sealed.keyId);
  if (!key) throw new SecretError(`no key with id ${sealed.keyId} (was it removed from CONNECTOR_OLD_KEYS?)`);
  const bytes = fromBase64(sealed.ciphertext);
  if (bytes.length < IV_BYTES + 16) throw new SecretError('sealed value is truncated');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: enc.encode(context) },
      key,
      bytes.subarray(IV_BYTES),
    );
    return dec.decode(plain);
  } catch {
    throw new SecretError('sealed value does not open (wrong key or context, or tampered)');
  }
}

/** Whether a value was sealed under an old key and should be sealed again. */
export const needsReseal = (keyring: SecretKeyring, sealed: Sealed) => sealed.keyId !== keyring.currentId;

/**
 * A data source's credentials object, sealed with the tenant id as context. Both columns of
 * data_sources (credentials_ciphertext, credentials_key_id) come from the result.
 */
export async function sealCredentials(keyring: SecretKeyring, tenantId: string, credentials: object): Promise<Sealed> {
  return sealSecret(keyring, JSON.stringify(credentials), `data_sources:${tenantId}`);
}

export async function openCredentials<T extends object = Record<string, unknown>>(keyring: SecretKeyring, tenantId: string, sealed: Sealed): Promise<T> {
  return JSON.parse(await openSecret(keyring, sealed, `data_sources:${tenantId}`)) as T;
}
