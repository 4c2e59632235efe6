import { describe, expect, it } from 'vitest';
import { detectDateFormat, parseDate } from './dates';

const at = (cell: Parameters<typeof parseDate>[0], format: Parameters<typeof parseDate>[1]) => {
  const r = parseDate(cell, format);
  return r.ok ? new Date(r.time).toISOString() : r.message;
};

describe('parseDate', () => {
  it('reads ISO dates, times and offsets', () => {
    expect(at('2024-01-31', 'iso')).toBe('2024-01-31T00:00:00.000Z');
    expect(at('2024/1/5', 'iso')).toBe('2024-01-05T00:00:00.000Z');
    expect(at('2024-03', 'iso')).toBe('2024-03-01T00:00:00.000Z');
    expect(at('2024-01-31T14:30:15.250Z', 'iso')).toBe('2024-01-31T14:30:15.250Z');
    expect(at('2024-01-31 09:00+02:00', 'iso')).toBe('2024-01-31T07:00:00.000Z');
    expect(at('2024-01-31T09:00:00-0500', 'iso')).toBe('2024-01-31T14:00:00.000Z');
  });
  it('reads US and European orders, two-digit years and 12-hour clocks', () => {
    expect(at('01/31/2024', 'mdy')).toBe('2024-01-31T00:00:00.000Z');
    expect(at('31/01/2024', 'dmy')).toBe('2024-01-31T00:00:00.000Z');
    expect(at('31.01.2024', 'dmy')).toBe('2024-01-31T00:00:00.000Z');
    expect(at('2/3/24', 'mdy')).toBe('2024-02-03T00:00:00.000Z');
    expect(at('2/3/24', 'dmy')).toBe('2024-03-02T00:00:00.000Z');
    expect(at('1/31/2024 2:30 PM', 'mdy')).toBe('2024-01-31T14:30:00.000Z');
    expect(at('1/31/2024 12:05 AM', 'mdy')).toBe('2024-01-31T00:05:00.000Z');
  });
  it('reads Excel serial days, numbers or text, with the time of day', () => {
    expect(at(45322, 'excel_serial')).toBe('2024-01-31T00:00:00.000Z');
    expect(at('45322.5', 'excel_serial')).toBe('2024-01-31T12:00:00.000Z');
    expect(at(25569, 'excel_serial')).toBe('1970-01-01T00:00:00.000Z');
  });
  it('takes spreadsheet date cells under any format', () => {
    expect(at(new Date('2024-05-06T00:00:00Z'), 'mdy')).toBe('2024-05-06T00:00:00.000Z');
  });
  it('says why a value is not a date', () => {
    expect(at('13/01/2024', 'mdy')).toMatch(/month 13 does not exist/);
    expect(at('2023-02-29', 'iso')).toMatch(/day 29 does not exist in 2023-02/);
    expect(at('yesterday', 'iso')).toMatch(/expected a date like 2024-01-31/);
    expect(at('', 'iso')).toBe('the date is empty');
    expect(at(45322, 'iso')).toMatch(/found the number 45322/);
    expect(at('1/31/2024 13:00 PM', 'mdy')).toMatch(/time of day/);
  });
});

describe('detectDateFormat', () => {
  it('tells US from European dates by the values', () => {
    expect(detectDateFormat(['01/02/2024', '01/13/2024'], 'Date')).toEqual({ format: 'mdy', share: 1, ambiguous: false });
    expect(detectDateFormat(['02/01/2024', '13/01/2024'], 'Date')).toEqual({ format: 'dmy', share: 1, ambiguous: false });
  });
  it('says when the order is a guess, and follows the dot habit', () => {
    expect(detectDateFormat(['01/02/2024', '03/04/2024'], 'Date')).toMatchObject({ format: 'mdy', ambiguous: true });
    expect(detectDateFormat(['01.02.2024', '03.04.2024'], 'Datum')).toMatchObject({ format: 'dmy', ambiguous: true });
  });
  it('finds ISO dates and spreadsheet dates', () => {
    expect(detectDateFormat(['2024-01-01', '2024-01-02', null, ''], 'day')).toMatchObject({ format: 'iso', share: 1 });
    expect(detectDateFormat([new Date(), new Date()], 'x')).toMatchObject({ format: 'iso' });
  });
  it('reads numbers as Excel serials only under a date-like header', () => {
    expect(detectDateFormat([45322, 45323, '45324'], 'Order date')).toMatchObject({ format: 'excel_serial' });
    expect(detectDateFormat([45322, 45323], 'Revenue')).toBeNull();
    expect(detectDateFormat([12, 13], 'Day')).toBeNull();
  });
  it('refuses mixed orders and text', () => {
    expect(detectDateFormat(['13/01/2024', '01/13/2024'], 'Date')).toBeNull();
    expect(detectDateFormat(['north', 'south'], 'Store')).toBeNull();
  });
});
