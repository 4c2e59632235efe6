// `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database.
import { loadConfig } from '@dyocense/core';
import { migratePglite, migratePostgres, startPglite } from '@dyocense/core/node';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const config = loadConfig(process.env);
if (config.DATABASE_URL) {
  await migratePostgres(config.DATABASE_URL);
} else {
  mkdirSync(resolve(config.DATA_DIR), { recursive: true });
  const pg = await startPglite({ dataDir: resolve(config.DATA_DIR, 'pgdata') });
  await migratePglite(pg);
  await pg.close();
}
console.log('migrations applied');
