import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { badRequest, HttpProblem } from '@dyocense/core';
import type { ImportFormat } from '@dyocense/db';
import type { SheetRow } from '../logic/cells';
import { csvRows, sniffDelimiter } from './csv';
import { isZip, looksBinary, peek } from './bytes';
import { readMultipart } from './multipart';
import { xlsxRows } from './xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What browsers and tools send for CSV (Windows browsers say vnd.ms-excel). */
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'text/tab-separated-values', 'application/vnd.ms-excel', 'text/x-csv']);
const RAW_TYPES = new Set([...CSV_TYPES, XLSX_TYPE, 'application/octet-stream']);

export interface UploadOptions {
  filename?: string;
  mapping?: string;
  sheet?: string;
}

export interface Upload {
  format: ImportFormat;
  fileName: string;
  delimiter?: string;
  /** The rows, streamed; XLSX rows carry their worksheet's name. */
  rows: AsyncGenerator<SheetRow & { sheet?: string }>;
  /** The mapping override as sent (query parameter, or multipart field before the file). */
  mapping?: string;
  sheet?: string;
  bytes(): number;
  /** Multipart fields that arrived after the file part, too late to be used. */
  lateFields(): string[];
}

const unsupported = (detail: string) => new HttpProblem(415, 'unsupported-media-type', detail);
const mediaType = (value: string | null | undefined) => (value ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * Opens an uploaded file as a stream of rows: a raw CSV or XLSX body, or the `file` part of
 * multipart/form-data. The format is told by the first bytes (every XLSX is a zip), the
 * declared type only confirms it. Nothing beyond the first 64 KiB is read until the rows are.
 */
export async function openUpload(request: Request, options: UploadOptions): Promise<Upload> {
  const type = mediaType(request.headers.get('content-type'));
  if (!request.body) throw badRequest('The request has no body; send the file.', [{ path: 'body', message: 'required' }]);
  const raw = Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>);
  let source: Readable = raw;
  let fileName = options.filename ?? 'upload';
  let declared = type;
  let mapping = options.mapping;
  let sheet = options.sheet;
  let lateFields = (): string[] => [];
  if (type === 'multipart/form-data') {
    const part = await readMultipart(request.headers, raw);
    source = part.stream;
    fileName = part.fileName;
    declared = mediaType(part.mimeType);
    mapping = part.fields.mapping ?? mapping;
    sheet = part.fields.sheet ?? sheet;
    lateFields = part.lateFields;
  } else if (!RAW_TYPES.has(type)) {
    raw.destroy();
    throw unsupported(`Send the file as text/csv, ${XLSX_TYPE} or multipart/form-data (a "file" part), not ${type || 'no content type'}.`);
  }

  const peeked = await peek(source);
  if (peeked.head.length === 0) throw badRequest('The file is empty.', [{ path: 'file', message: 'empty' }]);
  const claimsXlsx = declared === XLSX_TYPE || /\.xlsx$/i.test(fileName);
  const common = { fileName, bytes: peeked.bytes, lateFields, ...(mapping !== undefined ? { mapping } : {}) };
  if (isZip(peeked.head)) {
    return { ...common, format: 'xlsx', rows: xlsxRows(peeked.body, sheet), ...(sheet !== undefined ? { sheet } : {}) };
  }
  if (claimsXlsx) throw unsupported('The file is declared as XLSX but is not a workbook (XLSX files are zip archives).');
  if (looksBinary(peeked.head)) throw unsupported('The file is binary, not CSV text; upload CSV (UTF-8) or XLSX.');
  const delimiter = sniffDelimiter(peeked.head.toString('utf8'));
  return { ...common, format: 'csv', delimiter, rows: csvRows(peeked.body, delimiter) };
}
