import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createHost } from '../host';
import { createLogger } from '../log';
import type { Runtime } from '../runtime';
import { createFunction } from './create-function';

const runtime = { config: loadConfig({ NODE_ENV: 'test', APP_SECRET: 'test-secret-that-is-long-enough-0123456789', BODY_LIMIT_BYTES: '1024' }), log: createLogger('silent') } as unknown as Runtime;

const app = createFunction('t', { streamedBodyLimit: (path) => (path === '/api/t/upload' ? 100 : undefined) });
for (const path of ['/api/t/upload', '/api/t/small']) {
  app.post(path, async (c) => c.json({ bytes: (await new Response(c.req.raw.body).arrayBuffer()).byteLength }));
}
const host = createHost(() => runtime, [{ name: 't', app }]);

/** A chunked body (no Content-Length) of the given chunk sizes. */
const chunked = (...sizes: number[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const n of sizes) controller.enqueue(new Uint8Array(n).fill(97));
      controller.close();
    },
  });

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  host.request(path, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('streamedBodyLimit', () => {
  it('lets a streamed body under the limit through, counted but not held', async () => {
    const res = await post('/api/t/upload', chunked(40, 40, 20));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: 100 });
  });

  it('fails a chunked body with 413 once it crosses the limit', async () => {
    const res = await post('/api/t/upload', chunked(60, 60, 60));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: 'urn:dyocense:problem:payload-too-large', detail: 'The request body is larger than 100 bytes.' });
  });

  it('refuses a declared length over the limit before reading', async () => {
    const res = await post('/api/t/upload', 'x'.repeat(101), { 'content-length': '101' });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
  });

  it('leaves other paths to the configured limit', async () => {
    expect((await post('/api/t/small', 'x'.repeat(500))).status).toBe(200);
    expect((await post('/api/t/small', chunked(800, 800))).status).toBe(413);
  });
});
