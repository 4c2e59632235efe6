// RFC 4180 CSV for spreadsheets: CRLF, quoted fields, UTF-8 with a BOM so Excel detects UTF-8.
import type { ExportCell, ExportColumn, ExportTable } from './types';
import { cellOf, isDecimalLiteral } from './values';

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
// A cell starting with one of these is run as a formula by Excel/Sheets (CSV injection);
// a leading apostrophe makes it plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvQuote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvText(text: string): string {
  return csvQuote(FORMULA_START.test(text) ? `'${text}` : text);
}

export function csvCell(value: ExportCell, column: ExportColumn): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // A decimal string in a number column is a number: no apostrophe in front of '-12.5'.
  if (column.type === 'number' && isDecimalLiteral(value)) return value;
  return csvText(value);
}

export async function* csvChunks(table: ExportTable): AsyncGenerator<string> {
  const { columns } = table;
  yield BOM + columns.map((c) => csvText(c.label)).join(',') + '\r\n';
  for await (const row of table.rows) {
    yield columns.map((c) => csvCell(cellOf(row, c.key), c)).join(',') + '\r\n';
  }
}
