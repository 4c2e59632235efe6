import { Ollama } from 'ollama/browser';
import { answerMessages, TOOL_SYSTEM_PROMPT } from './prompt';
import type { AnswerProvider, CallOptions, Embedder, ToolSpec } from './types';

// Ollama over its HTTP API (/api/chat streamed as NDJSON, /api/embed). The browser build of
// the client uses fetch only, so it runs on Node and on Workers alike.

/** A client whose requests all end when the call's signal fires (timeouts, cancelled asks). */
function clientFor(host: string, signal: AbortSignal | undefined): Ollama {
  return new Ollama({
    host,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const signals = [init?.signal, signal].filter((s): s is AbortSignal => !!s);
      return fetch(input, { ...init, signal: signals.length ? AbortSignal.any(signals) : null });
    },
  });
}

export function ollamaProvider(opts: { host: string; model: string }): AnswerProvider {
  return {
    name: 'ollama',
    tier: 'local',
    model: opts.model,
    async answer(req, call: CallOptions = {}) {
      const client = clientFor(opts.host, call.signal);
      const stream = await client.chat({ model: opts.model, messages: answerMessages(req), stream: true, options: { temperature: 0.2 } });
      let text = '';
      let usage = { inputTokens: 0, outputTokens: 0 };
      for await (const chunk of stream) {
        const piece = chunk.message?.content ?? '';
        if (piece) {
          text += piece;
          call.onToken?.(piece);
        }
        if (chunk.done) usage = { inputTokens: chunk.prompt_eval_count ?? 0, outputTokens: chunk.eval_count ?? 0 };
      }
      return { text, usage, provider: 'ollama', model: opts.model };
    },
    async chooseTools(question: string, tools: ToolSpec[], call: CallOptions = {}) {
      const client = clientFor(opts.host, call.signal);
      const res = await client.chat({
        model: opts.model,
        stream: false,
        messages: [
          { role: 'system', content: TOOL_SYSTEM_PROMPT },
          { role: 'user', content: question },
        ],
        tools: tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters as never } })),
      });
      const calls = (res.message.tool_calls ?? []).map((c) => ({ name: c.function.name, arguments: c.function.arguments ?? {} }));
      return { calls, usage: { inputTokens: res.prompt_eval_count ?? 0, outputTokens: res.eval_count ?? 0 }, provider: 'ollama', model: opts.model };
    },
  };
}

export function ollamaEmbedder(opts: { host: string; model: string; dimensions: number }): Embedder {
  return {
    model: `ollama:${opts.model}`,
    dimensions: opts.dimensions,
    async embed(texts, call: CallOptions = {}) {
      const res = await clientFor(opts.host, call.signal).embed({ model: opts.model, input: texts, dimensions: opts.dimensions });
      return res.embeddings;
    },
  };
}
