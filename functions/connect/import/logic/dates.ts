import { isBlank, type Cell } from './cells';

/**
 * How a date column is written. `iso`: year first (2024-01-31, 2024/01/31, 2024-01, with an
 * optional time and offset); `mdy`: 01/31/2024 (US); `dmy`: 31/01/2024 or 31.01.2024;
 * `excel_serial`: days since 1899-12-30 as a number (45322 = 2024-01-31). Spreadsheet date
 * cells are read as they are under every format. Times without an offset are UTC.
 */
export const dateFormats = ['iso', 'mdy', 'dmy', 'excel_serial'] as const;
export type DateFormat = (typeof dateFormats)[number];

const ISO = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const DAY_MONTH = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;
/** A header that says its column holds dates: the condition for reading plain numbers as Excel serials. */
const DATE_HEADER = /date|day|time|period|week|month|when|jour|datum|fecha/i;
const EXCEL_EPOCH_OFFSET = 25569; // serial of 1970-01-01
const DAY_MS = 86_400_000;
/** Serials from 1954 to 2119: anything else in a "date" column is more likely a count. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | string {
  if (mo < 1 || mo > 12) return `month ${mo} does not exist`;
  if (d < 1 || d > daysIn(y, mo)) return `day ${d} does not exist in ${y}-${String(mo).padStart(2, '0')}`;
  if (h > 23 || mi > 59 || s > 59) return 'not a valid time of day';
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

function parseIso(text: string): number | string | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const at = utc(Number(y), Number(mo), d ? Number(d) : 1, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
  if (typeof at === 'string' || !zone || zone.toUpperCase() === 'Z') return at;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return at - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

function parseDayMonth(text: string, order: 'mdy' | 'dmy'): number | string | null {
  const m = DAY_MONTH.exec(text);
  if (!m) return null;
  const [, a, , b, yy, h, mi, s, half] = m;
  const year = yy!.length === 2 ? (Number(yy) < 70 ? 2000 : 1900) + Number(yy) : Number(yy);
  let hour = Number(h ?? 0);
  if (half) {
    if (hour < 1 || hour > 12) return 'not a valid time of day';
    hour = (hour % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
  }
  const [month, day] = order === 'mdy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
  return utc(year, month, day, hour, Number(mi ?? 0), Number(s ?? 0));
}

function serialNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(cell)) return Number(cell);
  return null;
}

const fromSerial = (serial: number) => Math.round((serial - EXCEL_EPOCH_OFFSET) * DAY_MS / 1000) * 1000;

const FORMAT_EXAMPLE: Record<DateFormat, string> = {
  iso: 'like 2024-01-31',
  mdy: 'month first, like 01/31/2024',
  dmy: 'day first, like 31/01/2024',
  excel_serial: 'an Excel serial day number, like 45322',
};

/** The moment a cell names (ms since epoch), or why it names none under `format`. */
export function parseDate(cell: Cell, format: DateFormat): { ok: true; time: number } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  if (isBlank(cell)) return fail('the date is empty');
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? fail('not a valid date') : { ok: true, time: cell.getTime() };
  if (format === 'excel_serial') {
    const serial = serialNumber(cell);
    if (serial === null || serial < 1) return fail(`expected ${FORMAT_EXAMPLE.excel_serial}`);
    return { ok: true, time: fromSerial(serial) };
  }
  if (typeof cell !== 'string') return fail(`expected a date ${FORMAT_EXAMPLE[format]}, found the ${typeof cell} ${String(cell)}`);
  const text = cell.trim();
  const at = format === 'iso' ? parseIso(text) : parseDayMonth(text, format);
  if (at === null) return fail(`expected a date ${FORMAT_EXAMPLE[format]}`);
  if (typeof at === 'string') return fail(`${at} (dates read ${FORMAT_EXAMPLE[format]})`);
  return { ok: true, time: at };
}

export interface DateDetection {
  format: DateFormat;
  /** Share of the non-empty sampled cells that read as dates in this format. */
  share: number;
  /** Day-month order could not be told from the values (every part ≤ 12): a guess. */
  ambiguous: boolean;
}

/**
 * Tells whether sampled cells are dates and how they are written. US and European orders
 * are told apart by the values: a first part above 12 can only be a day, a second part
 * above 12 only a day too. When no value decides, a dot separator (31.01.2024) means
 * day-first, otherwise month-first is assumed and the detection says it is a guess.
 */
export function detectDateFormat(cells: readonly Cell[], header: string): DateDetection | null {
  const filled = cells.filter((c) => !isBlank(c));
  if (filled.length === 0) return null;
  let native = 0;
  let iso = 0;
  let dayMonth = 0;
  let serial = 0;
  let firstOver12 = false;
  let secondOver12 = false;
  let dots = 0;
  for (const cell of filled) {
    if (cell instanceof Date) {
      native++;
      continue;
    }
    const n = serialNumber(cell);
    if (n !== null && n >= SERIAL_MIN && n <= SERIAL_MAX) serial++;
    if (typeof cell !== 'string') continue;
    const text = cell.trim();
    if (ISO.test(text)) {
      iso++;
      continue;
    }
    const m = DAY_MONTH.exec(text);
    if (m) {
      dayMonth++;
      if (Number(m[1]) > 12) firstOver12 = true;
      if (Number(m[3]) > 12) secondOver12 = true;
      if (m[2] === '.') dots++;
    }
  }
  const share = (n: number) => n / filled.length;
  if (share(native + iso) >= 0.9) return { format: 'iso', share: share(native + iso), ambiguous: false };
  if (share(native + dayMonth) >= 0.9) {
    if (firstOver12 && secondOver12) return null; // both orders in one column: not one date format
    if (firstOver12) return { format: 'dmy', share: share(native + dayMonth), ambiguous: false };
    if (secondOver12) return { format: 'mdy', share: share(native + dayMonth), ambiguous: false };
    return { format: dots * 2 > dayMonth ? 'dmy' : 'mdy', share: share(native + dayMonth), ambiguous: true };
  }
  if (DATE_HEADER.test(header) && share(native + serial) >= 0.9) return { format: 'excel_serial', share: share(native + serial), ambiguous: false };
  return null;
}
