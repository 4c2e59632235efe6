import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { loadConfig, type Config } from '@dyocense/core';
import { createNodeRuntime, startPglite, type NodeRuntime } from '@dyocense/core/node';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export const testDatabaseKind = () => (inject('pgTemplateUrl') ? 'postgres' : 'pglite');

let counter = 0;

/**
 * A fresh database for one test file, migrated, and a runtime on it as the app role:
 * a clone of the PGlite snapshot, or a copy of the PostgreSQL template database.
 */
export async function createTestRuntime(env: Record<string, string> = {}): Promise<NodeRuntime & { config: Config }> {
  const base = { NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', APP_SECRET: TEST_SECRET, JOBS_RETRY_BASE_MS: '20', JOBS_WARM_WORKERS: '0', ...env };
  const templateUrl = inject('pgTemplateUrl');
  if (templateUrl) {
    const template = new URL(templateUrl).pathname.slice(1);
    const name = `${template.replace('dyocense_tpl_', 'dyocense_t_')}_${process.pid}_${++counter}`;
    const admin = postgres(templateUrl.replace(`/${template}`, `/${new URL(process.env.DATABASE_URL!).pathname.slice(1)}`), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    await admin.end();
    const url = new URL(templateUrl);
    url.pathname = `/${name}`;
    const config = loadConfig({ ...base, DATABASE_URL: url.href, DATABASE_POOL_SIZE: '5' });
    return createNodeRuntime(config, { migrated: true });
  }
  const snapshot = readFileSync(inject('pgliteSnapshot'));
  const pglite = await startPglite({ loadDataDir: new Blob([snapshot]) });
  const config = loadConfig(base);
  return createNodeRuntime(config, { pglite, migrated: true });
}
