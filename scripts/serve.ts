// The production-style entry: migrate, then serve every function from one Node process, or
// from SERVER_WORKERS processes sharing the port (node:cluster) on a server database.
import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { loadConfig } from '@dyocense/core';
import { createNodeRuntime, migratePostgres } from '@dyocense/core/node';
import { localEnv } from './local-secret';
import { buildServer } from './server';

export async function startServer(env = localEnv(), options: { migrated?: boolean } = {}) {
  const config = loadConfig(env);
  const runtime = await createNodeRuntime(config, { migrated: options.migrated });
  const app = buildServer(runtime);
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
  };
  return { config, runtime, server, stop };
}

async function main() {
  const env = localEnv();
  const config = loadConfig(env);
  const workers = config.DATABASE_URL ? config.SERVER_WORKERS : 1;
  if (workers > 1 && cluster.isPrimary) {
    await migratePostgres(config.DATABASE_URL!);
    for (let i = 0; i < workers; i++) cluster.fork({ DYOCENSE_MIGRATED: '1' });
    cluster.on('exit', (worker, code, signal) => {
      if (signal !== 'SIGTERM' && code !== 0) cluster.fork({ DYOCENSE_MIGRATED: '1' });
    });
    console.log(`Dyocense listening on ${config.publicUrl} with ${workers} processes (API docs: ${config.publicUrl}/api/docs)`);
    return;
  }
  const { stop } = await startServer(env, { migrated: process.env.DYOCENSE_MIGRATED === '1' });
  if (cluster.isPrimary) console.log(`Dyocense listening on ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
