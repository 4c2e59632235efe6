import { describe, expect, it } from 'vitest';
import { exportTable } from './index';
import { columns, manyRows, readText, slowly, trickyRows } from './test-support';

describe('json export', () => {
  it('round-trips title, columns, tricky strings and nulls', async () => {
    const result = exportTable({ title: 'Daily "revenue" ☕', columns, rows: trickyRows }, 'json');
    expect(result.contentType).toBe('application/json');
    expect(result.fileExtension).toBe('json');

    const text = await readText(result.body);
    const parsed = JSON.parse(text);
    expect(parsed.title).toBe('Daily "revenue" ☕');
    expect(parsed.columns).toEqual(columns);
    expect(parsed.rows).toHaveLength(trickyRows.length);
    expect(parsed.rows[1]).toEqual({ day: '2026-11-22T00:00:00.000Z', revenue: 0.1 + 0.2, note: 'comma, inside' });
    expect(parsed.rows[3]).toEqual({ day: '2026-11-24', revenue: null, note: 'line one\nline two\r\nline three' });
    expect(parsed.rows[4].note).toBe('Café ☕ 東京 🚀');
    // No formula guard in JSON: the value is data, not a spreadsheet cell.
    expect(parsed.rows[5].note).toBe('=HYPERLINK("http://evil","x")');
    expect(parsed.rows[7].revenue).toBe(1e21);
    // A driver's decimal string stays a number token with all its digits in the text.
    expect(text).toContain('"revenue":12345678901234567890.123456789');
  });

  it('keeps only the declared columns, in order, with missing keys as null', async () => {
    const rows = [{ note: 'n', extra: 'dropped', day: '2026-01-01' }];
    const parsed = JSON.parse(await readText(exportTable({ title: 't', columns, rows }, 'json').body));
    expect(Object.keys(parsed.rows[0])).toEqual(['day', 'revenue', 'note']);
    expect(parsed.rows[0]).toEqual({ day: '2026-01-01', revenue: null, note: 'n' });
  });

  it('is valid JSON with zero rows', async () => {
    const parsed = JSON.parse(await readText(exportTable({ title: 'Empty', columns, rows: [] }, 'json').body));
    expect(parsed).toEqual({ title: 'Empty', columns, rows: [] });
  });

  it('writes non-finite numbers as null', async () => {
    const rows = [{ day: null, revenue: Number.POSITIVE_INFINITY, note: null }];
    const parsed = JSON.parse(await readText(exportTable({ title: 't', columns, rows }, 'json').body));
    expect(parsed.rows[0].revenue).toBeNull();
  });

  it('streams 50,000 rows from an async source', async () => {
    const { body } = exportTable({ title: 'Big', columns, rows: slowly(manyRows(50_000)) }, 'json');
    let chunks = 0;
    const parts: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of body) {
      chunks++;
      parts.push(decoder.decode(chunk, { stream: true }));
    }
    expect(chunks).toBeGreaterThan(10);
    const parsed = JSON.parse(parts.join(''));
    expect(parsed.rows).toHaveLength(50_000);
    expect(parsed.rows[49_999]).toEqual({ day: expect.any(String), revenue: 49_999 * 1.25, note: 'row 49999, "note"' });
  });
});
