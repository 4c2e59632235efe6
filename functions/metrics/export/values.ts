// Small value rules shared by the formatters, so every format agrees on what a cell means.
import type { ExportCell } from './types';

// Drivers hand PostgreSQL numeric/bigint over as strings; when such a string is a plain decimal
// literal we keep its text as is (full precision) instead of squeezing it through a double.
const DECIMAL_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function isDecimalLiteral(text: string): boolean {
  return DECIMAL_LITERAL.test(text);
}

// Rows are plain records; a key the query did not return reads as null, never undefined.
export function cellOf(row: Record<string, ExportCell>, key: string): ExportCell {
  const value = Object.hasOwn(row, key) ? row[key] : null;
  return value === undefined ? null : value;
}

// ISO date or date-time → Date in UTC. A date-time without an offset is read as UTC, not
// server-local time, so the same row exports the same way on every machine.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseIsoDate(text: string): Date | null {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  let ms: number;
  if (zone) {
    ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ?? ''}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  } else {
    const millis = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
    ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), millis);
    // Date.UTC rolls 2026-02-31 over into March; reject instead of exporting a different day.
    const check = new Date(ms);
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  }
  return Number.isFinite(ms) ? new Date(ms) : null;
}
