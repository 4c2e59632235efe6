import { connectorKeyring, openCredentials, sealCredentials, type Config } from '@dyocense/core';
import type { CredentialsInput } from './schema';

/** A source's credentials once opened; each connector reads the fields it needs. */
export interface SourceCredentials {
  apiKey?: string;
  accessToken?: string;
  webhookSecrets?: string[];
  [other: string]: unknown;
}

type Row = { credentialsCiphertext: string | null; credentialsKeyId: string | null };
type Sealable = Pick<Config, 'CONNECTOR_KEY' | 'CONNECTOR_OLD_KEYS' | 'APP_SECRET' | 'NODE_ENV'>;

export async function sealSourceCredentials(config: Sealable, tenantId: string, credentials: SourceCredentials) {
  const sealed = await sealCredentials(await connectorKeyring(config), tenantId, credentials);
  return { credentialsCiphertext: sealed.ciphertext, credentialsKeyId: sealed.keyId };
}

export async function openSourceCredentials(config: Sealable, tenantId: string, row: Row): Promise<SourceCredentials> {
  if (!row.credentialsCiphertext || !row.credentialsKeyId) return {};
  return openCredentials<SourceCredentials>(await connectorKeyring(config), tenantId, { ciphertext: row.credentialsCiphertext, keyId: row.credentialsKeyId });
}

/** Fields given replace the stored ones; fields left out stay. */
export function mergeCredentials(stored: SourceCredentials, update: CredentialsInput): SourceCredentials {
  const merged: SourceCredentials = { ...stored };
  for (const [k, v] of Object.entries(update)) if (v !== undefined) merged[k] = v;
  return merged;
}
