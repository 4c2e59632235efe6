import { HttpProblem } from '@dyocense/core';

const WEBHOOK_PATH = /^\/api\/connect\/(stripe|shopify)\/webhook(\/[^/]+)?$/;

/**
 * For createFunction's streamedBodyLimit: webhook routes count their own bytes against
 * WEBHOOK_BODY_LIMIT_BYTES (readRawBody), so the function-wide buffering limit stands aside.
 */
export const webhookBodyLimit = (path: string): number | undefined => (WEBHOOK_PATH.test(path) ? Number.MAX_SAFE_INTEGER : undefined);

/**
 * Reads the request body as bytes, refusing more than `max` (by Content-Length up front, and
 * by counting while reading, for chunked bodies). Signatures are over these exact bytes, so
 * nothing parses the body before they are checked.
 */
export async function readRawBody(request: Request, max: number): Promise<Uint8Array> {
  const tooLarge = () => new HttpProblem(413, 'payload-too-large', `The webhook body is larger than ${max} bytes.`);
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The body as UTF-8 JSON; anything else is a 400 naming what is wrong. */
export function parseJsonBody(raw: Uint8Array): { text: string; value: unknown } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new HttpProblem(400, 'malformed-payload', 'The webhook body is not valid UTF-8.');
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw new HttpProblem(400, 'malformed-payload', 'The webhook body is not valid JSON.');
  }
}
