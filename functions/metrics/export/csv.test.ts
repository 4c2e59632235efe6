import { describe, expect, it } from 'vitest';
import { exportTable } from './index';
import { csvCell, csvText } from './csv';
import { columns, manyRows, readText, slowly, trickyRows } from './test-support';

// A strict RFC 4180 reader: only CRLF ends a record; anything else inside quotes is data.
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\r' || ch === '\n' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length) throw new Error('last record not terminated by CRLF');
  return records;
}

describe('csv export', () => {
  it('round-trips tricky strings, numbers and nulls', async () => {
    const result = exportTable({ title: 'Daily revenue', columns, rows: trickyRows }, 'csv');
    expect(result.contentType).toBe('text/csv; charset=utf-8');
    expect(result.fileExtension).toBe('csv');

    const text = await readText(result.body);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = parseCsv(text.slice(1));
    expect(records).toEqual([
      ['Day', 'Revenue ($)', 'Note, "quoted"'],
      ['2026-11-21', '1234.5', 'plain'],
      ['2026-11-22T00:00:00.000Z', '0.30000000000000004', 'comma, inside'],
      ['2026-11-23', '-42', 'she said "hi"'],
      ['2026-11-24', '', 'line one\nline two\r\nline three'],
      ['', '12345678901234567890.123456789', 'Café ☕ 東京 🚀'],
      ['2026-11-26', '7', `'=HYPERLINK("http://evil","x")`],
      ['2026-11-27', '8', ''],
      ['2026-11-28', '1e+21', ''],
    ]);
    // Every number is read back as exactly the double that was written.
    expect(Number(records[2]?.[1])).toBe(0.1 + 0.2);
  });

  it('defuses formula injection in strings but leaves numbers alone', () => {
    const text = { key: 'k', label: 'K', type: 'string' } as const;
    const num = { key: 'k', label: 'K', type: 'number' } as const;
    expect(csvCell('=1+1', text)).toBe("'=1+1");
    expect(csvCell('+49 30 1234', text)).toBe("'+49 30 1234");
    expect(csvCell('-2', text)).toBe("'-2");
    expect(csvCell('@SUM(A1)', text)).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd', text)).toBe("'\tcmd");
    expect(csvCell('\rcmd', text)).toBe(`"'\rcmd"`);
    expect(csvCell('=1,2', text)).toBe(`"'=1,2"`);
    expect(csvCell('a=b', text)).toBe('a=b');
    expect(csvCell(-2, num)).toBe('-2');
    expect(csvCell(-2, text)).toBe('-2');
    expect(csvCell('-12.50', num)).toBe('-12.50');
    expect(csvCell('-oops', num)).toBe("'-oops");
    expect(csvCell(Number.NaN, num)).toBe('');
    expect(csvText('=label')).toBe("'=label");
  });

  it('writes only the header for zero rows', async () => {
    const text = await readText(exportTable({ title: 'Empty', columns, rows: [] }, 'csv').body);
    expect(text).toBe('\uFEFFDay,Revenue ($),"Note, ""quoted"""\r\n');
  });

  it('treats missing keys as empty fields', async () => {
    const text = await readText(exportTable({ title: 'Sparse', columns, rows: [{ revenue: 3 }] }, 'csv').body);
    expect(parseCsv(text.slice(1))[1]).toEqual(['', '3', '']);
  });

  it('streams 50,000 rows from an async source in batches', async () => {
    const { body } = exportTable({ title: 'Big', columns, rows: slowly(manyRows(50_000)) }, 'csv');
    const decoder = new TextDecoder();
    let chunks = 0;
    let lines = 0;
    let tail = '';
    for await (const chunk of body) {
      chunks++;
      const text = tail + decoder.decode(chunk, { stream: true });
      const parts = text.split('\r\n');
      tail = parts.pop() ?? '';
      lines += parts.length;
    }
    expect(tail).toBe('');
    expect(lines).toBe(50_001);
    // Rows are batched into chunks, neither one per row nor one for the whole file.
    expect(chunks).toBeGreaterThan(10);
    expect(chunks).toBeLessThan(1000);
  });

  it('does not read the source before the body is read, and closes it on cancel', async () => {
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
    const { body } = exportTable({ title: 'Cancelled', columns, rows: source() }, 'csv');
    expect(produced).toBe(0);
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(10_000);
  });

  it('fails the stream when the source fails', async () => {
    async function* broken() {
      yield* manyRows(3);
      throw new Error('cursor lost');
    }
    const { body } = exportTable({ title: 'Broken', columns, rows: broken() }, 'csv');
    await expect(new Response(body).arrayBuffer()).rejects.toThrow('cursor lost');
  });
});
