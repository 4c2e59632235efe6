// The production-style entry: migrate, then serve every function in one Node process.
import { serve } from '@hono/node-server';
import { loadConfig } from '@dyocense/core';
import { createNodeRuntime } from '@dyocense/core/node';
import { localEnv } from './local-secret';
import { buildServer } from './server';

export async function startServer(env = localEnv()) {
  const config = loadConfig(env);
  const runtime = await createNodeRuntime(config);
  const app = buildServer(runtime);
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
  };
  return { config, runtime, server, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { config, stop } = await startServer();
  console.log(`Dyocense listening on ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
}
