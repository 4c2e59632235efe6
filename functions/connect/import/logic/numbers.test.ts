import { describe, expect, it } from 'vitest';
import { detectDecimal, parseNumber } from './numbers';

const num = (cell: Parameters<typeof parseNumber>[0], decimal: '.' | ',' = '.') => {
  const r = parseNumber(cell, decimal);
  return r.ok ? r.number : r.message;
};

describe('parseNumber', () => {
  it('reads both decimal conventions with grouping', () => {
    expect(num('1,234.56')).toEqual({ value: 1234.56 });
    expect(num('1.234,56', ',')).toEqual({ value: 1234.56 });
    expect(num('1 234,5', ',')).toEqual({ value: 1234.5 });
    expect(num("1'234.50")).toEqual({ value: 1234.5 });
    expect(num('12,5', ',')).toEqual({ value: 12.5 });
    expect(num('.5')).toEqual({ value: 0.5 });
    expect(num('1.5e3')).toEqual({ value: 1500 });
  });
  it('reads currencies, signs and percentages', () => {
    expect(num('$1,234.00')).toEqual({ value: 1234, currency: 'USD' });
    expect(num('-$12.50')).toEqual({ value: -12.5, currency: 'USD' });
    expect(num('$-12.50')).toEqual({ value: -12.5, currency: 'USD' });
    expect(num('(1,234.00)')).toEqual({ value: -1234 });
    expect(num('12,50 €', ',')).toEqual({ value: 12.5, currency: 'EUR' });
    expect(num('EUR 1.000,00', ',')).toEqual({ value: 1000, currency: 'EUR' });
    expect(num('£3')).toEqual({ value: 3, currency: 'GBP' });
    expect(num('CA$5')).toEqual({ value: 5, currency: 'CAD' });
    expect(num('12.5%')).toEqual({ value: 12.5, percent: true });
    expect(num('45-')).toEqual({ value: -45 });
  });
  it('passes spreadsheet numbers through', () => {
    expect(num(3.25)).toEqual({ value: 3.25 });
  });
  it('refuses what is not one number in the convention', () => {
    expect(num('1,234.56', ',')).toMatch(/like 1\.234,56/);
    expect(num('1.234,56')).toMatch(/like 1,234\.56/);
    expect(num('12,34,5')).toMatch(/expected a number/);
    expect(num('abc')).toMatch(/expected a number/);
    expect(num('XYZ$3')).toMatch(/expected a number/);
    expect(num(true)).toMatch(/boolean/);
    expect(num('')).toBe('the value is empty');
  });
});

describe('detectDecimal', () => {
  it('decides on values that can only be read one way', () => {
    expect(detectDecimal(['1,234.56', '12'])).toEqual({ decimal: '.', ambiguous: false, conflicts: 0 });
    expect(detectDecimal(['1.234,56', '12,5'])).toEqual({ decimal: ',', ambiguous: false, conflicts: 0 });
    expect(detectDecimal(['$1.25'])).toMatchObject({ decimal: '.', ambiguous: false });
  });
  it('falls back on the delimiter when nothing decides', () => {
    expect(detectDecimal(['1,234', '12'])).toEqual({ decimal: '.', ambiguous: true, conflicts: 0 });
    expect(detectDecimal(['1.234', '12'], ';')).toEqual({ decimal: ',', ambiguous: true, conflicts: 0 });
  });
  it('counts values that disagree', () => {
    expect(detectDecimal(['1.5', '2.5', '3,5'])).toEqual({ decimal: '.', ambiguous: false, conflicts: 1 });
  });
});
