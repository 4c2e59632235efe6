// Test helpers: ask the coach over real HTTP and read the event stream as a browser would.
import { readEventStream, type ServerSentEvent } from '../../tests/support/sse';
import type { TestClient } from '../../tests/support/client';

export interface AskResult {
  status: number;
  contentType: string;
  events: (ServerSentEvent & { json: any })[];
  final: any;
  error: any;
  tokens: string;
  firstEventMs: number;
  totalMs: number;
}

export async function askCoach(client: TestClient, body: { question: string; sessionId?: string }): Promise<AskResult> {
  const started = performance.now();
  const res = await client.post('/api/coach/ask', body);
  const out: AskResult = { status: res.status, contentType: res.headers.get('content-type') ?? '', events: [], final: null, error: null, tokens: '', firstEventMs: -1, totalMs: 0 };
  if (!res.ok || !res.body || !out.contentType.startsWith('text/event-stream')) {
    out.error = await res.json().catch(() => null);
    return out;
  }
  for await (const e of readEventStream(res.body)) {
    if (out.firstEventMs < 0) out.firstEventMs = performance.now() - started;
    const json = JSON.parse(e.data);
    out.events.push({ ...e, json });
    if (e.event === 'token') out.tokens += json.text;
    if (e.event === 'final') out.final = json;
    if (e.event === 'error') out.error = json;
  }
  out.totalMs = performance.now() - started;
  return out;
}
