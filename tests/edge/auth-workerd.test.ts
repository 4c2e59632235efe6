// functions/auth inside workerd, started by `wrangler dev --env auth`, reaching a real
// PostgreSQL through the Hyperdrive binding's local connection string (as the app role).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signUp, TestClient } from '../support/client';

const templateUrl = inject('pgTemplateUrl');
let wrangler: ChildProcess | undefined;
let baseUrl = '';
let output = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  if (!templateUrl) return;
  const template = new URL(templateUrl).pathname.slice(1);
  const name = template.replace('dyocense_tpl_', 'dyocense_edge_');
  const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  await admin.end();
  const appUrl = new URL(templateUrl);
  appUrl.pathname = `/${name}`;
  appUrl.username = 'dyocense_app';
  appUrl.password = 'unused-under-trust-auth';

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  wrangler = spawn(
    'npx',
    ['wrangler', 'dev', '--env', 'auth', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()),
      '--var', `PUBLIC_URL:${baseUrl}`, '--var', 'APP_SECRET:edge-test-secret-0123456789-0123456789', '--var', 'LOG_LEVEL:warn', '--var', 'NODE_ENV:test'],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: appUrl.href,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        DO_NOT_TRACK: '1',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        NO_COLOR: '1',
      },
    },
  );
  wrangler.stdout!.on('data', (d) => (output += d));
  wrangler.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || wrangler.exitCode !== null) throw new Error(`wrangler dev did not start:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});

afterAll(() => {
  // wrangler starts workerd children: stop the whole process group.
  if (wrangler?.pid) {
    try {
      process.kill(-wrangler.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
});

describe.runIf(templateUrl)('auth inside workerd', () => {
  it('signs up, resolves the session, logs out and in, against PostgreSQL via Hyperdrive', async () => {
    const client = new TestClient(baseUrl);
    const created = await signUp(client, { businessName: 'Edge Espresso' });
    expect(created.tenant.name).toBe('Edge Espresso');
    const me = await client.get('/api/auth/session');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ tenant: { name: 'Edge Espresso' }, role: 'owner' });
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/session')).status).toBe(401);
    expect((await client.post('/api/auth/login', { email: created.user.email, password: created.password })).status).toBe(200);
    expect((await client.get('/api/auth/members')).status).toBe(200);
  });

  it('answers bad input with problem+json there too', async () => {
    const res = await new TestClient(baseUrl).post('/api/auth/login', { email: 'nope' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe.skipIf(templateUrl)('auth inside workerd (skipped)', () => {
  it.skip('needs DATABASE_URL: the Workers test runs against a real PostgreSQL', () => {});
});
