// The job dispatcher's three transports, end to end: inline worker threads, HTTP to
// functions/compute, and QStash (a local server speaking its protocol) to functions/compute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, executeJob, HttpProblem, loadConfig, qstashPublisher } from '@dyocense/core';
import { jobKinds, type NodeRuntime } from '@dyocense/core/node';
import type { JobRunner } from '@dyocense/core';
import { createBusiness } from '../../functions/auth/store';
import { createTestRuntime } from '../support/runtime';
import { startTestServer, type TestServer } from '../support/server';
import { signQstash, startFakeQstash } from '../support/fake-qstash';

async function newTenant(runtime: NodeRuntime) {
  const created = await runtime.db.transaction((tx) =>
    createBusiness(tx, { email: `jobs-${crypto.randomUUID()}@x.test`, name: 'J', passwordHash: null, businessName: 'Jobs' }, { ip: 't', userAgent: 't', sessionDays: 1 }),
  );
  return created.tenant.id;
}

describe('inline transport (worker threads)', () => {
  let runtime: NodeRuntime;
  let tenantId: string;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    tenantId = await newTenant(runtime);
  });
  afterAll(() => runtime?.close());

  it('computes on a worker thread and stores the result', async () => {
    const job = await runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: [1, 2, 3.5] });
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1, result: { sum: 6.5, count: 3 } });
    expect(await runtime.jobs.get(tenantId, job.id)).toMatchObject({ status: 'succeeded' });
  });

  it('applies a job once per idempotency key', async () => {
    const first = await runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: [1] }, { idempotencyKey: 'once' });
    const second = await runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: [1] }, { idempotencyKey: 'once' });
    expect(second.id).toBe(first.id);
    expect(second.attempts).toBe(1);
  });

  it('retries with backoff until it succeeds, or gives up after maxAttempts', async () => {
    const recovered = await runtime.jobs.run(tenantId, 'diagnostics.flaky', { failures: 2 }, { maxAttempts: 3 });
    expect(recovered).toMatchObject({ status: 'succeeded', attempts: 3, result: { succeededOnAttempt: 3 } });
    const doomed = await runtime.jobs.run(tenantId, 'diagnostics.flaky', { failures: 5 }, { maxAttempts: 2 });
    expect(doomed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(doomed.error).toContain('planned failure on attempt 2');
  });

  it('runs a job exactly once when two workers race for it', async () => {
    const submitted = await runtime.jobs.submit(tenantId, 'diagnostics.sum', { numbers: [2, 2] }, { idempotencyKey: 'race' });
    let computed = 0;
    const deps = {
      db: runtime.db,
      log: runtime.log,
      registry: jobKinds,
      runner: (async (kind, payload, ctx) => {
        computed++;
        return runtime.jobRunner!(kind, payload, ctx);
      }) satisfies JobRunner,
    };
    await Promise.all([executeJob(deps, tenantId, submitted.id), executeJob(deps, tenantId, submitted.id)]);
    const final = await runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: [2, 2] }, { idempotencyKey: 'race' });
    expect(final).toMatchObject({ status: 'succeeded', attempts: 1, result: { sum: 4 } });
    expect(computed).toBeLessThanOrEqual(1);
  });

  it('keeps the event loop free while a job burns CPU', async () => {
    let maxLag = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last - 10);
      last = now;
    }, 10);
    const job = await runtime.jobs.run(tenantId, 'diagnostics.spin', { milliseconds: 1500 });
    clearInterval(timer);
    expect(job.status).toBe('succeeded');
    // Run on this thread, the loop would stall for the whole 1.5 s.
    expect(maxLag).toBeLessThan(500);
  });

  it('refuses an invalid payload before recording anything', async () => {
    const err = await runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpProblem);
    expect((err as HttpProblem).status).toBe(400);
    const unknown = await runtime.jobs.run(tenantId, 'no.such.kind', {}).catch((e: unknown) => e);
    expect((unknown as HttpProblem).status).toBe(400);
  });

  it("keeps one tenant's jobs out of another's reach", async () => {
    const other = await newTenant(runtime);
    const job = await runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: [9] });
    expect(await runtime.jobs.get(other, job.id)).toBeNull();
    await expect(executeJob({ db: runtime.db, log: runtime.log, registry: jobKinds, runner: runtime.jobRunner! }, other, job.id)).rejects.toThrow(/not found/);
  });
});

describe('http transport to functions/compute', () => {
  const computeToken = 'compute-token-for-tests-0123456789';
  let server: TestServer;
  let tenantId: string;
  beforeAll(async () => {
    server = await startTestServer({ COMPUTE_TOKEN: computeToken });
    tenantId = await newTenant(server.runtime);
  });
  afterAll(() => server?.close());

  it('runs the job on the compute function and returns its outcome', async () => {
    const dispatcher = createDispatcher({ transport: 'http', db: server.runtime.db, log: server.runtime.log, registry: jobKinds, computeUrl: server.url, computeToken });
    const job = await dispatcher.run(tenantId, 'diagnostics.sum', { numbers: [40, 2] });
    expect(job).toMatchObject({ status: 'succeeded', result: { sum: 42, count: 2 } });
    const flaky = await dispatcher.run(tenantId, 'diagnostics.flaky', { failures: 1 });
    expect(flaky).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('refuses callers without the compute token', async () => {
    const job = await server.runtime.jobs.submit(tenantId, 'diagnostics.sum', { numbers: [1] });
    const res = await fetch(`${server.url}/api/compute/jobs/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-token-wrong-token-wrong' },
      body: JSON.stringify({ tenantId, jobId: job.id }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('qstash transport to functions/compute', () => {
  const keys = { current: 'sig_current_key_for_tests_0001', next: 'sig_next_key_for_tests_0002' };
  let qstash: Awaited<ReturnType<typeof startFakeQstash>>;
  let server: TestServer;
  let tenantId: string;
  beforeAll(async () => {
    qstash = await startFakeQstash({ token: 'qstash-token', currentSigningKey: keys.current });
    server = await startTestServer((url) => ({
      JOBS_TRANSPORT: 'qstash',
      COMPUTE_URL: url,
      QSTASH_URL: qstash.url,
      QSTASH_TOKEN: 'qstash-token',
      QSTASH_CURRENT_SIGNING_KEY: keys.current,
      QSTASH_NEXT_SIGNING_KEY: keys.next,
    }));
    tenantId = await newTenant(server.runtime);
  });
  afterAll(async () => {
    await server?.close();
    await qstash?.close();
  });

  it('publishes, gets a signed delivery, and computes once', async () => {
    const job = await server.runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: [5, 6] }, { timeoutMs: 20_000 });
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1, result: { sum: 11 } });
    // The job commits before compute answers QStash, so the acknowledgement lands just after.
    for (let i = 0; i < 100 && !qstash.deliveries.some((d) => d.status === 200); i++) await new Promise((r) => setTimeout(r, 20));
    expect(qstash.deliveries.some((d) => d.status === 200)).toBe(true);
  });

  it('is idempotent under redelivery', async () => {
    const job = await server.runtime.jobs.run(tenantId, 'diagnostics.sum', { numbers: [1, 1] }, { timeoutMs: 20_000 });
    await qstash.redeliver(`${server.url}/api/compute/qstash`, JSON.stringify({ tenantId, jobId: job.id }));
    expect(qstash.deliveries.at(-1)!.status).toBe(200);
    expect(await server.runtime.jobs.get(tenantId, job.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('lets QStash drive retries of a failing job', async () => {
    const job = await server.runtime.jobs.run(tenantId, 'diagnostics.flaky', { failures: 1 }, { timeoutMs: 20_000 });
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('accepts the next signing key during rotation and refuses forged or stale signatures', async () => {
    const url = `${server.url}/api/compute/qstash`;
    const submitted = await createDispatcher({ transport: 'inline', db: server.runtime.db, log: server.runtime.log, registry: jobKinds }).submit(
      tenantId, 'diagnostics.sum', { numbers: [3] }, { idempotencyKey: 'manual' },
    ).catch(() => null);
    expect(submitted).not.toBeNull();
    const body = JSON.stringify({ tenantId, jobId: submitted!.id });
    const post = async (signature: string, payload = body) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'upstash-signature': signature }, body: payload });

    expect((await post(await signQstash('an-attackers-key-000000000000', url, body))).status).toBe(401);
    expect((await post(await signQstash(keys.current, `${server.url}/elsewhere`, body))).status).toBe(401);
    expect((await post(await signQstash(keys.current, url, body), body.replace('"}', '" }'))).status).toBe(401);
    expect((await post('not-a-jwt')).status).toBe(401);
    const ok = await post(await signQstash(keys.next, url, body));
    expect(ok.status).toBe(200);
  });

  it('publishes through the real @upstash/qstash client, deduplicated by job id', async () => {
    const publish = qstashPublisher(loadConfig({ QSTASH_TOKEN: 'qstash-token', QSTASH_URL: qstash.url }));
    // submit() publishes once; publishing the same job again is deduplicated by QStash.
    const job = await server.runtime.jobs.submit(tenantId, 'diagnostics.sum', { numbers: [7] });
    await publish(`${server.url}/api/compute/qstash`, { tenantId, jobId: job.id }, job.id);
    let current = await server.runtime.jobs.get(tenantId, job.id);
    for (let i = 0; i < 200 && current?.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      current = await server.runtime.jobs.get(tenantId, job.id);
    }
    expect(current).toMatchObject({ status: 'succeeded', attempts: 1, result: { sum: 7 } });
  });
});
