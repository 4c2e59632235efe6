import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { badRequest } from '@dyocense/core';
import type { SheetRow } from '../logic/cells';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV file, from its first lines: the candidate found the same number
 * of times (outside quotes) on most lines, preferring the most frequent. Comma by default.
 */
export function sniffDelimiter(head: string): string {
  const lines = head.replace(/^\ufeff/, '').split(/\r?\n/).slice(0, 20).filter((l) => l.trim());
  if (lines.length > 1 && !head.endsWith('\n') && head.length >= 64 * 1024) lines.pop(); // possibly cut mid-line
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((n) => n === first).length;
    const score = consistent * 1000 + first;
    if (score > best.score) best = { delimiter: d, score };
  }
  return best.delimiter;
}

/**
 * The records of a CSV body, one at a time (csv-parse, streamed with backpressure). Rows are
 * numbered as a spreadsheet would show them: the header is row 1. Quoted fields may hold
 * delimiters and line breaks; rows may have fewer or more fields than the header.
 */
export async function* csvRows(body: Readable, delimiter: string): AsyncGenerator<SheetRow> {
  const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: 1_000_000 });
  const piping = pipeline(body, parser).catch(() => {}); // errors surface through the parser below
  let number = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      yield { number: ++number, cells: record };
    }
  } catch (err) {
    if (err instanceof CsvError) throw badRequest(`The file is not valid CSV near row ${number + 1}: ${err.message.replace(/^Invalid \w+: /, '')}`);
    throw err;
  } finally {
    body.destroy();
    await piping;
  }
}
