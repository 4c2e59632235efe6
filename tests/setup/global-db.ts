// Runs once per test run. PGlite: migrate once and snapshot, each test file clones the
// snapshot (a fresh initdb costs ~5 s, a clone ~1 s). PostgreSQL (DATABASE_URL): migrate a
// template database once, each test file gets its own CREATE DATABASE … TEMPLATE copy.
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migratePglite, migratePostgres, startPglite } from '@dyocense/core/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplateUrl: string;
  }
}

export function databaseUrlWith(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.href;
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `dyocense_tpl_${runId}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    const templateUrl = databaseUrlWith(url, template);
    await migratePostgres(templateUrl);
    project.provide('pgTemplateUrl', templateUrl);
    project.provide('pgliteSnapshot', '');
    return async () => {
      // Drop every database this run created (the template and the per-file copies).
      const dbs = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`dyocense_%${runId}%`}`;
      for (const { datname } of dbs) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const pg = await startPglite();
  await migratePglite(pg);
  const snapshot = join(tmpdir(), `dyocense-pglite-${runId}.tar.gz`);
  writeFileSync(snapshot, Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer()));
  await pg.close();
  project.provide('pgliteSnapshot', snapshot);
  project.provide('pgTemplateUrl', '');
  return () => rmSync(snapshot, { force: true });
}
