import type { BulkPoint, MetricDefinition } from '@dyocense/metrics';
import type { Mapping } from '../schema';
import { cellText, isBlank, type SheetRow } from './cells';
import { parseDate } from './dates';
import { resolveMetric } from './names';
import { parseNumber } from './numbers';

/** One cell that could not be read: a line of the error report. */
export interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface RowReading {
  points: BulkPoint[];
  errors: RowError[];
}

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST_AHEAD_MS = 366 * 86_400_000;
const MAX_DIMENSION_VALUE = 200;

/**
 * Turns a checked mapping into the function that reads one row into points. Column names
 * are resolved to positions once; a row's cells are read with the mapping's date format
 * and decimal mark. Empty value cells give no point (a day without data); an entirely
 * empty row is skipped.
 */
export function compilePlan(mapping: Mapping, columns: readonly string[], catalog: ReadonlyMap<string, MetricDefinition>, now = Date.now()): (row: SheetRow) => RowReading {
  const at = (name: string) => columns.indexOf(name);
  const timeAt = at(mapping.time.column);
  const metrics = mapping.metrics.map((m) => ({ at: at(m.column), column: m.column, metric: m.metric }));
  const metricAt = mapping.metricColumn === undefined ? -1 : at(mapping.metricColumn);
  const valueAt = mapping.valueColumn === undefined ? -1 : at(mapping.valueColumn);
  const dimensions = mapping.dimensions.map((d) => ({ at: at(d.column), column: d.column, name: d.name }));
  const latest = now + LATEST_AHEAD_MS;
  // Long files repeat a handful of metric names: resolve each spelling once.
  const named = new Map<string, string | null>();
  const metricNamed = (text: string) => {
    let hit = named.get(text);
    if (hit === undefined) {
      hit = resolveMetric(text, catalog)?.name ?? null;
      if (named.size < 10_000) named.set(text, hit);
    }
    return hit;
  };

  return (row) => {
    const { cells, number } = row;
    const errors: RowError[] = [];
    const points: BulkPoint[] = [];
    if (cells.every(isBlank)) return { points, errors };
    const fail = (column: string, index: number, message: string) => errors.push({ row: number, column, value: cellText(cells[index]), message });

    const date = parseDate(cells[timeAt] ?? null, mapping.time.format);
    let time = '';
    if (!date.ok) fail(mapping.time.column, timeAt, date.message);
    else if (date.time < EARLIEST || date.time > latest) fail(mapping.time.column, timeAt, 'outside 1970 to one year from now');
    else time = new Date(date.time).toISOString();

    const dims: Record<string, string> = {};
    for (const d of dimensions) {
      const cell = cells[d.at];
      if (isBlank(cell)) continue;
      const text = cellText(cell).trim();
      if (text.length > MAX_DIMENSION_VALUE) fail(d.column, d.at, `at most ${MAX_DIMENSION_VALUE} characters`);
      else dims[d.name] = text;
    }

    const value = (index: number, column: string, metric: string) => {
      const cell = cells[index] ?? null;
      if (isBlank(cell)) return;
      const parsed = parseNumber(cell, mapping.decimal);
      if (!parsed.ok) return fail(column, index, parsed.message);
      if (time) points.push({ row: number, metric, time, value: parsed.number.value, dimensions: dims });
    };

    if (mapping.layout === 'wide') {
      for (const m of metrics) value(m.at, m.column, m.metric);
    } else {
      const nameCell = cells[metricAt] ?? null;
      if (isBlank(nameCell)) fail(mapping.metricColumn!, metricAt, 'the metric name is empty');
      else {
        const metric = metricNamed(cellText(nameCell).trim());
        if (!metric) fail(mapping.metricColumn!, metricAt, `names no metric in the catalog; define it first (POST /api/metrics/catalog)`);
        else value(valueAt, mapping.valueColumn!, metric);
      }
    }
    return errors.length ? { points: [], errors } : { points, errors };
  };
}
