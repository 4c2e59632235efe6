import OpenAI from 'openai';
import { answerMessages, TOOL_SYSTEM_PROMPT } from './prompt';
import type { AnswerProvider, CallOptions, Embedder, ToolSpec } from './types';

// Any OpenAI-compatible server (/v1/chat/completions streamed as SSE, /v1/embeddings). Retries
// are ours to decide (the router falls back instead), so the client's own are off.

function clientFor(opts: { baseURL: string; apiKey: string }): OpenAI {
  return new OpenAI({ baseURL: opts.baseURL, apiKey: opts.apiKey, maxRetries: 0 });
}

export function openaiProvider(opts: { baseURL: string; apiKey: string; model: string }): AnswerProvider {
  const client = clientFor(opts);
  return {
    name: 'openai',
    tier: 'cloud',
    model: opts.model,
    async answer(req, call: CallOptions = {}) {
      const stream = await client.chat.completions.create(
        { model: opts.model, messages: answerMessages(req), stream: true, stream_options: { include_usage: true }, temperature: 0.2 },
        { signal: call.signal },
      );
      let text = '';
      let usage = { inputTokens: 0, outputTokens: 0 };
      for await (const chunk of stream) {
        const piece = chunk.choices[0]?.delta?.content ?? '';
        if (piece) {
          text += piece;
          call.onToken?.(piece);
        }
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      }
      return { text, usage, provider: 'openai', model: opts.model };
    },
    async chooseTools(question: string, tools: ToolSpec[], call: CallOptions = {}) {
      // Streamed like the answers: tool-call arguments arrive in fragments and are joined by index.
      const stream = await client.chat.completions.create(
        {
          model: opts.model,
          stream: true,
          stream_options: { include_usage: true },
          messages: [
            { role: 'system', content: TOOL_SYSTEM_PROMPT },
            { role: 'user', content: question },
          ],
          tools: tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } })),
        },
        { signal: call.signal },
      );
      const parts = new Map<number, { name: string; args: string }>();
      let usage = { inputTokens: 0, outputTokens: 0 };
      for await (const chunk of stream) {
        for (const tc of chunk.choices[0]?.delta?.tool_calls ?? []) {
          const part = parts.get(tc.index) ?? { name: '', args: '' };
          if (tc.function?.name) part.name += tc.function.name;
          if (tc.function?.arguments) part.args += tc.function.arguments;
          parts.set(tc.index, part);
        }
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      }
      const calls = [...parts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, p]) => ({ name: p.name, arguments: parseArguments(p.args) }));
      return { calls, usage, provider: 'openai', model: opts.model };
    },
  };
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function openaiEmbedder(opts: { baseURL: string; apiKey: string; model: string; dimensions: number }): Embedder {
  const client = clientFor(opts);
  return {
    model: `openai:${opts.model}`,
    dimensions: opts.dimensions,
    async embed(texts, call: CallOptions = {}) {
      const res = await client.embeddings.create({ model: opts.model, input: texts, dimensions: opts.dimensions }, { signal: call.signal });
      return [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    },
  };
}
