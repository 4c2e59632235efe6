// XLSX through exceljs's streaming writer: rows are committed as they arrive and the zip is
// emitted as it grows. exceljs is built on Node streams, so this format runs on Node only.
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { ExportCell, ExportColumn, ExportRow, ExportTable } from './types';
import { byteStream } from './stream';
import { sheetNameFor } from './sheet-name';
import { cellOf, parseIsoDate } from './values';

type XlsxValue = string | number | Date | null;

// Column widths are chosen before the first row is written (the <cols> element precedes the
// data), so they come from the labels plus a sample of the first rows.
const WIDTH_SAMPLE_ROWS = 200;
const MIN_WIDTH = { string: 10, number: 12, date: 12 } as const;
const MAX_WIDTH = 60;
// Let the zip and the consumer catch up every so often, so a fast source (a sync array or a
// quick cursor) cannot pile the whole sheet up in exceljs's internal buffers.
const ROWS_PER_YIELD = 500;
// Excel's limit for one cell; longer text makes Excel report the file as damaged.
const MAX_CELL_TEXT = 32_767;

// XML readers turn CR LF into LF anyway; doing it here means what is written is what Excel shows.
// Control characters XML cannot carry are dropped by exceljs itself.
function cellText(text: string): string {
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return lines.length > MAX_CELL_TEXT ? lines.slice(0, MAX_CELL_TEXT) : lines;
}

export function xlsxCell(value: ExportCell, column: ExportColumn): XlsxValue {
  if (value === null) return null;
  if (column.type === 'number') {
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : cellText(value);
  }
  if (column.type === 'date') {
    // Anything that is not a readable date is kept as text rather than lost.
    if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : null;
    return parseIsoDate(value) ?? cellText(value);
  }
  return typeof value === 'number' ? value : cellText(value);
}

function widthOf(value: XlsxValue): number {
  if (value === null) return 0;
  if (value instanceof Date) return 10;
  return String(value).length;
}

function columnWidths(columns: ExportColumn[], sample: ExportRow[]): number[] {
  return columns.map((c) => {
    let width = Math.max(MIN_WIDTH[c.type], c.label.length);
    for (const row of sample) width = Math.max(width, widthOf(xlsxCell(cellOf(row, c.key), c)));
    return Math.min(MAX_WIDTH, width + 2);
  });
}

function waitForDrain(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: ExportTable, sample: ExportRow[]) {
  const { columns } = table;
  const sheet = workbook.addWorksheet(sheetNameFor(table.title), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const widths = columnWidths(columns, sample);
  sheet.columns = columns.map((c, i) => ({
    header: c.label,
    key: c.key,
    width: widths[i] ?? MIN_WIDTH[c.type],
    style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  // The header is a label, so it takes no date format even in a date column.
  header.eachCell((cell) => {
    cell.numFmt = 'General';
  });
  header.commit();
  return sheet;
}

async function writeWorkbook(table: ExportTable, out: PassThrough): Promise<void> {
  const { columns } = table;
  // One iterator for the whole export: the first rows are sampled for widths, then the rest
  // are read from where the sample stopped.
  const rows = (async function* () {
    yield* table.rows;
  })();
  let exhausted = false;
  const nextRow = async (): Promise<ExportRow | undefined> => {
    const next = await rows.next();
    if (next.done) exhausted = true;
    return next.done ? undefined : next.value;
  };

  try {
    const sample: ExportRow[] = [];
    while (sample.length < WIDTH_SAMPLE_ROWS) {
      const row = await nextRow();
      if (!row) break;
      sample.push(row);
    }
    if (out.destroyed) return;

    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = addSheet(workbook, table, sample);
    let written = 0;
    const add = async (row: ExportRow) => {
      sheet.addRow(columns.map((c) => xlsxCell(cellOf(row, c.key), c))).commit();
      if (++written % ROWS_PER_YIELD === 0) {
        await nextTurn();
        if (out.writableNeedDrain) await waitForDrain(out);
      }
    };
    for (const row of sample) await add(row);
    while (!exhausted && !out.destroyed) {
      const row = await nextRow();
      if (row) await add(row);
    }
    // The consumer went away: stop here; finally closes the source (e.g. a cursor).
    if (out.destroyed) return;
    sheet.commit();
    await workbook.commit();
  } finally {
    if (!exhausted) await rows.return(undefined);
  }
}

export function xlsxStream(table: ExportTable): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  // After a cancel, exceljs may still try to write; that late error has no one to tell and
  // must not become an uncaught exception. Errors during a live read reach the reader anyway.
  out.on('error', () => {});
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    writeWorkbook(table, out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  };
  // Start writing only when the consumer first reads, like the text formats do.
  const chunks = (async function* () {
    start();
    for await (const chunk of out) yield chunk as Uint8Array;
  })();
  return byteStream(chunks, () => out.destroy());
}
