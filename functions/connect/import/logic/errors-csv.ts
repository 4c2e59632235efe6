import type { RowError } from './plan';

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
/** A cell starting with one of these runs as a formula in Excel or Sheets; an apostrophe defuses it. */
const FORMULA_START = /^[=+\-@\t\r]/;

const field = (text: string) => {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The error report: RFC 4180 CSV (CRLF, UTF-8 with BOM for Excel), one line per bad cell. */
export function errorsCsv(errors: readonly RowError[]): string {
  const lines = [`${BOM}row,column,value,message`];
  for (const e of errors) lines.push([String(e.row), field(e.column), field(e.value), field(e.message)].join(','));
  return lines.join('\r\n') + '\r\n';
}
