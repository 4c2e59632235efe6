// The demo business for the embedded default: a café and its owner's login.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { hashPassword, type Database } from '@dyocense/core';
import { createBusiness } from '../functions/auth/store';

export interface DemoLogin {
  email: string;
  password: string;
  tenantId: string;
}

export const DEMO_EMAIL = 'owner@demo-cafe.dyocense.local';

/** Creates the demo café once; the password is random per installation and kept in DATA_DIR. */
export async function seedDemo(db: Database, dataDir: string): Promise<DemoLogin> {
  const file = join(resolve(dataDir), 'demo-login.json');
  const [existing] = await db.query<{ tenant_id: string }>(sql`select tenant_id from auth_find_login(${DEMO_EMAIL})`);
  if (existing && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoLogin;
  if (existing) throw new Error(`the demo user exists but ${file} is gone; remove the data directory to start over`);

  const password = `cafe-${randomBytes(6).toString('base64url')}`;
  const created = await db.transaction(async (tx) =>
    createBusiness(
      tx,
      { email: DEMO_EMAIL, name: 'Maya Ortiz', passwordHash: await hashPassword(password), emailVerified: true, businessName: 'Harbor Street Café' },
      { ip: 'seed', userAgent: 'seed', sessionDays: 1 },
    ),
  );
  const login: DemoLogin = { email: DEMO_EMAIL, password, tenantId: created.tenant.id };
  writeFileSync(file, JSON.stringify(login, null, 2), { mode: 0o600 });
  return login;
}
