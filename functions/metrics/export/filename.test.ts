import { describe, expect, it } from 'vitest';
import { contentDispositionFor } from './index';
import { asciiFileName } from './filename';

// Decode filename* the way an RFC 6266 client does.
function extendedName(header: string): string {
  const m = /filename\*=UTF-8''([^;\s]+)/.exec(header);
  if (!m?.[1]) throw new Error(`no filename* in ${header}`);
  expect(m[1]).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
  return decodeURIComponent(m[1]);
}

describe('contentDispositionFor', () => {
  it('gives an ASCII fallback and a UTF-8 name', () => {
    const header = contentDispositionFor('Café sales – Q3', 'csv');
    expect(header).toBe(`attachment; filename="Cafe-sales-Q3.csv"; filename*=UTF-8''Caf%C3%A9%20sales%20%E2%80%93%20Q3.csv`);
    expect(extendedName(header)).toBe('Café sales – Q3.csv');
  });

  it('never puts quotes, slashes or control characters in either name', () => {
    const header = contentDispositionFor('a"b/c\\d\r\ne;f\'(g)*', 'xlsx');
    const ascii = /filename="([^"]*)"/.exec(header)?.[1];
    expect(ascii).toBe('a-b-c-d-e-f-g.xlsx');
    const unicode = extendedName(header);
    expect(unicode).not.toMatch(/["/\\\r\n]/);
    expect(unicode.endsWith('.xlsx')).toBe(true);
    expect(header).not.toMatch(/[\r\n]/);
  });

  it('falls back to "export" when nothing usable is left', () => {
    expect(contentDispositionFor('東京', 'json')).toBe(`attachment; filename="export.json"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC.json`);
    expect(contentDispositionFor('', 'csv')).toBe(`attachment; filename="export.csv"; filename*=UTF-8''export.csv`);
    expect(asciiFileName('../..')).toBe('export');
  });

  it('keeps long names bounded', () => {
    const header = contentDispositionFor('x'.repeat(500), 'csv');
    expect(/filename="([^"]*)"/.exec(header)?.[1]).toBe(`${'x'.repeat(100)}.csv`);
    expect(extendedName(header)).toHaveLength(104);
  });
});
