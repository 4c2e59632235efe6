import { Readable } from 'node:stream';
import busboy from 'busboy';
import { badRequest, HttpProblem } from '@dyocense/core';

export interface MultipartFile {
  stream: Readable;
  fileName: string;
  mimeType: string;
  /** Fields sent before the file part (the only ones that can steer a streamed import). */
  fields: Record<string, string>;
  /** Fields that came after the file part; set once the file has been read. */
  lateFields(): string[];
}

/**
 * Streams a multipart/form-data body with busboy and resolves at the `file` part: its bytes
 * are read as the import consumes them, never buffered. Fields (such as `mapping`) must
 * come before the file; other file parts are skipped.
 */
export function readMultipart(headers: Headers, body: Readable): Promise<MultipartFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: Object.fromEntries(headers), limits: { files: 1, fields: 20, fieldSize: 100_000, parts: 40 } });
    } catch (err) {
      reject(badRequest(`The multipart body cannot be read: ${(err as Error).message}`));
      return;
    }
    const fields: Record<string, string> = {};
    const late: string[] = [];
    let file: Readable | undefined;
    parser.on('field', (name, value) => {
      if (file) late.push(name);
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      file = stream;
      resolve({ stream, fileName: info.filename || 'upload', mimeType: info.mimeType, fields, lateFields: () => late });
    });
    parser.on('error', (err) => {
      const problem = err instanceof HttpProblem ? err : badRequest(`The multipart body cannot be read: ${(err as Error).message}`);
      if (file) file.destroy(problem);
      else reject(problem);
    });
    parser.on('close', () => {
      if (!file) reject(badRequest('The multipart body has no file part named "file".', [{ path: 'file', message: 'required' }]));
    });
    body.on('error', (err) => parser.destroy(err));
    body.pipe(parser);
  });
}
