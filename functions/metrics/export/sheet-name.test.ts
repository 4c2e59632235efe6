import { describe, expect, it } from 'vitest';
import { sheetNameFor } from './sheet-name';

describe('sheetNameFor', () => {
  it('removes characters Excel forbids and squeezes spaces', () => {
    expect(sheetNameFor('Revenue: [2026] a/b\\c*d?e')).toBe('Revenue 2026 a b c d e');
  });

  it('keeps at most 31 characters without splitting an emoji', () => {
    expect(sheetNameFor('x'.repeat(40))).toBe('x'.repeat(31));
    const name = sheetNameFor(`${'y'.repeat(30)}🚀`);
    expect(name).toBe('y'.repeat(30));
    expect(sheetNameFor('Ventes café ☕ 🚀')).toBe('Ventes café ☕ 🚀');
  });

  it('trims apostrophes at either end and avoids empty or reserved names', () => {
    expect(sheetNameFor("'quoted'")).toBe('quoted');
    expect(sheetNameFor("it's fine")).toBe("it's fine");
    expect(sheetNameFor('')).toBe('Sheet1');
    expect(sheetNameFor('[]:*?/\\')).toBe('Sheet1');
    expect(sheetNameFor('History')).toBe('History 1');
  });
});
