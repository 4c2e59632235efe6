// A local server speaking the OpenAI API as documented: POST /v1/chat/completions streamed as
// Server-Sent Events (`data: {chat.completion.chunk}` … `data: [DONE]`), with tool_calls whose
// arguments arrive in fragments and a final usage chunk when stream_options.include_usage is
// set, or a whole chat.completion when not streamed; POST /v1/embeddings; bearer-key checks;
// errors as {"error": {message, type, param, code}}; and, when told, slow answers.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashedEmbedding } from '@dyocense/llm';
import { pieces, readJson, restateFindings, sleep, tokenCount, type Behaviour, type Recorded } from './fake-llm-common';

export interface FakeOpenAI {
  url: string;
  key: string;
  requests: Recorded[];
  behave(b: Behaviour): void;
  close(): Promise<void>;
}

export async function startFakeOpenAI(key = 'sk-test-coach'): Promise<FakeOpenAI> {
  let behaviour: Behaviour = { kind: 'answer' };
  const requests: Recorded[] = [];
  const open = new Set<ServerResponse>();
  let n = 0;

  const server = createServer(async (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const body = await readJson(req);
    requests.push({ path: req.url ?? '', body, headers: req.headers });
    const fail = (status: number, message: string, type: string, code: string | null = null) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message, type, param: null, code } }));
    };
    if (req.headers.authorization !== `Bearer ${key}`) return fail(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    const b = behaviour;
    if (b.kind === 'slow') await sleep(b.delayMs);
    if (res.destroyed) return;
    if (b.kind === 'error') return fail(b.status, b.message ?? 'The server had an error while processing your request.', b.status === 429 ? 'rate_limit_exceeded' : 'server_error');

    if (req.url === '/v1/embeddings') {
      const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        object: 'list',
        data: inputs.map((t, index) => ({ object: 'embedding', index, embedding: hashedEmbedding(`openai ${t}`, body.dimensions ?? 1536) })),
        model: body.model,
        usage: { prompt_tokens: inputs.reduce((s, t) => s + tokenCount(t), 0), total_tokens: inputs.reduce((s, t) => s + tokenCount(t), 0) },
      }));
      return;
    }
    if (req.url !== '/v1/chat/completions') return fail(404, `Unknown request URL: POST ${req.url}.`, 'invalid_request_error', 'unknown_url');
    if (!body.model || !Array.isArray(body.messages)) return fail(400, "Missing required parameter: 'model' or 'messages'.", 'invalid_request_error');

    const id = `chatcmpl-${++n}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = body.messages.reduce((s: number, m: { content: string }) => s + tokenCount(m.content ?? ''), 0);
    const text = b.kind === 'answer' ? (b.text ?? restateFindings)(body.messages) : '';
    const usage = { prompt_tokens: promptTokens, completion_tokens: tokenCount(text || 'tool call'), total_tokens: promptTokens + tokenCount(text || 'tool call') };

    if (!body.stream) {
      const message = b.kind === 'tool_calls'
        ? { role: 'assistant', content: null, tool_calls: b.calls.map((c, i) => ({ id: `call_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) }
        : { role: 'assistant', content: text };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, object: 'chat.completion', created, model: body.model, choices: [{ index: 0, message, finish_reason: b.kind === 'tool_calls' ? 'tool_calls' : 'stop' }], usage }));
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, system_fingerprint: 'fp_fake', choices, ...extra })}\n\n`);
    send([{ index: 0, delta: { role: 'assistant', content: b.kind === 'tool_calls' ? null : '' }, logprobs: null, finish_reason: null }]);
    if (b.kind === 'tool_calls') {
      b.calls.forEach((c, index) => {
        send([{ index: 0, delta: { tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: c.name, arguments: '' } }] }, logprobs: null, finish_reason: null }]);
        for (const part of pieces(JSON.stringify(c.arguments), 5)) {
          send([{ index: 0, delta: { tool_calls: [{ index, function: { arguments: part } }] }, logprobs: null, finish_reason: null }]);
        }
      });
      send([{ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' }]);
    } else {
      if (b.kind === 'answer' && b.firstDelayMs) await sleep(b.firstDelayMs);
      for (const piece of pieces(text)) {
        if (res.destroyed) return;
        send([{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }]);
        if (b.kind === 'answer' && b.chunkDelayMs) await sleep(b.chunkDelayMs);
      }
      send([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    }
    if (body.stream_options?.include_usage) send([], { usage });
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    key,
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
