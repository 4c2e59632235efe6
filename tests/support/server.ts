import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { NodeRuntime } from '@dyocense/core/node';
import { buildServer } from '../../scripts/server';
import { createTestRuntime } from './runtime';

export interface TestServer {
  url: string;
  runtime: NodeRuntime;
  close(): Promise<void>;
}

/** The real bundled server on a random loopback port, over a fresh database. */
export async function startTestServer(
  env: Record<string, string> | ((url: string) => Record<string, string>) = {},
): Promise<TestServer> {
  // The public URL must be known before the runtime is built (CSRF origin, OAuth redirects),
  // so reserve a port first.
  const probe = serve({ fetch: () => new Response(), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => probe.once('listening', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));

  const url = `http://127.0.0.1:${port}`;
  const runtime = await createTestRuntime({ PUBLIC_URL: url, PORT: String(port), ...(typeof env === 'function' ? env(url) : env) });
  const server = serve({ fetch: buildServer(runtime).fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  return {
    url,
    runtime,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await runtime.close();
    },
  };
}
