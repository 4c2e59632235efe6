// JSON written row by row: {"title","columns","rows":[…]}, valid at every row count.
import type { ExportCell, ExportColumn, ExportTable } from './types';
import { cellOf, isDecimalLiteral } from './values';

function jsonCell(value: ExportCell, column: ExportColumn): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  // Keep a driver's decimal string as a number token with every digit it had.
  if (column.type === 'number' && isDecimalLiteral(value)) return value;
  return JSON.stringify(value);
}

export async function* jsonChunks(table: ExportTable): AsyncGenerator<string> {
  const { columns } = table;
  const head = {
    title: table.title,
    columns: columns.map(({ key, label, type }) => ({ key, label, type })),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"rows":[`;
  const keys = columns.map((c) => JSON.stringify(c.key));
  let first = true;
  for await (const row of table.rows) {
    const fields = columns.map((c, i) => `${keys[i]}:${jsonCell(cellOf(row, c.key), c)}`);
    yield `${first ? '\n' : ',\n'}{${fields.join(',')}}`;
    first = false;
  }
  yield first ? ']}\n' : '\n]}\n';
}
