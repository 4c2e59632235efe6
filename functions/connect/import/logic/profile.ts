import { cellText, isBlank, type Cell } from './cells';
import { detectDateFormat, type DateFormat } from './dates';
import { detectDecimal, parseNumber, type DecimalDetection, type DecimalMark } from './numbers';

export type ColumnType = 'date' | 'number' | 'text' | 'empty';

export interface ColumnProfile {
  index: number;
  /** The header, made unique ("Sales", "Sales (2)"); blank headers become "Column 3". */
  name: string;
  type: ColumnType;
  /** Non-empty cells in the sample, and how many distinct values they hold. */
  filled: number;
  distinct: number;
  samples: string[];
  dateFormat?: DateFormat;
  dateAmbiguous?: boolean;
  /** Currency written with the numbers ($, €, USD…), if one is. */
  currency?: string;
  percent?: boolean;
}

export interface FileProfile {
  columns: ColumnProfile[];
  decimal: DecimalDetection;
}

const NUMBER_SHARE = 0.9;

/** Unique, non-blank column names, in order. */
export function columnNames(header: readonly Cell[]): string[] {
  const seen = new Map<string, number>();
  return header.map((cell, i) => {
    const base = cellText(cell).trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Looks at the header and the first rows: each column's type, date format and number style. */
export function profileFile(header: readonly Cell[], rows: readonly (readonly Cell[])[], delimiter?: string): FileProfile {
  const names = columnNames(header);
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  for (let i = names.length; i < width; i++) names.push(`Column ${i + 1}`);
  const cellsOf = (i: number) => rows.map((r) => r[i] ?? null);
  const dates = names.map((name, i) => detectDateFormat(cellsOf(i), name));
  const decimal = detectDecimal(names.flatMap((_, i) => (dates[i] ? [] : cellsOf(i))), delimiter);
  const columns = names.map((name, index): ColumnProfile => {
    const filled = cellsOf(index).filter((c) => !isBlank(c));
    const profile: ColumnProfile = {
      index,
      name,
      type: 'text',
      filled: filled.length,
      distinct: new Set(filled.map(cellText)).size,
      samples: filled.slice(0, 5).map(cellText),
    };
    const date = dates[index];
    if (filled.length === 0) profile.type = 'empty';
    else if (date) Object.assign(profile, { type: 'date', dateFormat: date.format, ...(date.ambiguous ? { dateAmbiguous: true } : {}) });
    else Object.assign(profile, numberStyle(filled, decimal.decimal));
    return profile;
  });
  return { columns, decimal };
}

function numberStyle(filled: Cell[], decimal: DecimalMark): Partial<ColumnProfile> {
  let numbers = 0;
  const currencies = new Map<string, number>();
  let percents = 0;
  for (const cell of filled) {
    const parsed = parseNumber(cell, decimal);
    if (!parsed.ok) continue;
    numbers++;
    if (parsed.number.currency) currencies.set(parsed.number.currency, (currencies.get(parsed.number.currency) ?? 0) + 1);
    if (parsed.number.percent) percents++;
  }
  if (numbers < filled.length * NUMBER_SHARE) return { type: 'text' };
  const currency = [...currencies].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { type: 'number', ...(currency ? { currency } : {}), ...(percents > numbers / 2 ? { percent: true } : {}) };
}
