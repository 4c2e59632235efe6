import { isBlank, type Cell } from './cells';

/**
 * The decimal separator of a file's numbers: `.` for 1,234.56 (US, UK) and `,` for
 * 1.234,56 (most of Europe). Thousands may be grouped with the other mark, spaces or '.
 */
export const decimalMarks = ['.', ','] as const;
export type DecimalMark = (typeof decimalMarks)[number];

const CURRENCY_SYMBOLS = '$€£¥₹₩₽₺₪₦¢';
const CURRENCY_CODE = /^(USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|CNY|INR|MXN|BRL|SEK|NOK|DKK|PLN|ZAR|SGD|HKD)$/;
const SYMBOL_CODE: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₩': 'KRW', '₽': 'RUB', '₺': 'TRY', '₪': 'ILS', '₦': 'NGN', '¢': 'USD' };
/** Dollars named by country: US$, CA$, A$… */
const DOLLAR_PREFIX: Record<string, string> = { US: 'USD', CA: 'CAD', C: 'CAD', AU: 'AUD', A: 'AUD', NZ: 'NZD', HK: 'HKD', S: 'SGD', R: 'BRL', MX: 'MXN' };
const SYMBOL = new RegExp(`^([A-Z]{0,3})([${CURRENCY_SYMBOLS}])|([${CURRENCY_SYMBOLS}])$`);
/** Spaces used to group thousands: plain, no-break, narrow no-break, thin; and the Swiss '. */
const GROUP_SPACES = /[\s\u00a0\u202f\u2009']/g;

const PLAIN = { '.': /^-?\d{1,15}(\.\d+)?$/, ',': /^-?\d{1,15}(,\d+)?$/ } as const;
const DOT_DECIMAL = /^(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?$/;
const COMMA_DECIMAL = /^(\d{1,3}(\.\d{3})+|\d+)?(,\d+)?$/;

export interface ParsedNumber {
  value: number;
  /** ISO code of a currency written with the number ($12 → USD), if any. */
  currency?: string;
  percent?: boolean;
}

/** Peels currency, sign and percent off a written number; returns the bare digits. */
function peel(text: string): { body: string; negative: boolean; currency?: string; percent: boolean } | null {
  let s = text.trim();
  let negative = false;
  let currency: string | undefined;
  let percent = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true; // accounting style: (1,234.00)
    s = s.slice(1, -1).trim();
  }
  if (/^[-−]/.test(s)) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  const code = /^([A-Z]{3})\s*(.*)$/.exec(s) ?? /^(.*?)\s*([A-Z]{3})$/.exec(s);
  if (code) {
    const [which, rest] = CURRENCY_CODE.test(code[1]!) ? [code[1]!, code[2]!] : CURRENCY_CODE.test(code[2]!) ? [code[2]!, code[1]!] : [];
    if (which) {
      currency = which;
      s = rest!.trim();
    }
  }
  const symbol = SYMBOL.exec(s);
  if (symbol) {
    const mark = symbol[2] ?? symbol[3]!;
    currency ??= symbol[1] ? (mark === '$' ? DOLLAR_PREFIX[symbol[1]] : undefined) : SYMBOL_CODE[mark];
    if (symbol[1] && !(mark === '$' && DOLLAR_PREFIX[symbol[1]])) return null;
    s = s.replace(SYMBOL, '').trim();
  }
  if (/^[-−]/.test(s)) {
    negative = !negative; // $-12.50
    s = s.slice(1).trim();
  }
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (s.endsWith('-')) {
    negative = !negative; // trailing minus (some ledgers)
    s = s.slice(0, -1).trim();
  }
  s = s.replace(GROUP_SPACES, '');
  if (s === '' || !/\d/.test(s)) return null;
  return { body: s, negative, ...(currency ? { currency } : {}), percent };
}

/**
 * Reads a written number: 1,234.56 / 1.234,56 (by `decimal`), $12, 12 €, EUR 12, (12.00)
 * for −12, 12.5% (kept as 12.5: percentages are stored in percent). Spreadsheet numbers
 * pass through.
 */
export function parseNumber(cell: Cell, decimal: DecimalMark): { ok: true; number: ParsedNumber } | { ok: false; message: string } {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, number: { value: cell } } : { ok: false, message: 'not a finite number' };
  if (isBlank(cell)) return { ok: false, message: 'the value is empty' };
  if (typeof cell !== 'string') return { ok: false, message: `expected a number, found ${cell instanceof Date ? 'a date' : `the ${typeof cell} ${String(cell)}`}` };
  // Most cells of machine-made files are plain: skip the peeling.
  if (PLAIN[decimal].test(cell)) return { ok: true, number: { value: Number(decimal === '.' ? cell : cell.replace(',', '.')) } };
  const peeled = peel(cell);
  const example = decimal === '.' ? '1,234.56' : '1.234,56';
  if (!peeled) return { ok: false, message: `expected a number written like ${example}` };
  const { body, negative, currency, percent } = peeled;
  const pattern = decimal === '.' ? DOT_DECIMAL : COMMA_DECIMAL;
  if (!pattern.test(body)) return { ok: false, message: `expected a number written like ${example}` };
  const plain = decimal === '.' ? body.replaceAll(',', '') : body.replaceAll('.', '').replace(',', '.');
  const value = Number(plain);
  if (!Number.isFinite(value)) return { ok: false, message: `expected a number written like ${example}` };
  return { ok: true, number: { value: negative ? -value : value, ...(currency ? { currency } : {}), ...(percent ? { percent } : {}) } };
}

/** Whether a cell reads as a number under either convention (for telling column types). */
export const looksNumeric = (cell: Cell) => parseNumber(cell, '.').ok || parseNumber(cell, ',').ok;

export interface DecimalDetection {
  decimal: DecimalMark;
  /** No value decided (only whole numbers or 1,234-style groups were seen). */
  ambiguous: boolean;
  /** Values that pointed the other way (a file mixing conventions). */
  conflicts: number;
}

/**
 * Tells the decimal mark from written numbers. Decisive: both marks present (the last one is
 * the decimal), or one mark not followed by exactly three digits (12,5 or 1.25). Undecided
 * files follow the delimiter: `;`-separated CSV is the European habit, so `,`.
 */
export function detectDecimal(cells: Iterable<Cell>, delimiter?: string): DecimalDetection {
  let dot = 0;
  let comma = 0;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const peeled = peel(cell);
    if (!peeled) continue;
    const s = peeled.body;
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) dot++;
      else comma++;
    } else if (lastComma >= 0) {
      if (!/^\d{1,3}(,\d{3})+$/.test(s)) comma++;
    } else if (lastDot >= 0) {
      if (!/^\d{1,3}(\.\d{3})+$/.test(s)) dot++;
    }
  }
  if (dot === 0 && comma === 0) return { decimal: delimiter === ';' ? ',' : '.', ambiguous: true, conflicts: 0 };
  return dot >= comma ? { decimal: '.', ambiguous: false, conflicts: comma } : { decimal: ',', ambiguous: false, conflicts: dot };
}
