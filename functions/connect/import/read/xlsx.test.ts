import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpProblem } from '@dyocense/core';
import { xlsxRows } from './xlsx';
import { handmadeWorkbook, zip, zipOrder } from './xlsx.fixture';

// Every temporary file made while reading (by the reader or a library under it) lands in
// this folder, which must be empty once a read is over; stray errors are caught here too.
let scratch: string;
let savedTmp: string | undefined;
const escaped: unknown[] = [];
const record = (err: unknown) => void escaped.push(err);

beforeAll(async () => {
  savedTmp = process.env.TMPDIR;
  scratch = await mkdtemp(join(tmpdir(), 'xlsx-test-'));
  process.env.TMPDIR = scratch;
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
});

afterAll(async () => {
  process.off('uncaughtException', record);
  process.off('unhandledRejection', record);
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  await rm(scratch, { recursive: true, force: true });
});

/** A request body as the upload hands it over: the file in 16 KiB chunks. */
function bodyOf(file: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.length; at += 16 * 1024) chunks.push(file.subarray(at, at + 16 * 1024));
  return Readable.from(chunks, { objectMode: false });
}

/** Reads rows until `stopAfter` of them, as a preview or a failing import stops. */
async function read(body: Readable, sheet?: string, stopAfter = Infinity) {
  const rows: { number: number; cells: unknown[]; sheet: string }[] = [];
  for await (const row of xlsxRows(body, sheet)) {
    rows.push(row);
    if (rows.length >= stopAfter) break;
  }
  return rows;
}

/**
 * After a read: no error escaped to the process and no temporary file is left. A stray stream
 * error surfaces on a later turn of the event loop, so give it a few before looking.
 */
async function expectCleanExit() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(escaped).toEqual([]);
  expect(await readdir(scratch)).toEqual([]);
}

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpProblem);
  return err as HttpProblem;
}

const day = (y: number, m: number, d: number, h = 0) => new Date(Date.UTC(y, m - 1, d, h));

describe('xlsxRows on a workbook laid out as Excel stores it', () => {
  const parts = handmadeWorkbook();

  it('stores its worksheets before their shared strings and styles', () => {
    const order = zipOrder(zip(parts));
    expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/sharedStrings.xml'));
    expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/styles.xml'));
  });

  it.each([
    ['deflated entries', {}],
    ['stored entries', { stored: true }],
    ['a ZIP64 archive', { zip64: true }],
  ])('reads every kind of cell (%s)', async (_, options) => {
    const body = bodyOf(zip(parts, options));
    expect(await read(body)).toEqual([
      // Shared strings, an inline one, and rich text whose phonetic guide is not shown.
      { number: 1, sheet: 'Sales', cells: ['Date', 'Net Sales', 'Paid', 'Note', 'When'] },
      // A built-in date format, a number, a boolean, an error, a formula's cached date-time,
      // a formula's cached text, an empty column, a shared string with an escaped CR.
      { number: 2, sheet: 'Sales', cells: [day(2024, 4, 1), 1204.5, true, '#DIV/0!', day(2024, 4, 2, 12), 'ab', null, 'café ☕ — 日本\r\nline'] },
      // A custom date format in capitals; a percentage whose quoted text has date letters;
      // inline rich text; a styled cell without a value is no column.
      { number: 4, sheet: 'Sales', cells: [day(2024, 4, 3), 0.25, false, 'rich inline'] },
      // Rows and cells without references follow the ones before them.
      { number: 5, sheet: 'Sales', cells: [' no refs ', 7] },
    ]);
    expect(body.destroyed).toBe(true);
    await expectCleanExit();
  });

  it('picks a worksheet by name, wherever its part is and whatever prefix its XML uses', async () => {
    expect(await read(bodyOf(zip(parts)), 'Other')).toEqual([
      { number: 1, sheet: 'Other', cells: ['Other'] },
      { number: 2, sheet: 'Other', cells: [2] },
    ]);
    await expectCleanExit();
  });

  it('counts dates from 1904 when the workbook says so', async () => {
    const [, second] = await read(bodyOf(zip(handmadeWorkbook({ date1904: true }))));
    expect(second!.cells[0]).toEqual(day(2028, 4, 2));
    await expectCleanExit();
  });

  it('names the worksheets (not the chart sheets) when the one asked for is missing', async () => {
    const problem = await problemOf(read(bodyOf(zip(parts)), 'Chart'));
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('The workbook has no worksheet "Chart" (worksheets: Sales, Other).');
    expect(problem.fieldErrors).toEqual([{ path: 'sheet', message: 'no such worksheet' }]);
    await expectCleanExit();
  });
});

describe('xlsxRows on a large exceljs workbook, stopped early', () => {
  const ROWS = 5000;
  let file: Buffer;

  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    for (const name of ['January', 'February', 'March']) {
      const sheet = book.addWorksheet(name);
      sheet.addRow(['Date', 'Store', 'Revenue']);
      for (let i = 0; i < ROWS; i++) {
        const row = sheet.addRow([new Date(Date.UTC(2024, 0, 1) + i * 3_600_000), `${name} store ${i % 40}`, i + 0.5]);
        row.getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
      }
    }
    file = Buffer.from(await book.xlsx.writeBuffer());
    // The layout that made exceljs's reader spool worksheets to temporary files.
    const order = zipOrder(file);
    expect(order.indexOf('xl/worksheets/sheet3.xml')).toBeLessThan(order.indexOf('xl/sharedStrings.xml'));
  });

  it('reads a later worksheet to its end', async () => {
    const rows = await read(bodyOf(file), 'March');
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[0]).toEqual({ number: 1, sheet: 'March', cells: ['Date', 'Store', 'Revenue'] });
    expect(rows.at(-1)).toEqual({ number: ROWS + 1, sheet: 'March', cells: [new Date(Date.UTC(2024, 0, 1) + (ROWS - 1) * 3_600_000), `March store ${(ROWS - 1) % 40}`, ROWS - 0.5] });
    await expectCleanExit();
  });

  it('stops after a few rows of the first worksheet', async () => {
    const body = bodyOf(file);
    const rows = await read(body, undefined, 3);
    expect(rows.map((r) => [r.sheet, r.number])).toEqual([
      ['January', 1],
      ['January', 2],
      ['January', 3],
    ]);
    expect(body.destroyed).toBe(true);
    await expectCleanExit();
  });

  it('stops after a few rows of a later worksheet', async () => {
    const rows = await read(bodyOf(file), 'February', 2);
    expect(rows[1]).toEqual({ number: 2, sheet: 'February', cells: [new Date(Date.UTC(2024, 0, 1)), 'February store 0', 0.5] });
    await expectCleanExit();
  });

  it('stops when the reader of the rows throws half way', async () => {
    const failure = new Error('row 2500 is not valid');
    const reading = (async () => {
      for await (const row of xlsxRows(bodyOf(file), 'March')) if (row.number === 2500) throw failure;
    })();
    await expect(reading).rejects.toBe(failure);
    await expectCleanExit();
  });

  it('releases everything when returned to directly, as the import does', async () => {
    const rows = xlsxRows(bodyOf(file), 'March');
    expect((await rows.next()).value).toMatchObject({ number: 1 });
    expect(await rows.return(undefined)).toEqual({ done: true, value: undefined });
    expect(await rows.next()).toEqual({ done: true, value: undefined });
    await expectCleanExit();
  });

  it('refuses a worksheet the workbook does not have, naming those it has', async () => {
    const problem = await problemOf(read(bodyOf(file), 'April'));
    expect(problem.detail).toBe('The workbook has no worksheet "April" (worksheets: January, February, March).');
    await expectCleanExit();
  });
});

describe('xlsxRows on bodies that are not readable workbooks', () => {
  const workbook = zip(handmadeWorkbook());
  // Deflated bytes no inflater accepts, where the first worksheet's data starts.
  const damaged = Buffer.from(workbook);
  damaged.fill(0xff, damaged.indexOf('xl/worksheets/sheet1.xml') + 24, damaged.indexOf('xl/worksheets/sheet1.xml') + 64);

  it.each([
    ['a zip without a workbook', zip([['hello.txt', 'hello']])],
    ['a workbook cut short', workbook.subarray(0, workbook.length - 200)],
    ['a workbook with a damaged worksheet', damaged],
    ['zip signature and garbage', Buffer.from([0x50, 0x4b, 3, 4, ...new Array(200).fill(7)])],
    ['a cell beyond the last column', zip(handmadeWorkbook().map(([name, text]) => [name, name.endsWith('sheet1.xml') ? '<worksheet><sheetData><row><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>' : text]))],
    ['a worksheet that is not XML', zip(handmadeWorkbook().map(([name, text]) => [name, name.endsWith('sheet1.xml') ? '<worksheet><sheetData><row>' : text]))],
  ])('answers 400 for %s', async (_, file) => {
    const body = bodyOf(file);
    const problem = await problemOf(read(body));
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(/^The file is not a readable XLSX workbook: /);
    expect(body.destroyed).toBe(true);
    await expectCleanExit();
  });

  it.each([
    ['an encrypted workbook', zip(handmadeWorkbook(), { encrypted: true }), 'the workbook is encrypted'],
    ['parts compressed with an unsupported method', zip(handmadeWorkbook(), { method: 14 }), '_rels/.rels is compressed with an unsupported method (14)'],
    ['a workbook cut short', workbook.subarray(0, workbook.length - 200), /^the zip archive is damaged or incomplete \(.+\)$/],
    ['a workbook with a damaged worksheet', damaged, /^xl\/worksheets\/sheet1\.xml is damaged \(.+\)$/],
  ])('says why it cannot read %s', async (_, file, reason) => {
    const problem = await problemOf(read(bodyOf(file)));
    expect(problem.status).toBe(400);
    expect(problem.detail.replace('The file is not a readable XLSX workbook: ', '')).toMatch(reason);
    await expectCleanExit();
  });

  it("passes on the body's own error, such as the upload limit, unchanged", async () => {
    const tooLarge = new HttpProblem(413, 'payload-too-large', 'The file is larger than the limit.');
    const body = Readable.from(
      (async function* () {
        yield workbook.subarray(0, 1000);
        throw tooLarge;
      })(),
      { objectMode: false },
    );
    await expect(read(body)).rejects.toBe(tooLarge);
    await expectCleanExit();
  });
});
