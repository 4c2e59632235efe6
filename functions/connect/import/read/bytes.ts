import { Readable } from 'node:stream';

const HEAD_BYTES = 64 * 1024;

export interface Peeked {
  /** The first bytes (up to 64 KiB, fewer if the body is shorter). */
  head: Buffer;
  /** The whole body again, head included, counting the bytes that pass. */
  body: Readable;
  bytes(): number;
}

/**
 * Reads the first bytes of a body (to tell its format and delimiter) without losing them:
 * the returned stream replays them, then the rest, with backpressure. An error of the source
 * (a 413 from the streamed body limit) comes out of the returned stream unchanged.
 */
export async function peek(source: AsyncIterable<Uint8Array>): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD_BYTES) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    chunks.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(chunks);
  let counted = 0;
  async function* replay() {
    counted += head.length;
    if (head.length) yield head;
    while (!done) {
      const next = await it.next();
      if (next.done) return;
      counted += next.value.byteLength;
      yield next.value;
    }
  }
  const body = Readable.from(replay(), { objectMode: false });
  // Stopping early (a preview) must release the request body too.
  body.once('close', () => void it.return?.());
  return { head, body, bytes: () => counted };
}

/** A zip archive (every XLSX file) starts with PK\x03\x04. */
export const isZip = (head: Buffer) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

/** Text files have no NUL bytes; binary files almost always do early on. */
export const looksBinary = (head: Buffer) => head.subarray(0, 8192).includes(0);
