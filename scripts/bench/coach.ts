// `npm run bench -- coach`: the coach on the demo café over real HTTP: embedded PGlite, or a
// fresh database on the PostgreSQL server of DATABASE_URL when it is set.
// 1. With no model (the composer): time to the first SSE event and to `final` for the four
//    demo questions, sequentially, beside an authenticated JSON read measured in the same run.
// 2. 100 askers at once.
// 3. With a model server that answers instantly (the fake Ollama): the coach's own overhead,
//    i.e. everything but the engines (classify, retrieve, plan, compose, check, persist).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { TestClient } from '../../tests/support/client';
import { startFakeOllama } from '../../tests/support/fake-ollama';
import { askCoach, type AskResult } from '../../functions/coach/testing';
import { seedDemo } from '../seed';
import { startServer } from '../serve';

const QUESTIONS = ['Why did revenue drop in week 37?', 'How many staff on Friday?', 'What should I reorder?', 'Will I hit my goal?'];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 100);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const ms = (v: number) => `${v.toFixed(0).padStart(5)} ms`;

async function freshServerDatabase(): Promise<string | undefined> {
  if (!process.env.DATABASE_URL) return undefined;
  const name = `dyocense_coach_bench_${Date.now().toString(36)}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return url.href;
}

async function start(dataDir: string, databaseUrl: string | undefined, extra: Record<string, string> = {}) {
  const port = await freePort();
  const { runtime, stop } = await startServer({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    COOKIE_SECURE: 'false',
    APP_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    DATABASE_URL: databaseUrl,
    ...extra,
  });
  return { url: `http://127.0.0.1:${port}`, runtime, stop };
}

function check(r: AskResult, q: string) {
  if (!r.final) throw new Error(`"${q}" got no final event: ${JSON.stringify(r.error)}`);
}

export default async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dyocense-coach-bench-'));
  const ollama = await startFakeOllama();
  const databaseUrl = await freshServerDatabase();
  console.log(`database: ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}`);
  let server = await start(dataDir, databaseUrl);
  try {
    console.log('seeding the demo café…');
    const login = await seedDemo(server.runtime.db, dataDir);
    const client = new TestClient(server.url);
    if ((await client.post('/api/auth/login', { email: login.email, password: login.password })).status !== 200) throw new Error('login failed');

    // Baseline: an authenticated read of the same server, same moment.
    const base: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await (await client.get('/api/coach/sessions?limit=5')).json();
      base.push(performance.now() - t);
    }
    const baseP50 = pct(base, 50);

    console.log(`\nNo model (composer), ${ROUNDS} rounds after one warm-up; baseline GET /api/coach/sessions p50 ${ms(baseP50)}`);
    console.log('question                              cold final  first p50  first p95  final p50  final p95  final p95 ÷ baseline');
    const allFinal: number[] = [];
    const allFirst: number[] = [];
    for (const q of QUESTIONS) {
      const warm = await askCoach(client, { question: q });
      check(warm, q);
      if (process.env.BENCH_VERBOSE) console.log(`\n${q}\n${warm.final.answer}\n${JSON.stringify(warm.final.steps)}\n`);
      const first: number[] = [];
      const final: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const r = await askCoach(client, { question: q });
        check(r, q);
        first.push(r.firstEventMs);
        final.push(r.totalMs);
      }
      allFinal.push(...final);
      allFirst.push(...first);
      console.log(`${q.padEnd(36)} ${ms(warm.totalMs)}   ${ms(pct(first, 50))}   ${ms(pct(first, 95))}   ${ms(pct(final, 50))}   ${ms(pct(final, 95))}   ${(pct(final, 95) / baseP50).toFixed(0)}×`);
    }
    console.log(`all four                                          ${ms(pct(allFirst, 50))}   ${ms(pct(allFirst, 95))}   ${ms(pct(allFinal, 50))}   ${ms(pct(allFinal, 95))}`);

    console.log(`\n${CONCURRENT} askers at once (the four questions in turn)`);
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => askCoach(client, { question: QUESTIONS[i % QUESTIONS.length]! })));
    const wall = performance.now() - t0;
    const ok = results.filter((r) => r.final);
    console.log(`  answered ${ok.length}/${CONCURRENT} in ${ms(wall)} wall; first event p50 ${ms(pct(ok.map((r) => r.firstEventMs), 50))} p95 ${ms(pct(ok.map((r) => r.firstEventMs), 95))}; final p50 ${ms(pct(ok.map((r) => r.totalMs), 50))} p95 ${ms(pct(ok.map((r) => r.totalMs), 95))}`);

    await server.stop();
    server = await start(dataDir, databaseUrl, { LLM_LOCAL_URL: ollama.url, LLM_LOCAL_MODEL: 'llama3:8b' });
    const withModel = new TestClient(server.url);
    await withModel.post('/api/auth/login', { email: login.email, password: login.password });
    console.log('\nWith a local model that answers at once (fake Ollama): the coach\'s own time, engines excluded');
    const overhead: number[] = [];
    const perStep: Record<string, number[]> = {};
    for (const q of QUESTIONS) {
      for (let i = 0; i < ROUNDS; i++) {
        // Each round asks something new, so the answer cache does not hide the model call.
        const r = await askCoach(withModel, { question: `${q} (${i})` });
        check(r, q);
        overhead.push(r.totalMs - r.final.steps.find((s: { node: string }) => s.node === 'run_tools').ms);
        for (const step of r.final.steps as { node: string; ms: number }[]) (perStep[step.node] ??= []).push(step.ms);
        if (r.final.provider !== 'ollama') throw new Error(`expected the local model to answer, got ${r.final.provider}`);
      }
    }
    console.log(`  per step p50: ${Object.entries(perStep).map(([node, xs]) => `${node} ${pct(xs, 50).toFixed(0)} ms`).join(', ')}`);
    console.log(`  overhead p50 ${ms(pct(overhead, 50))} p95 ${ms(pct(overhead, 95))} (${overhead.length} asks; target < 200 ms)`);
  } finally {
    await server.stop().catch(() => {});
    await ollama.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
