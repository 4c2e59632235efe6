// Forecast engine bench: accuracy and speed on the 11 public R series (12/8-step holdout) next to R's
// forecast package (reference.json), a 1,000-series batch on a worker-thread pool, and R's own timing
// on the same series when Rscript is installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { forecast, type ForecastMethod } from '../../packages/forecaster/src/index';
import { coverage, mase, seasonalNaiveMae, smape } from '../../packages/forecaster/src/metrics';

const dataDir = fileURLToPath(new URL('../../packages/forecaster/test-data/', import.meta.url));

type Ref = Record<string, Record<string, number>> & { period: number; horizon: number };
type Series = { name: string; period: number; horizon: number; y: number[]; ref: Ref };

function loadSeries(): Series[] {
  const ref = JSON.parse(readFileSync(join(dataDir, 'reference.json'), 'utf8')) as Record<string, Ref>;
  return Object.entries(ref)
    .filter(([k]) => !k.startsWith('_'))
    .map(([name, r]) => ({
      name,
      period: r.period,
      horizon: r.horizon,
      ref: r,
      y: readFileSync(join(dataDir, `${name}.csv`), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1])),
    }));
}

const R_NAME: Partial<Record<ForecastMethod, string>> = { arima: 'auto_arima', ets: 'ets', theta: 'thetaf', snaive: 'snaive', auto: 'auto_arima', ensemble: 'comb' };

function evaluate(series: Series[], method: ForecastMethod) {
  const rows = series.map((s) => {
    const train = s.y.slice(0, -s.horizon);
    const test = s.y.slice(-s.horizon);
    const t0 = performance.now();
    const r = forecast(train, { period: s.period, horizon: s.horizon, method });
    const ms = performance.now() - t0;
    const i80 = r.intervals.find((i) => i.level === 80);
    const i95 = r.intervals.find((i) => i.level === 95);
    return {
      name: s.name,
      mase: mase(test, r.mean, seasonalNaiveMae(train, s.period)),
      smape: smape(test, r.mean),
      cov80: i80 ? coverage(test, i80.lower, i80.upper) : NaN,
      cov95: i95 ? coverage(test, i95.lower, i95.upper) : NaN,
      ms,
      rMase: s.ref[R_NAME[method] ?? '']?.mase ?? NaN,
      rSmape: s.ref[R_NAME[method] ?? '']?.smape ?? NaN,
      models: r.models.filter((m) => m.weight > 0).map((m) => `${m.spec}×${m.weight.toFixed(2)}`).join(' + '),
    };
  });
  const avg = (k: keyof (typeof rows)[number]) => rows.reduce((a, r) => a + (r[k] as number), 0) / rows.length;
  return { rows, mase: avg('mase'), smape: avg('smape'), cov80: avg('cov80'), cov95: avg('cov95'), ms: avg('ms'), rMase: avg('rMase'), rSmape: avg('rSmape') };
}

/** Worker-pool task: forecast a chunk of series with 'auto'; returns how many succeeded. */
export function batchTask(chunk: { values: number[]; period: number; horizon: number }[]): number {
  let ok = 0;
  for (const s of chunk) if (forecast(s.values, { period: s.period, horizon: s.horizon }).mean.length === s.horizon) ok++;
  return ok;
}

/** 1,000 monthly series: windows of the public monthly series, rescaled and perturbed deterministically. */
function syntheticMonthly(series: Series[], count: number) {
  const monthly = series.filter((s) => s.period === 12);
  let seed = 2024;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: count }, (_, i) => {
    const base = monthly[i % monthly.length] as Series;
    const len = Math.min(base.y.length, 60 + Math.floor(rand() * 85));
    const start = Math.floor(rand() * (base.y.length - len + 1));
    const scale = 0.5 + 2 * rand();
    const values = base.y.slice(start, start + len).map((v) => v * scale * (1 + 0.03 * (rand() - 0.5)));
    return { values, period: 12, horizon: 12 };
  });
}

function rTiming(series: Series[]): Record<string, number> | null {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fc-bench-'));
  try {
    writeFileSync(join(dir, 'series.json'), JSON.stringify(series.map((s) => ({ y: s.y.slice(0, -s.horizon), period: s.period, h: s.horizon }))));
    const script = `suppressMessages({library(forecast); library(jsonlite)})
s <- fromJSON("${join(dir, 'series.json')}", simplifyVector = FALSE)
tm <- function(f) { t0 <- proc.time()[["elapsed"]]; for (x in s) { y <- ts(unlist(x$y), frequency = x$period); f(y, x$h) }; (proc.time()[["elapsed"]] - t0) / length(s) }
out <- list(
  auto_arima = tm(function(y, h) forecast(auto.arima(y), h = h)),
  ets = tm(function(y, h) forecast(ets(y), h = h)),
  thetaf = tm(function(y, h) thetaf(y, h = h)),
  comb = tm(function(y, h) { forecast(auto.arima(y), h = h); forecast(ets(y), h = h); thetaf(y, h = h) }))
cat(toJSON(out, auto_unbox = TRUE))`;
    const out = execFileSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split('\n').pop() as string) as Record<string, number>;
  } catch (e) {
    console.log(`R timing failed: ${(e as Error).message.split('\n')[0]}`);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)] as number;

/**
 * The product path: the demo café's two years of daily revenue loaded into a fresh PGlite through the
 * ingest path, forecast over HTTP (POST /api/forecast: history read, job recorded, engine on a worker
 * thread, result written) against the engine called directly in this process, in the same run.
 */
async function productPath(): Promise<void> {
  const { serve } = await import('@hono/node-server');
  const { loadConfig, withTenant } = await import('@dyocense/core');
  const { createNodeRuntime, migratePglite, startPglite } = await import('@dyocense/core/node');
  const { generateCafe } = await import('@dyocense/demo-data');
  const { checkPoints, ingestChecked, loadCatalog } = await import('@dyocense/metrics');
  const { buildServer } = await import('../server');

  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const values = generateCafe({ endDate: yesterday }).points.filter((p) => p.metric === 'revenue');
  const y = values.map((p) => p.value);

  // Accuracy on the last four weeks held out, against seasonal naive on the same weeks.
  const h = 28;
  const train = y.slice(0, -h);
  const test = y.slice(-h);
  const scale = seasonalNaiveMae(train, 7);
  const ours = mase(test, forecast(train, { period: 7, horizon: h }).mean, scale);
  const naive = mase(test, test.map((_, i) => train[train.length - 7 + (i % 7)] as number), scale);
  console.log(`
Demo café daily revenue (${y.length} days), last ${h} days held out: MASE 'auto' ${f3(ours)} · seasonal naive ${f3(naive)} · ratio ${f3(ours / naive)}`);

  const direct: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    forecast(y, { period: 7, horizon: h });
    direct.push(performance.now() - t0);
  }

  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  const pglite = await startPglite();
  await migratePglite(pglite);
  const config = loadConfig({ APP_SECRET: 'bench-secret-0123456789-0123456789-01', LOG_LEVEL: 'warn', PUBLIC_URL: url, PORT: String(port) });
  const runtime = await createNodeRuntime(config, { pglite, migrated: true, poller: false });
  const server = serve({ fetch: buildServer(runtime).fetch, port, hostname: '127.0.0.1' });
  try {
    const headers = { 'content-type': 'application/json', origin: url };
    const signup = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'a-long-enough-passphrase', name: 'Bench', businessName: 'Bench Café' }),
    });
    const { tenant } = (await signup.json()) as { tenant: { id: string } };
    const cookie = signup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const catalog = await withTenant(runtime.db, tenant.id, loadCatalog);
    await ingestChecked(runtime.db, tenant.id, checkPoints(values, catalog, 'demo').clean);

    const viaApi = async () => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/forecast`, { method: 'POST', headers: { ...headers, cookie, prefer: 'wait=10' }, body: JSON.stringify({ metric: 'revenue', horizon: h }) });
      const body = (await res.json()) as { status: string };
      if (res.status !== 201 || body.status !== 'succeeded') throw new Error(`POST /api/forecast answered ${res.status} ${body.status}`);
      return performance.now() - t0;
    };
    const cold = await viaApi();
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await viaApi());
    const d = median(direct);
    console.log(`  engine called directly: ${d.toFixed(0)} ms (median of 3)`);
    console.log(`  POST /api/forecast on PGlite: first ${cold.toFixed(0)} ms (starts a worker thread) · then ${median(warm).toFixed(0)} ms (median of 5) · ratio to direct ${(median(warm) / d).toFixed(2)}`);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await runtime.close();
  }
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '  -  ');

export default async function run(): Promise<void> {
  const series = loadSeries();
  // Warm the JIT so the first method is not charged for compilation.
  forecast(series[0]?.y ?? [], { period: 12, horizon: 12 });

  console.log(`Accuracy on ${series.length} series (holdout: last 12 monthly / 8 quarterly); R = forecast package, reference.json`);
  console.log('method    MASE   R MASE  ratio  sMAPE  R sMAPE  cov80  cov95  ms/series');
  const results = new Map<ForecastMethod, ReturnType<typeof evaluate>>();
  for (const method of ['snaive', 'ets', 'arima', 'theta', 'trees', 'ensemble', 'auto'] as const) {
    const r = evaluate(series, method);
    results.set(method, r);
    console.log(
      `${method.padEnd(9)} ${f3(r.mase)}  ${f3(r.rMase)}  ${f3(r.mase / r.rMase)}  ${r.smape.toFixed(2).padStart(5)}  ${r.rSmape.toFixed(2).padStart(7)}  ${f3(r.cov80)}  ${f3(r.cov95)}  ${r.ms.toFixed(1).padStart(8)}`,
    );
  }
  console.log("(R for 'auto' is auto.arima, the best R method on this set; for 'ensemble' R's simple average of auto.arima+ets+thetaf)");
  const auto = results.get('auto');
  if (auto) {
    console.log("\n'auto' per series: MASE (R auto.arima) · ms · models");
    for (const r of auto.rows) console.log(`  ${r.name.padEnd(15)} ${f3(r.mase)} (${f3(r.rMase)})  ${r.ms.toFixed(0).padStart(4)} ms  ${r.models}`);
  }

  const batch = syntheticMonthly(series, 1000);
  const threads = Math.max(1, availableParallelism());
  const pool = new Piscina({ filename: fileURLToPath(import.meta.url), name: 'batchTask', maxThreads: threads, minThreads: threads, execArgv: ['--import', 'tsx'] });
  const chunks: (typeof batch)[] = [];
  for (let i = 0; i < batch.length; i += 25) chunks.push(batch.slice(i, i + 25));
  const t0 = performance.now();
  const done = (await Promise.all(chunks.map((c) => pool.run(c) as Promise<number>))).reduce((a, b) => a + b, 0);
  const secs = (performance.now() - t0) / 1000;
  await pool.destroy();
  console.log(`\nBatch: ${done}/${batch.length} monthly series (60–144 points, h=12, 'auto') on ${threads} worker threads: ${secs.toFixed(1)} s (target < 60 s)`);
  // Wall time depends on what else runs on the machine; the load average says how shared the cores were.
  console.log(`  (1-minute load average after the batch: ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores)`);

  await productPath();

  const r = rTiming(series);
  if (!r) {
    console.log('\nRscript not found: R timing skipped');
    return;
  }
  console.log('\nTime per series, this package vs R on the same machine and series (ratio < 1 = faster):');
  const pairs: [string, ForecastMethod, string][] = [['auto.arima', 'arima', 'auto_arima'], ['ets', 'ets', 'ets'], ['thetaf', 'theta', 'thetaf'], ['arima+ets+thetaf', 'auto', 'comb']];
  for (const [label, ours, key] of pairs) {
    const mine = (results.get(ours)?.ms ?? NaN) / 1000;
    const theirs = r[key] ?? NaN;
    console.log(`  ${label.padEnd(18)} R ${theirs.toFixed(3)} s · ours (${ours}) ${mine.toFixed(3)} s · ratio ${(mine / theirs).toFixed(2)}`);
  }
}
