// The providers through the real `ollama` and `openai` clients, against local servers that
// speak each API's documented wire format (tests/support/fake-*.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllama, type FakeOllama } from '../../../tests/support/fake-ollama';
import { startFakeOpenAI, type FakeOpenAI } from '../../../tests/support/fake-openai';
import { answerWithFallback } from './fallback';
import { composer } from './composer';
import { ollamaEmbedder, ollamaProvider } from './ollama';
import { openaiEmbedder, openaiProvider } from './openai';
import type { AnswerRequest } from './types';

let ollama: FakeOllama;
let openai: FakeOpenAI;
const req: AnswerRequest = {
  question: 'how is revenue?',
  cards: [{ tool: 'metrics_query', title: 'Revenue', citation: { kind: 'metric_query', id: 'mq_1', label: 'q' }, findings: [{ template: 'Revenue was {r}.', values: { r: { value: 1234.5, format: 'money' } } }] }],
};

beforeAll(async () => {
  ollama = await startFakeOllama();
  openai = await startFakeOpenAI();
});
afterAll(async () => {
  await ollama.close();
  await openai.close();
});

describe('ollama', () => {
  it('streams the answer piece by piece and reports token counts', async () => {
    ollama.behave({ kind: 'answer' });
    const pieces: string[] = [];
    const done = await ollamaProvider({ host: ollama.url, model: 'llama3:8b' }).answer(req, { onToken: (t) => pieces.push(t) });
    expect(done.text).toBe('Here is what the numbers say. Revenue was $1,234.50 [1].');
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(done.text);
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(done.usage.outputTokens).toBeGreaterThan(0);
  });

  it('reads tool calls and embeds at the asked dimensions', async () => {
    ollama.behave({ kind: 'tool_calls', calls: [{ name: 'forecast', arguments: { metric: 'orders' } }] });
    const choice = await ollamaProvider({ host: ollama.url, model: 'llama3:8b' }).chooseTools!('next week?', [{ name: 'forecast', description: 'd', parameters: { type: 'object' } }]);
    expect(choice.calls).toEqual([{ name: 'forecast', arguments: { metric: 'orders' } }]);
    ollama.behave({ kind: 'answer' });
    const [v] = await ollamaEmbedder({ host: ollama.url, model: 'all-minilm', dimensions: 384 }).embed(['hello']);
    expect(v).toHaveLength(384);
  });

  it('surfaces an error response as an error', async () => {
    ollama.behave({ kind: 'error', status: 500, message: 'out of memory' });
    await expect(ollamaProvider({ host: ollama.url, model: 'llama3:8b' }).answer(req)).rejects.toThrow(/out of memory/);
  });
});

describe('openai-compatible', () => {
  it('streams the answer and reads usage from the last chunk', async () => {
    openai.behave({ kind: 'answer' });
    const done = await openaiProvider({ baseURL: openai.url, apiKey: openai.key, model: 'gpt-4o-mini' }).answer(req);
    expect(done.text).toBe('Here is what the numbers say. Revenue was $1,234.50 [1].');
    expect(done.usage.outputTokens).toBeGreaterThan(0);
  });

  it('joins tool-call arguments streamed in fragments', async () => {
    openai.behave({ kind: 'tool_calls', calls: [{ name: 'metrics_query', arguments: { metric: 'revenue', days: 14 } }, { name: 'reorder', arguments: {} }] });
    const choice = await openaiProvider({ baseURL: openai.url, apiKey: openai.key, model: 'gpt-4o-mini' }).chooseTools!('x', []);
    expect(choice.calls).toEqual([
      { name: 'metrics_query', arguments: { metric: 'revenue', days: 14 } },
      { name: 'reorder', arguments: {} },
    ]);
    openai.behave({ kind: 'answer' });
    const [v] = await openaiEmbedder({ baseURL: openai.url, apiKey: openai.key, model: 'text-embedding-3-small', dimensions: 384 }).embed(['hello']);
    expect(v).toHaveLength(384);
  });

  it('refuses a wrong key', async () => {
    await expect(openaiProvider({ baseURL: openai.url, apiKey: 'wrong', model: 'gpt-4o-mini' }).answer(req)).rejects.toThrow(/Incorrect API key/);
  });
});

describe('answerWithFallback', () => {
  it('goes past an error and a timeout to the next provider, reporting each attempt', async () => {
    ollama.behave({ kind: 'slow', delayMs: 2000 });
    openai.behave({ kind: 'error', status: 503 });
    const started = performance.now();
    const { completion, attempts } = await answerWithFallback(
      [ollamaProvider({ host: ollama.url, model: 'llama3:8b' }), openaiProvider({ baseURL: openai.url, apiKey: openai.key, model: 'gpt-4o-mini' }), composer],
      req,
      { timeoutMs: 300 },
    );
    expect(performance.now() - started).toBeLessThan(1500);
    expect(attempts.map((a) => [a.provider, a.outcome])).toEqual([
      ['ollama', 'timeout'],
      ['openai', 'error'],
      ['composer', 'ok'],
    ]);
    expect(completion!.text).toBe('Revenue was $1,234.50 [1].');
  });
});
