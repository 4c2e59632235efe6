// A local server speaking Ollama's HTTP API as documented (docs/api.md): POST /api/chat
// streamed as NDJSON (one JSON object per line, the last with done: true and the token
// counts) or whole when stream is false, with tool_calls; POST /api/embed; errors as
// {"error": "..."} with an HTTP status; and, when told, slow answers.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashedEmbedding } from '@dyocense/llm';
import { pieces, readJson, restateFindings, sleep, tokenCount, type Behaviour, type Recorded } from './fake-llm-common';

export interface FakeOllama {
  url: string;
  requests: Recorded[];
  behave(b: Behaviour): void;
  close(): Promise<void>;
}

export async function startFakeOllama(): Promise<FakeOllama> {
  let behaviour: Behaviour = { kind: 'answer' };
  const requests: Recorded[] = [];
  const open = new Set<ServerResponse>();

  const server = createServer(async (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const body = await readJson(req);
    requests.push({ path: req.url ?? '', body, headers: req.headers });
    const b = behaviour;
    const fail = (status: number, error: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error }));
    };
    if (req.method !== 'POST') return fail(405, 'method not allowed');
    if (b.kind === 'slow') await sleep(b.delayMs);
    if (res.destroyed) return;
    if (b.kind === 'error') return fail(b.status, b.message ?? 'model runner has unexpectedly stopped');

    if (req.url === '/api/embed') {
      if (!body.model) return fail(400, 'model is required');
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ model: body.model, embeddings: inputs.map((t) => hashedEmbedding(`ollama ${t}`, body.dimensions ?? 384)), total_duration: 1_000_000, load_duration: 100_000, prompt_eval_count: inputs.reduce((n, t) => n + tokenCount(t), 0) }));
      return;
    }
    if (req.url !== '/api/chat') return fail(404, `404 page not found`);
    if (!body.model) return fail(400, 'model is required');
    const messages = body.messages ?? [];
    const promptTokens = messages.reduce((n: number, m: { content: string }) => n + tokenCount(m.content ?? ''), 0);
    const created = () => new Date().toISOString();
    const final = (content: string, extra: Record<string, unknown> = {}) => ({
      model: body.model, created_at: created(), message: { role: 'assistant', content, ...extra }, done: true, done_reason: 'stop',
      total_duration: 5_000_000, load_duration: 1_000_000, prompt_eval_count: promptTokens, prompt_eval_duration: 1_000_000, eval_count: tokenCount(content) , eval_duration: 2_000_000,
    });

    if (b.kind === 'tool_calls') {
      const toolCalls = b.calls.map((c) => ({ function: { name: c.name, arguments: c.arguments } }));
      if (body.stream === false) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(final('', { tool_calls: toolCalls })));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify({ model: body.model, created_at: created(), message: { role: 'assistant', content: '', tool_calls: toolCalls }, done: false })}\n`);
      res.end(`${JSON.stringify(final(''))}\n`);
      return;
    }

    const text = (b.kind === 'answer' && b.text ? b.text : restateFindings)(messages);
    if (body.stream === false) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(final(text)));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    if (b.kind === 'answer' && b.firstDelayMs) await sleep(b.firstDelayMs);
    for (const piece of pieces(text)) {
      if (res.destroyed) return;
      res.write(`${JSON.stringify({ model: body.model, created_at: created(), message: { role: 'assistant', content: piece }, done: false })}\n`);
      if (b.kind === 'answer' && b.chunkDelayMs) await sleep(b.chunkDelayMs);
    }
    res.end(`${JSON.stringify({ ...final(''), eval_count: tokenCount(text) })}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave(b) {
      behaviour = b;
    },
    async close() {
      for (const res of open) res.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
