// Streaming exports of a metric query result as CSV, JSON or XLSX. The caller supplies the
// rows (usually a database cursor) and gets back a body it can hand to a Response.
// CSV and JSON use only web APIs; XLSX needs Node (exceljs) and is loaded on first use.
import type { ExportFormat, ExportResult, ExportTable } from './types';
import { csvChunks } from './csv';
import { jsonChunks } from './json';
import { lazyStream, textStream } from './stream';

export type { ExportCell, ExportColumn, ExportFormat, ExportResult, ExportRow, ExportTable } from './types';
export { contentDispositionFor } from './filename';
export { sheetNameFor } from './sheet-name';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'xlsx'];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function exportTable(table: ExportTable, format: ExportFormat): ExportResult {
  const body =
    format === 'csv'
      ? textStream(csvChunks(table))
      : format === 'json'
        ? textStream(jsonChunks(table))
        : lazyStream(async () => (await import('./xlsx')).xlsxStream(table));
  return { body, contentType: CONTENT_TYPES[format], fileExtension: format };
}
