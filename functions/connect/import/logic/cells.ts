/** One spreadsheet cell as the readers hand it over: CSV gives text, XLSX typed values. */
export type Cell = string | number | boolean | Date | null;

/** A row of the file: its number as a spreadsheet shows it (the header is usually row 1). */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

export const isBlank = (cell: Cell | undefined): boolean =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** The cell as a person would read it, for error reports and previews. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'Invalid date' : cell.toISOString();
  return String(cell);
}
