import type { Context, Next } from 'hono';
import { HttpProblem } from '../errors';
import type { AppEnv } from './env';
import { problemResponse } from './problems';

const tooLarge = (maxSize: number) => new HttpProblem(413, 'payload-too-large', `The request body is larger than ${maxSize} bytes.`);

/**
 * A body limit for routes that read their body as a stream (uploads): a declared
 * Content-Length over the limit is refused before anything is read; otherwise the bytes are
 * counted as they pass and the body stream fails with a 413 problem once the limit is
 * crossed. Nothing is buffered, unlike hono's bodyLimit, which holds a chunked body whole
 * to measure it.
 */
export async function limitStreamedBody(c: Context<AppEnv>, next: Next, maxSize: number) {
  const body = c.req.raw.body;
  if (!body) return next();
  const declared = c.req.header('content-length');
  if (declared !== undefined && !c.req.header('transfer-encoding') && Number(declared) > maxSize) {
    c.header('connection', 'close'); // the body is left unread
    return problemResponse(c, tooLarge(maxSize));
  }
  let size = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxSize) controller.error(tooLarge(maxSize));
        else controller.enqueue(chunk);
      },
    }),
  );
  c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
  return next();
}
