// What the fake model servers (fake-ollama.ts, fake-openai.ts) can be told to do, and the
// default model: one that restates the findings it was given, marks and numbers intact.
import type { IncomingMessage } from 'node:http';

export interface ChatMessage {
  role: string;
  content: string;
}

export type Behaviour =
  /** Streams `text(messages)` in small pieces, `chunkDelayMs` apart, after `firstDelayMs`. */
  | { kind: 'answer'; text?: (messages: ChatMessage[]) => string; firstDelayMs?: number; chunkDelayMs?: number }
  /** Answers with an HTTP error in the server's own error format. */
  | { kind: 'error'; status: number; message?: string }
  /** Holds the request for `delayMs` before the first byte (a model that is too slow). */
  | { kind: 'slow'; delayMs: number }
  /** Asks for tools instead of answering. */
  | { kind: 'tool_calls'; calls: { name: string; arguments: Record<string, unknown> }[] };

export interface Recorded {
  path: string;
  body: any;
  headers: IncomingMessage['headers'];
}

/** A faithful model: the findings of the prompt's last user message, as sentences. */
export function restateFindings(messages: ChatMessage[]): string {
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const lines = user.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
  return lines.length ? `Here is what the numbers say. ${lines.join(' ')}` : 'I have no findings to go on.';
}

export async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pieces of a few characters, as models stream them (words split mid-way, spaces kept). */
export function pieces(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Roughly how tokenizers count: ~4 characters a token. */
export const tokenCount = (text: string) => Math.max(1, Math.ceil(text.length / 4));
