import type { FactValue, NumberFormat } from './types';

// Numbers as the owner reads them, and back: the composer formats tool numbers with these,
// the citation checker reads numbers out of free text with the same conventions.

const DEFAULT_DIGITS: Record<NumberFormat, number> = { money: 2, count: 0, percent: 1, decimal: 2, hours: 1, units: 0 };

function grouped(value: number, digits: number): string {
  return Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** $1,234.56 · 1,234 · 12.5% (from a fraction 0.125) · 3.50 · 7.5 h · 40 units; negatives with a minus sign. */
export function formatValue(v: FactValue): string {
  const digits = v.digits ?? DEFAULT_DIGITS[v.format];
  const raw = v.format === 'percent' ? v.value * 100 : v.value;
  const rounded = Number(raw.toFixed(digits));
  const sign = rounded < 0 ? '-' : '';
  const body = grouped(rounded, digits);
  switch (v.format) {
    case 'money':
      return `${sign}$${body}`;
    case 'percent':
      return `${sign}${body}%`;
    case 'hours':
      return `${sign}${body} h`;
    default:
      return `${sign}${body}`;
  }
}

export interface NumberMention {
  /** The text as written ("$2,430.69", "12%"). */
  text: string;
  index: number;
  value: number;
  /** Half a unit of the last digit written: how far a rounded number may be from the truth. */
  tolerance: number;
  percent: boolean;
}

// A number not glued to a word or to another number: "$1,234.56", "-12.5%", "3.2k", "40".
const NUMBER = /(?<![\p{L}\d.,_])([-−–]?)(\$?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(%|k\b|K\b|m\b|M\b)?(?![\p{L}\d])/gu;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const CITATION_MARK = /\[\d{1,2}\]/g;

/** ISO dates in a text. */
export function datesIn(text: string): string[] {
  return text.match(ISO_DATE) ?? [];
}

/** Every number written in a text (dates and [n] citation marks are not numbers). */
export function numbersIn(text: string): NumberMention[] {
  const blanked = text.replace(ISO_DATE, (m) => ' '.repeat(m.length)).replace(CITATION_MARK, (m) => ' '.repeat(m.length));
  const out: NumberMention[] = [];
  for (const m of blanked.matchAll(NUMBER)) {
    const [whole, minus, , int, frac, suffix] = m;
    const decimals = frac ? frac.length - 1 : 0;
    let value = Number(`${int!.replace(/,/g, '')}${frac ?? ''}`);
    let tolerance = 0.5 * 10 ** -decimals;
    // "2,400" for 2,430.69 is an honest rounding; trailing zeros of big numbers widen the tolerance.
    if (!frac && value >= 1000) {
      const zeros = /0*$/.exec(int!.replace(/,/g, ''))![0].length;
      tolerance = Math.max(tolerance, 0.5 * 10 ** zeros);
    }
    const scale = suffix === 'k' || suffix === 'K' ? 1e3 : suffix === 'm' || suffix === 'M' ? 1e6 : 1;
    value *= scale;
    tolerance *= scale;
    if (minus) value = -value;
    out.push({ text: whole.trim(), index: m.index, value, tolerance, percent: suffix === '%' });
  }
  return out;
}
