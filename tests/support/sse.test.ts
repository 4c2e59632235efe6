import { describe, expect, it } from 'vitest';
import { readEventStream } from './sse';

function streamOf(...parts: string[]): ReadableStream<Uint8Array> {
  const bytes = parts.map((p) => new TextEncoder().encode(p));
  return new ReadableStream({
    pull(controller) {
      const next = bytes.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>) {
  const out = [];
  for await (const e of readEventStream(stream)) out.push(e);
  return out;
}

describe('readEventStream', () => {
  it('reads events the way EventSource does, whatever the chunking and line endings', async () => {
    const events = await all(streamOf(': comment\r\nevent: status\r\nid: 1\r\ndata: {"a":', '1}\r\n\r\n', 'data:first\ndata: second\n\nevent: final\rdata: x\r', '\r', 'data: unterminated'));
    expect(events).toEqual([
      { event: 'status', data: '{"a":1}', id: '1' },
      { event: 'message', data: 'first\nsecond', id: '1' },
      { event: 'final', data: 'x', id: '1' },
    ]);
  });

  it('keeps multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: café €\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 10));
        c.enqueue(bytes.slice(10));
        c.close();
      },
    });
    expect((await all(stream))[0]!.data).toBe('café €');
  });
});
