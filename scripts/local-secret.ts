import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The embedded default needs a secret too: made once and kept beside the data (mode 600). */
export function localSecret(dataDir: string): string {
  const dir = resolve(dataDir);
  const file = join(dir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** process.env with the local secret filled in when none is configured. */
export function localEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  env.APP_SECRET ||= localSecret(env.DATA_DIR || './.dyocense');
  return env;
}
