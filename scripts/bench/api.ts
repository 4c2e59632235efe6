// `npm run bench -- api`: an authenticated, tenant-scoped read under load on loopback,
// against a real PostgreSQL, beside a bare node:http JSON server measured in the same run.
// Each server runs in its own process (one core each, as deployed); autocannon drives them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { migratePostgres } from '@dyocense/core/node';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

const bareServer = fileURLToPath(new URL('./bare-server.mjs', import.meta.url));

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Figure> {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up
  const r = await autocannon({ url, connections, duration: seconds, headers });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export default async function run(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `dyocense_bench_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  await migratePostgres(dbUrl.href);

  const children: ChildProcess[] = [];
  const rows: { workers: number; figures: Figure[] }[] = [];
  try {
    for (const workers of (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number)) {
      const barePort = await freePort();
      const bare = spawn(process.execPath, [bareServer], { env: { ...process.env, PORT: String(barePort), SERVER_WORKERS: String(workers) }, stdio: 'ignore' });
      children.push(bare);

      const appPort = await freePort();
      const appUrl = `http://127.0.0.1:${appPort}`;
      const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: dbUrl.href,
          DATABASE_POOL_SIZE: '16',
          SERVER_WORKERS: String(workers),
          PORT: String(appPort),
          PUBLIC_URL: appUrl,
          APP_SECRET: 'bench-secret-0123456789-0123456789-01',
          LOG_LEVEL: 'info',
        },
        // Access logs stay on, as in production; they go to /dev/null here.
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(app);
      await waitFor(`http://127.0.0.1:${barePort}/`, bare);
      await waitFor(`${appUrl}/ready`, app);

      const email = `bench-${workers}@example.com`;
      const signup = await fetch(`${appUrl}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: appUrl },
        body: JSON.stringify({ email, password: 'load-test-passphrase-7', name: 'Bench', businessName: 'Bench Bakery' }),
      });
      if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${await signup.text()}`);
      const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!;

      rows.push({
        workers,
        figures: [
          await load('bare node:http JSON', `http://127.0.0.1:${barePort}/`),
          await load('GET /api/auth/session (cookie)', `${appUrl}/api/auth/session`, { cookie }),
          await load('GET /api/auth/members (cookie, RLS transaction)', `${appUrl}/api/auth/members`, { cookie }),
        ],
      });
      bare.kill('SIGTERM');
      app.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`\napi bench: ${connections} connections, ${seconds} s each after 2 s warm-up, loopback, PostgreSQL ${new URL(adminUrl).host}\n`);
    console.log('| processes | what | req/s | ratio to bare | p50 ms | p99 ms | errors |');
    console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const { workers, figures } of rows) {
      const baseline = figures[0]!.rps;
      for (const f of figures) {
        console.log(`| ${workers} | ${f.name} | ${Math.round(f.rps)} | ${(f.rps / baseline).toFixed(2)} | ${f.p50} | ${f.p99} | ${f.errors + f.non2xx} |`);
      }
    }
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
