import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { badRequest, HttpProblem } from '@dyocense/core';
import type { Cell, SheetRow } from '../logic/cells';

/** A cell value as exceljs gives it, reduced to what a spreadsheet shows. */
function plain(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain(v.result); // a formula: its last computed value
    if (typeof v.text === 'string') return v.text; // a hyperlink
    if (v.error) return v.error;
  }
  return String(value);
}

/**
 * The rows of one worksheet of an XLSX body, streamed with exceljs's WorkbookReader (the
 * zip is read entry by entry; a sheet stored before its shared strings is spooled to a
 * temporary file by exceljs, never to memory). Cells formatted as dates arrive as dates.
 */
export async function* xlsxRows(body: Readable, sheet?: string): AsyncGenerator<SheetRow & { sheet: string }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(body, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const seen: string[] = [];
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seen.push(name);
      if (sheet !== undefined && name !== sheet) continue;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plain(values[i]));
        yield { number: row.number, cells, sheet: name };
      }
      return;
    }
  } catch (err) {
    if (err instanceof HttpProblem) throw err;
    // Only the file is read here: whatever exceljs or its unzip trips on is the file's fault.
    throw badRequest(`The file is not a readable XLSX workbook: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    body.destroy();
  }
  if (sheet !== undefined) throw badRequest(`The workbook has no worksheet "${sheet}" (worksheets: ${seen.join(', ') || 'none'}).`, [{ path: 'sheet', message: 'no such worksheet' }]);
}
