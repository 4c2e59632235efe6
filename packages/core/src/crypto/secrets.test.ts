import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config';
import { connectorKeyring, keyringFromKeys, needsReseal, openCredentials, openSecret, sealCredentials, sealSecret, SecretError } from './secrets';

const key = () => randomBytes(32).toString('base64');

describe('secrets at rest (AES-256-GCM)', () => {
  it('round-trips, with a fresh 96-bit IV per value', async () => {
    const ring = await keyringFromKeys(key());
    const a = await sealSecret(ring, 'sk_test_123');
    const b = await sealSecret(ring, 'sk_test_123');
    expect(await openSecret(ring, a)).toBe('sk_test_123');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    const bytes = Buffer.from(a.ciphertext, 'base64');
    expect(bytes.subarray(0, 12).equals(Buffer.from(b.ciphertext, 'base64').subarray(0, 12))).toBe(false);
    expect(bytes.length).toBe(12 + 'sk_test_123'.length + 16);
    expect(a.ciphertext).not.toContain('sk_test');
  });

  it('refuses a flipped byte, a different context, or an unknown key id', async () => {
    const ring = await keyringFromKeys(key());
    const sealed = await sealSecret(ring, 'token', 'tenant-a');
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[20]! ^= 1;
    await expect(openSecret(ring, { ...sealed, ciphertext: bytes.toString('base64') }, 'tenant-a')).rejects.toBeInstanceOf(SecretError);
    await expect(openSecret(ring, sealed, 'tenant-b')).rejects.toBeInstanceOf(SecretError);
    await expect(openSecret(ring, { ...sealed, keyId: '0000000000000000' }, 'tenant-a')).rejects.toThrow(/no key with id/);
  });

  it('rotates: values sealed under an old key still open, new ones use the new key', async () => {
    const oldKey = key();
    const before = await keyringFromKeys(oldKey);
    const sealed = await sealCredentials(before, 't1', { apiKey: 'sk_live_x' });
    const after = await keyringFromKeys(key(), [oldKey]);
    expect(needsReseal(after, sealed)).toBe(true);
    expect(await openCredentials(after, 't1', sealed)).toEqual({ apiKey: 'sk_live_x' });
    const resealed = await sealCredentials(after, 't1', { apiKey: 'sk_live_x' });
    expect(resealed.keyId).toBe(after.currentId);
    expect(resealed.keyId).not.toBe(sealed.keyId);
    // Without the old key the old value no longer opens.
    await expect(openCredentials(await keyringFromKeys(key()), 't1', sealed)).rejects.toBeInstanceOf(SecretError);
  });

  it('reads CONNECTOR_KEY from config, or derives a stable key from APP_SECRET outside production', async () => {
    const base = { CONNECTOR_OLD_KEYS: '', NODE_ENV: 'development' as const };
    const k = key();
    const configured = await connectorKeyring({ ...base, CONNECTOR_KEY: k, APP_SECRET: undefined });
    expect(configured.currentId).toBe((await keyringFromKeys(k)).currentId);
    const d1 = await connectorKeyring({ ...base, CONNECTOR_KEY: undefined, APP_SECRET: 'x'.repeat(40) });
    const d2 = await connectorKeyring({ ...base, CONNECTOR_KEY: undefined, APP_SECRET: 'x'.repeat(40) });
    expect(d1.currentId).toBe(d2.currentId);
    await expect(connectorKeyring({ ...base, NODE_ENV: 'production', CONNECTOR_KEY: undefined, APP_SECRET: 'x'.repeat(40) })).rejects.toBeInstanceOf(ConfigError);
    await expect(keyringFromKeys(Buffer.alloc(16).toString('base64'))).rejects.toThrow(/32 bytes/);
  });
});
