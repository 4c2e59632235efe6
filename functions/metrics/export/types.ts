// The shape every export formatter reads. Rows may come straight from a database cursor
// (async) or from memory (sync); formatters never hold more than a batch of them at once.

export interface ExportColumn {
  key: string;
  label: string;
  type: 'string' | 'number' | 'date';
}

export type ExportCell = string | number | null;
export type ExportRow = Record<string, ExportCell>;

export interface ExportTable {
  title: string;
  columns: ExportColumn[];
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>;
}

export type ExportFormat = 'csv' | 'json' | 'xlsx';

export interface ExportResult {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  fileExtension: string;
}
