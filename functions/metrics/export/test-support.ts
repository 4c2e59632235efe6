// Helpers shared by this folder's tests: sample tables and stream readers.
import type { ExportColumn, ExportRow } from './types';

export const columns: ExportColumn[] = [
  { key: 'day', label: 'Day', type: 'date' },
  { key: 'revenue', label: 'Revenue ($)', type: 'number' },
  { key: 'note', label: 'Note, "quoted"', type: 'string' },
];

// Strings a spreadsheet or parser is likely to get wrong.
export const trickyRows: ExportRow[] = [
  { day: '2026-11-21', revenue: 1234.5, note: 'plain' },
  { day: '2026-11-22T00:00:00.000Z', revenue: 0.1 + 0.2, note: 'comma, inside' },
  { day: '2026-11-23', revenue: -42, note: 'she said "hi"' },
  { day: '2026-11-24', revenue: null, note: 'line one\nline two\r\nline three' },
  { day: null, revenue: '12345678901234567890.123456789', note: 'Café ☕ 東京 🚀' },
  { day: '2026-11-26', revenue: 7, note: '=HYPERLINK("http://evil","x")' },
  { day: '2026-11-27', revenue: 8, note: null },
  { day: '2026-11-28', revenue: 1e21, note: '' },
];

export function* manyRows(count: number): Generator<ExportRow> {
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    yield { day, revenue: i * 1.25, note: `row ${i}, "note"` };
  }
}

export async function* slowly<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

export async function readBytes(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

// Keeps a leading BOM so tests can check it is there.
export async function readText(body: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readBytes(body));
}
