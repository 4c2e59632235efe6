import type { FieldError } from '@dyocense/core';
import type { MetricDefinition } from '@dyocense/metrics';
import type { Mapping, MappingOverride } from '../schema';
import { dimensionName, resolveMetric } from './names';
import { looksNumeric } from './numbers';
import type { ColumnProfile, FileProfile } from './profile';

const DATE_HEADER = /date|day|time|period|week|month/i;
const VALUE_HEADER = /^(value|amount|total|qty|quantity|count|number)$/i;
/** Text columns that describe a row rather than split a metric. */
const NOT_A_DIMENSION = /^(id|#|no|notes?|comments?|description|memo|remarks?)$/i;
const LONG_SHARE = 0.8;
const MAX_DIMENSIONS = 8;

export interface Proposal {
  /** The detected mapping, as complete as detection could make it. */
  mapping: Partial<Mapping> & { time?: Mapping['time'] };
  warnings: string[];
}

const isDimensionLike = (c: ColumnProfile) =>
  c.type === 'text' && !NOT_A_DIMENSION.test(c.name.trim()) && c.distinct <= Math.max(20, c.filled * 0.5) && dimensionName(c.name) !== null;

/**
 * Proposes a mapping from a profiled file: the date column (the first one whose header
 * says so, else the first), then either a long layout (a text column whose values name
 * metrics, next to a number column) or one metric per number column whose header names a
 * catalog metric; low-cardinality text columns become dimensions.
 */
export function proposeMapping(file: FileProfile, catalog: ReadonlyMap<string, MetricDefinition>): Proposal {
  const warnings: string[] = [];
  const { columns } = file;
  const dates = columns.filter((c) => c.type === 'date');
  const timeColumn = dates.find((c) => DATE_HEADER.test(c.name)) ?? dates[0];
  const mapping: Proposal['mapping'] = { decimal: file.decimal.decimal, source: 'import', dimensions: [] };
  if (timeColumn) {
    mapping.time = { column: timeColumn.name, format: timeColumn.dateFormat! };
    if (timeColumn.dateAmbiguous) {
      warnings.push(`Dates in "${timeColumn.name}" could be month-first or day-first; read as ${timeColumn.dateFormat === 'mdy' ? 'month-first (m/d/Y)' : 'day-first (d/m/Y)'}. Send time.format to change it.`);
    }
  }
  if (file.decimal.ambiguous) warnings.push(`No number showed its decimal mark; read with "${file.decimal.decimal}" as the decimal mark. Send decimal to change it.`);
  if (file.decimal.conflicts) warnings.push(`${file.decimal.conflicts} sampled numbers look written with the other decimal mark; check the decimal setting.`);

  const rest = columns.filter((c) => c !== timeColumn);
  const numbers = rest.filter((c) => c.type === 'number');
  const metricNames = rest.find((c) => c.type === 'text' && sharesMetricNames(c, catalog));
  if (metricNames && numbers.length) {
    const value = numbers.find((c) => VALUE_HEADER.test(c.name.trim())) ?? numbers[0]!;
    Object.assign(mapping, { layout: 'long', metrics: [], metricColumn: metricNames.name, valueColumn: value.name });
  } else {
    mapping.layout = 'wide';
    mapping.metrics = [];
    // A column named like a metric is one even when some of its cells are not numbers:
    // those become row errors, which say more than an ignored column would.
    const named = rest.filter((c) => c.type === 'text' && c.samples.some(looksNumeric) && resolveMetric(c.name, catalog));
    for (const c of [...numbers, ...named].sort((a, b) => a.index - b.index)) {
      const def = resolveMetric(c.name, catalog);
      if (!def) {
        warnings.push(`"${c.name}" holds numbers but names no metric in the catalog; it is ignored unless mapped (metrics: [{ column, metric }]).`);
        continue;
      }
      if (mapping.metrics.some((m) => m.metric === def.name)) {
        warnings.push(`"${c.name}" also reads as ${def.name}; only the first such column is mapped.`);
        continue;
      }
      mapping.metrics.push({ column: c.name, metric: def.name });
      if (c.currency && /^[A-Z]{3}$/.test(def.unit) && c.currency !== def.unit) {
        warnings.push(`"${c.name}" is written in ${c.currency} but ${def.name} is measured in ${def.unit}; values are stored as written.`);
      }
    }
  }
  const mapped = new Set(mapping.metrics?.map((m) => m.column));
  for (const c of rest) {
    if (c === metricNames || mapped.has(c.name) || !isDimensionLike(c)) continue;
    if (mapping.dimensions!.length >= MAX_DIMENSIONS) {
      warnings.push(`"${c.name}" is not used: at most ${MAX_DIMENSIONS} dimensions.`);
      continue;
    }
    mapping.dimensions!.push({ column: c.name, name: dimensionName(c.name)! });
  }
  return { mapping, warnings };
}

function sharesMetricNames(c: ColumnProfile, catalog: ReadonlyMap<string, MetricDefinition>): boolean {
  if (!/metric|kpi|measure|name|type/i.test(c.name) && c.distinct > 50) return false;
  const named = c.samples.filter((s) => resolveMetric(s, catalog)).length;
  return c.samples.length > 0 && named / c.samples.length >= LONG_SHARE;
}

/**
 * The mapping to use: the caller's parts over the detected ones, then checked against the
 * file's columns and the catalog. Problems are field errors at `mapping.<path>`.
 */
export function resolveMapping(
  proposal: Proposal,
  override: MappingOverride | undefined,
  file: FileProfile,
  catalog: ReadonlyMap<string, MetricDefinition>,
): { mapping: Mapping | null; problems: FieldError[] } {
  const o = override ?? {};
  const problems: FieldError[] = [];
  const byName = new Map(file.columns.map((c) => [c.name, c]));
  const known = (path: string, name: string | undefined) => {
    if (name !== undefined && !byName.has(name)) {
      problems.push({ path: `mapping.${path}`, message: `no column "${name}" in the file (columns: ${file.columns.map((c) => c.name).join(', ')})` });
    }
  };
  const p = proposal.mapping;

  const timeName = o.time?.column ?? p.time?.column;
  let time: Mapping['time'] | undefined;
  if (!timeName) problems.push({ path: 'mapping.time.column', message: 'no column of dates was found; name the date column' });
  else {
    known('time.column', timeName);
    const format = o.time?.format && o.time.format !== 'auto' ? o.time.format : byName.get(timeName)?.dateFormat;
    if (byName.has(timeName) && !format) problems.push({ path: 'mapping.time.format', message: `"${timeName}" does not read as dates; send its format` });
    if (format) time = { column: timeName, format };
  }

  const layout = o.layout ?? p.layout ?? 'wide';
  const metrics = o.metrics ?? (layout === p.layout ? p.metrics : undefined) ?? [];
  const metricColumn = o.metricColumn ?? (layout === p.layout ? p.metricColumn : undefined);
  const valueColumn = o.valueColumn ?? (layout === p.layout ? p.valueColumn : undefined);
  if (layout === 'wide') {
    if (metrics.length === 0) problems.push({ path: 'mapping.metrics', message: 'no column maps to a metric; map one as { column, metric }' });
    metrics.forEach((m, i) => {
      known(`metrics.${i}.column`, m.column);
      if (!catalog.has(m.metric)) problems.push({ path: `mapping.metrics.${i}.metric`, message: `unknown metric "${m.metric}"; define it first (POST /api/metrics/catalog)` });
    });
  } else {
    if (!metricColumn) problems.push({ path: 'mapping.metricColumn', message: 'a long layout needs the column that names the metric' });
    if (!valueColumn) problems.push({ path: 'mapping.valueColumn', message: 'a long layout needs the column that holds the value' });
    known('metricColumn', metricColumn);
    known('valueColumn', valueColumn);
  }

  const dimensions = o.dimensions ?? p.dimensions ?? [];
  dimensions.forEach((d, i) => known(`dimensions.${i}.column`, d.column));
  const names = dimensions.map((d) => d.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) problems.push({ path: `mapping.dimensions.${i}.name`, message: `dimension "${n}" is mapped twice` });
  });

  const used = [timeName, ...metrics.map((m) => m.column), metricColumn, valueColumn].filter(Boolean);
  dimensions.forEach((d, i) => {
    if (used.includes(d.column)) problems.push({ path: `mapping.dimensions.${i}.column`, message: `"${d.column}" is already mapped as time or a value` });
  });

  const decimal = o.decimal && o.decimal !== 'auto' ? o.decimal : (p.decimal ?? '.');
  if (problems.length || !time) return { mapping: null, problems };
  const mapping: Mapping = {
    time,
    layout,
    metrics: layout === 'wide' ? metrics : [],
    ...(layout === 'long' ? { metricColumn, valueColumn } : {}),
    dimensions,
    decimal,
    source: o.source ?? p.source ?? 'import',
  };
  return { mapping, problems };
}
