import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportTable } from './index';
import { xlsxCell } from './xlsx';
import { columns, manyRows, readBytes, slowly, trickyRows } from './test-support';
import type { ExportTable } from './types';

async function readWorkbook(table: ExportTable) {
  const result = exportTable(table, 'xlsx');
  const bytes = await readBytes(result.body);
  const workbook = new ExcelJS.Workbook();
  // exceljs types its Buffer as an ArrayBuffer; JSZip underneath reads either.
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return { result, workbook, sheet };
}

describe('xlsx export', () => {
  it('writes a typed sheet: bold frozen header, numbers, real dates, text as is', async () => {
    const { result, workbook, sheet } = await readWorkbook({ title: 'Daily revenue', columns, rows: trickyRows });
    expect(result.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(result.fileExtension).toBe('xlsx');
    expect(workbook.worksheets).toHaveLength(1);
    expect(sheet.name).toBe('Daily revenue');
    expect(sheet.rowCount).toBe(trickyRows.length + 1);

    const header = sheet.getRow(1);
    expect(header.values).toEqual([undefined, 'Day', 'Revenue ($)', 'Note, "quoted"']);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const a2 = sheet.getCell('A2');
    expect(a2.value).toEqual(new Date(Date.UTC(2026, 10, 21)));
    expect(a2.numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('A3').value).toEqual(new Date(Date.UTC(2026, 10, 22)));
    expect(sheet.getCell('B2').value).toBe(1234.5);
    expect(sheet.getCell('B3').value).toBe(0.1 + 0.2);
    expect(sheet.getCell('B4').value).toBe(-42);
    expect(sheet.getCell('B5').value).toBeNull();
    // Line breaks survive as LF, the form Excel itself uses inside a cell.
    expect(sheet.getCell('C5').value).toBe('line one\nline two\nline three');
    expect(sheet.getCell('A6').value).toBeNull();
    expect(sheet.getCell('B6').value).toBe(12345678901234567890.123456789);
    expect(sheet.getCell('C6').value).toBe('Café ☕ 東京 🚀');
    // A string cell is never evaluated as a formula, so it needs no apostrophe.
    expect(sheet.getCell('C7').value).toBe('=HYPERLINK("http://evil","x")');
    expect(sheet.getCell('C7').type).toBe(ExcelJS.ValueType.String);

    for (const col of [1, 2, 3]) {
      const width = sheet.getColumn(col).width ?? 0;
      expect(width).toBeGreaterThanOrEqual(10);
      expect(width).toBeLessThanOrEqual(62);
    }
    expect(sheet.getColumn(3).width).toBeGreaterThan(sheet.getColumn(1).width ?? 0);
  });

  it('converts cell values by column type', () => {
    const date = { key: 'd', label: 'D', type: 'date' } as const;
    const num = { key: 'n', label: 'N', type: 'number' } as const;
    expect(xlsxCell('2026-11-21', date)).toEqual(new Date(Date.UTC(2026, 10, 21)));
    expect(xlsxCell('2026-11-21T10:30:00', date)).toEqual(new Date(Date.UTC(2026, 10, 21, 10, 30)));
    expect(xlsxCell('2026-11-21T10:30:00+02:00', date)).toEqual(new Date(Date.UTC(2026, 10, 21, 8, 30)));
    expect(xlsxCell('2026-02-31', date)).toBe('2026-02-31');
    expect(xlsxCell('soon', date)).toBe('soon');
    expect(xlsxCell('-12.5', num)).toBe(-12.5);
    expect(xlsxCell('n/a', num)).toBe('n/a');
    expect(xlsxCell('', num)).toBe('');
    expect(xlsxCell(Number.NaN, num)).toBeNull();
  });

  it('keeps the file valid with control characters and over-long text', async () => {
    const rows = [{ day: null, revenue: null, note: `a\u0000b\u0007c\u001fd` }, { day: null, revenue: null, note: 'z'.repeat(40_000) }];
    const { sheet } = await readWorkbook({ title: 'Odd', columns, rows });
    expect(sheet.getCell('C2').value).toBe('abcd');
    expect(String(sheet.getCell('C3').value)).toHaveLength(32_767);
  });

  it('sanitises the sheet name from the title', async () => {
    const title = "'Revenue: Q3/Q4 [draft] *final*? by \\store\\ and region'";
    const { sheet } = await readWorkbook({ title, columns, rows: [] });
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    expect(sheet.name).not.toMatch(/[[\]:*?/\\]/);
    expect(sheet.name).toBe('Revenue Q3 Q4 draft final by st');
    expect(sheet.name).toHaveLength(31);
  });

  it('writes a header-only sheet for zero rows', async () => {
    const { sheet } = await readWorkbook({ title: 'Empty', columns, rows: [] });
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getCell('A1').value).toBe('Day');
  });

  it('streams 50,000 rows from an async source', async () => {
    const { body } = exportTable({ title: 'Big', columns, rows: slowly(manyRows(50_000)) }, 'xlsx');
    let chunks = 0;
    const parts: Uint8Array[] = [];
    for await (const chunk of body) {
      chunks++;
      parts.push(chunk);
    }
    expect(chunks).toBeGreaterThan(1);

    // Read it back row by row with the streaming reader, as a consumer of a big file would.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.concat(parts)]), {});
    let rows = 0;
    let last: unknown[] = [];
    for await (const sheet of reader) {
      for await (const row of sheet) {
        rows++;
        last = row.values as unknown[];
      }
    }
    expect(rows).toBe(50_001);
    expect(last[2]).toBe(49_999 * 1.25);
    expect(last[3]).toBe('row 49999, "note"');
  });

  it('stops reading the source when the consumer cancels', async () => {
    let produced = 0;
    let closed = false;
    async function* source() {
      try {
        for (const row of manyRows(1_000_000)) {
          produced++;
          yield row;
        }
      } finally {
        closed = true;
      }
    }
    const { body } = exportTable({ title: 'Cancelled', columns, rows: source() }, 'xlsx');
    expect(produced).toBe(0);
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(200_000);
  });

  it('fails the stream when the source fails', async () => {
    async function* broken() {
      yield* manyRows(3);
      throw new Error('cursor lost');
    }
    const { body } = exportTable({ title: 'Broken', columns, rows: broken() }, 'xlsx');
    await expect(new Response(body).arrayBuffer()).rejects.toThrow('cursor lost');
  });
});
