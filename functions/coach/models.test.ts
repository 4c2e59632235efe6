// The coach with models: a local Ollama and an OpenAI-compatible cloud, both local servers
// speaking the documented wire formats, driven through the real `ollama` and `openai` clients.
// Routing, fallback on error and timeout, the daily budget, the answer cache, number checking
// and model-chosen tools, each over real HTTP and a real database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows, withTenant } from '@dyocense/core';
import { signUp, TestClient } from '../../tests/support/client';
import { restateFindings } from '../../tests/support/fake-llm-common';
import { startFakeOllama, type FakeOllama } from '../../tests/support/fake-ollama';
import { startFakeOpenAI, type FakeOpenAI } from '../../tests/support/fake-openai';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { askCoach } from './testing';

let server: TestServer;
let ollama: FakeOllama;
let openai: FakeOpenAI;

const EASY = 'How is revenue doing?';
const HARD =
  'Compare how revenue and orders have been doing, then tell me what I should change about it, and also whether it is better to plan for more staff or cut costs, step by step, considering everything?';
const DAY = 86_400_000;

/** A new business with 60 days of revenue and orders, so the tools have numbers. */
async function business(): Promise<{ client: TestClient; tenantId: string }> {
  const client = new TestClient(server.url);
  const { tenant } = await signUp(client);
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const points = Array.from({ length: 60 }, (_, i) => {
    const time = new Date(today - (60 - i) * DAY).toISOString();
    return [
      { metric: 'revenue', time, value: 1000 + 10 * i + (i % 7) * 50 },
      { metric: 'orders', time, value: 100 + i + (i % 7) * 5 },
    ];
  }).flat();
  const res = await client.post('/api/metrics/points', { points });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return { client, tenantId: tenant.id };
}

async function usageRows(tenantId: string) {
  return withTenant(server.runtime.db, tenantId, (tx) =>
    executeRows<{ purpose: string; provider: string; model: string; outcome: string; cache_hit: boolean; cost_usd: number; input_tokens: number; output_tokens: number }>(
      tx,
      // One turn's rows share a transaction time; within a turn they are listed by purpose, provider.
      sql`select purpose, provider, model, outcome, cache_hit, cost_usd, input_tokens, output_tokens from llm_usage order by created_at, purpose desc, provider`,
    ),
  );
}

const chats = (f: { requests: { path: string }[] }, path: string) => f.requests.filter((r) => r.path === path).length;

beforeAll(async () => {
  ollama = await startFakeOllama();
  openai = await startFakeOpenAI();
  server = await startTestServer({
    LLM_LOCAL_URL: ollama.url,
    LLM_LOCAL_MODEL: 'llama3:8b',
    LLM_CLOUD_URL: openai.url,
    LLM_CLOUD_KEY: openai.key,
    LLM_CLOUD_MODEL: 'gpt-4o',
    LLM_CLOUD_THRESHOLD: '0.5',
    LLM_TIMEOUT_MS: '1000',
    LLM_DAILY_BUDGET_USD: '0.000001',
    LLM_EMBED_MODEL: 'all-minilm',
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await ollama?.close();
  await openai?.close();
});
beforeEach(() => {
  ollama.behave({ kind: 'answer' });
  openai.behave({ kind: 'answer' });
});

describe('routing', () => {
  it('answers an easy question with the local model, streamed and cited', async () => {
    const { client, tenantId } = await business();
    const before = chats(ollama, '/api/chat');
    const r = await askCoach(client, { question: EASY });
    expect(r.error).toBeNull();
    expect(r.final).toMatchObject({ provider: 'ollama', model: 'llama3:8b', cached: false, costUsd: 0 });
    expect(r.final.route.complexity.score).toBeLessThan(0.5);
    expect(r.tokens).toBe(r.final.answer);
    expect(r.final.answer).toMatch(/^Here is what the numbers say\. Revenue over the last 28 days: \$[\d,.]+ in total \[1\]\./);
    expect(chats(ollama, '/api/chat')).toBe(before + 1);
    const chat = ollama.requests.filter((q) => q.path === '/api/chat').at(-1)!;
    expect(chat.body).toMatchObject({ model: 'llama3:8b', stream: true });
    expect(chat.body.messages[0].role).toBe('system');
    // The question was embedded by the configured model, at 384 dimensions.
    const embed = ollama.requests.filter((q) => q.path === '/api/embed').at(-1)!;
    expect(embed.body).toMatchObject({ model: 'all-minilm', input: [EASY], dimensions: 384 });
    const usage = await usageRows(tenantId);
    expect(usage.map((u) => [u.purpose, u.provider, u.outcome])).toEqual([
      ['embed', 'ollama', 'ok'],
      ['answer', 'ollama', 'ok'],
    ]);
    expect(usage[1]!.input_tokens).toBeGreaterThan(0);
    expect(usage[1]!.output_tokens).toBeGreaterThan(0);
  });

  it('sends a hard question to the cloud model first, and prices it', async () => {
    const { client, tenantId } = await business();
    const r = await askCoach(client, { question: HARD });
    expect(r.final).toMatchObject({ provider: 'openai', model: 'gpt-4o' });
    expect(r.final.route.complexity.score).toBeGreaterThanOrEqual(0.5);
    expect(r.final.costUsd).toBeGreaterThan(0);
    const request = openai.requests.filter((q) => q.path === '/chat/completions' || q.path === '/v1/chat/completions').at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${openai.key}`);
    expect(request.body).toMatchObject({ model: 'gpt-4o', stream: true, stream_options: { include_usage: true } });
    const answer = (await usageRows(tenantId)).find((u) => u.purpose === 'answer')!;
    // gpt-4o: $2.50 per million tokens in, $10 out.
    expect(answer.cost_usd).toBeCloseTo((answer.input_tokens * 2.5 + answer.output_tokens * 10) / 1e6, 10);
  });
});

describe('fallback', () => {
  it('moves on to the cloud when the local model fails', async () => {
    const { client, tenantId } = await business();
    ollama.behave({ kind: 'error', status: 500, message: 'model runner has unexpectedly stopped' });
    const r = await askCoach(client, { question: EASY });
    expect(r.final.provider).toBe('openai');
    const answers = (await usageRows(tenantId)).filter((u) => u.purpose === 'answer');
    expect(answers.map((u) => [u.provider, u.outcome])).toEqual([
      ['ollama', 'error'],
      ['openai', 'ok'],
    ]);
  });

  it('moves on when the local model is too slow, without waiting for it', async () => {
    const { client, tenantId } = await business();
    ollama.behave({ kind: 'slow', delayMs: 5000 });
    const r = await askCoach(client, { question: EASY });
    // Recorded as a timeout (not an answer 5 s later): the coach moved on at LLM_TIMEOUT_MS.
    expect(r.final.provider).toBe('openai');
    const answers = (await usageRows(tenantId)).filter((u) => u.purpose === 'answer');
    expect(answers.map((u) => [u.provider, u.outcome])).toEqual([
      ['ollama', 'timeout'],
      ['openai', 'ok'],
    ]);
  });

  it('also times out a model that stalls in the middle of its answer', async () => {
    const { client } = await business();
    ollama.behave({ kind: 'answer', chunkDelayMs: 400 });
    const r = await askCoach(client, { question: EASY });
    expect(r.final.provider).toBe('openai');
  });

  it('falls back to the composer when every model fails', async () => {
    const { client } = await business();
    ollama.behave({ kind: 'error', status: 500 });
    openai.behave({ kind: 'error', status: 429, message: 'Rate limit reached' });
    const r = await askCoach(client, { question: EASY });
    expect(r.final.provider).toBe('composer');
    expect(r.final.answer).toMatch(/^Revenue over the last 28 days: \$[\d,.]+ in total \[1\]\./);
  });
});

describe('budget', () => {
  it('stops using the cloud model once the business has spent its daily budget', async () => {
    const { client } = await business();
    const first = await askCoach(client, { question: HARD });
    expect(first.final.provider).toBe('openai');
    const cloudCalls = chats(openai, '/v1/chat/completions');
    const second = await askCoach(client, { question: `${HARD} Please.` });
    expect(second.final.provider).toBe('ollama');
    expect(second.final.route.reason).toMatch(/daily budget/);
    expect(chats(openai, '/v1/chat/completions')).toBe(cloudCalls);
    // Another business still has its own budget.
    const other = await business();
    expect((await askCoach(other.client, { question: HARD })).final.provider).toBe('openai');
  });
});

describe('cache', () => {
  it('answers the same question over the same numbers from the cache', async () => {
    const { client, tenantId } = await business();
    const first = await askCoach(client, { question: EASY });
    const calls = chats(ollama, '/api/chat');
    const second = await askCoach(client, { question: EASY });
    expect(second.final).toMatchObject({ cached: true, provider: 'ollama', answer: first.final.answer });
    expect(chats(ollama, '/api/chat')).toBe(calls);
    const answers = (await usageRows(tenantId)).filter((u) => u.purpose === 'answer');
    expect(answers.map((u) => u.cache_hit)).toEqual([false, true]);
    // New numbers, new prompt: the cache does not answer for them.
    await client.post('/api/metrics/points', { points: [{ metric: 'revenue', time: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10) + 'T00:00:00.000Z', value: 5 }] });
    const third = await askCoach(client, { question: EASY });
    expect(third.final.cached).toBe(false);
  });
});

describe('number checking', () => {
  it('drops a sentence whose number no tool produced', async () => {
    const { client } = await business();
    ollama.behave({ kind: 'answer', text: (m) => `${restateFindings(m)} Revenue will double to $99,999 next month [1].` });
    const r = await askCoach(client, { question: EASY });
    expect(r.final.provider).toBe('ollama');
    expect(r.final.check.unsupported).toEqual([{ number: '$99,999', sentence: 'Revenue will double to $99,999 next month [1].' }]);
    expect(r.final.answer).not.toContain('99,999');
    expect(r.tokens).toBe(r.final.answer);
  });

  it("uses the composer's answer when the model's numbers are mostly invented", async () => {
    const { client } = await business();
    ollama.behave({ kind: 'answer', text: () => 'Revenue was $5 last month [1]. Orders reached 7 a day [1]. Margins are 80% [1].' });
    const r = await askCoach(client, { question: EASY });
    expect(r.final.provider).toBe('composer');
    expect(r.final.check.replacedByComposer).toBe(true);
    expect(r.final.check.unsupported.map((u: { number: string }) => u.number)).toEqual(['$5', '7', '80%']);
    expect(r.final.answer).toMatch(/^Revenue over the last 28 days/);
  });
});

describe('tools chosen by a model', () => {
  it('lets the local model pick tools for a question the rules do not recognise', async () => {
    const { client } = await business();
    ollama.behave({ kind: 'tool_calls', calls: [{ name: 'metrics_query', arguments: { metric: 'orders', days: 14 } }] });
    const r = await askCoach(client, { question: 'Tell me something useful about the shop' });
    const plan = r.events.filter((e) => e.event === 'tool' && e.json.status === 'done');
    expect(plan[0]!.json.cards[0].title).toBe('Orders, last 14 days');
    expect(r.final.intent).toBe('unknown');
    expect(r.final.plan).toEqual({ source: 'model', calls: [{ tool: 'metrics_query', args: { metric: 'orders', days: 14 } }] });
    // Asked to phrase the answer, the fake still only calls tools (no text): the cloud answers.
    expect(r.final.provider).toBe('openai');
  });

  it('reads streamed tool calls from the cloud model, fragment by fragment', async () => {
    const { client } = await business();
    ollama.behave({ kind: 'error', status: 500 });
    openai.behave({ kind: 'tool_calls', calls: [{ name: 'metrics_query', arguments: { metric: 'revenue', days: 7 } }, { name: 'no_such_tool', arguments: {} }] });
    const r = await askCoach(client, { question: 'Tell me something useful about the shop' });
    const cards = r.events.filter((e) => e.event === 'tool' && e.json.status === 'done').flatMap((e) => e.json.cards);
    expect(cards.map((c: { title: string }) => c.title)).toEqual(['Revenue, last 7 days']);
    // Neither model could answer in words: the composer did, with the tool's numbers.
    expect(r.final.provider).toBe('composer');
    expect(r.final.answer).toMatch(/^Revenue over the last 7 days/);
  });
});
