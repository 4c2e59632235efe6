import { z } from '@hono/zod-openapi';
import { importFormats, importStatuses } from '@dyocense/db';
import { dateFormats } from './logic/dates';
import { decimalMarks } from './logic/numbers';

const column = z.string().min(1).max(200).openapi({ description: 'A column, by its header as the preview lists it.' });

const MetricColumns = z.array(z.object({ column, metric: z.string().min(1).max(64) })).max(50);
const DimensionColumns = z
  .array(z.object({ column, name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) }))
  .max(8)
  .openapi({ description: 'Columns that split a metric (store, channel, product); empty cells leave the dimension out.' });

export const Mapping = z
  .object({
    time: z.object({
      column,
      format: z.enum(dateFormats).openapi({
        description: '`iso` year first (2024-01-31, optional time and offset), `mdy` 01/31/2024, `dmy` 31/01/2024 or 31.01.2024, `excel_serial` 45322. Spreadsheet date cells are read under any format; times without an offset are UTC.',
      }),
    }),
    layout: z.enum(['wide', 'long']).openapi({ description: '`wide`: one column per metric (`metrics`). `long`: a column naming the metric and one holding the value (`metricColumn`, `valueColumn`).' }),
    metrics: MetricColumns.default([]),
    metricColumn: column.optional(),
    valueColumn: column.optional(),
    dimensions: DimensionColumns.default([]),
    decimal: z.enum(decimalMarks).openapi({ description: '`.` reads 1,234.56; `,` reads 1.234,56. Currency marks, spaces and percent signs are allowed either way.' }),
    source: z.string().regex(/^[a-z][a-z0-9_:.-]{0,39}$/).default('import').openapi({ description: 'Recorded on every point; with metric, time and dimensions it identifies a point, so importing the same file again replaces its values.' }),
  })
  .openapi('ImportMapping');
export type Mapping = z.infer<typeof Mapping>;

/** What a caller may send: any part of the mapping; the rest is detected. */
export const MappingOverride = z
  .object({
    time: z.object({ column: column.optional(), format: z.enum(['auto', ...dateFormats]).optional() }).optional(),
    layout: z.enum(['wide', 'long']).optional(),
    metrics: MetricColumns.optional(),
    metricColumn: column.optional(),
    valueColumn: column.optional(),
    dimensions: DimensionColumns.optional(),
    decimal: z.enum(['auto', ...decimalMarks]).optional(),
    source: z.string().regex(/^[a-z][a-z0-9_:.-]{0,39}$/).optional(),
  })
  .strict()
  .openapi('ImportMappingOverride', {
    description: 'Parts of the mapping to use instead of the detected ones (as JSON in the `mapping` query parameter or multipart field). Given parts replace the detected ones whole; `auto` keeps detection for the date format or decimal mark.',
  });
export type MappingOverride = z.infer<typeof MappingOverride>;

export const ColumnView = z
  .object({
    index: z.number().int(),
    name: z.string(),
    type: z.enum(['date', 'number', 'text', 'empty']),
    filled: z.number().int(),
    distinct: z.number().int(),
    samples: z.array(z.string()),
    dateFormat: z.enum(dateFormats).optional(),
    dateAmbiguous: z.boolean().optional().openapi({ description: 'No value told month-first from day-first: the format is a guess to confirm.' }),
    currency: z.string().optional(),
    percent: z.boolean().optional(),
    proposed: z.string().openapi({ description: 'What the proposed mapping does with the column: time, metric:<name>, metric name, value, dimension:<name> or ignored.' }),
  })
  .openapi('ImportColumn');

export const PreviewView = z
  .object({
    format: z.enum(importFormats),
    fileName: z.string(),
    delimiter: z.string().optional(),
    sheet: z.string().optional(),
    rowsSampled: z.number().int(),
    columns: z.array(ColumnView),
    decimal: z.object({ mark: z.enum(decimalMarks), ambiguous: z.boolean() }),
    mapping: Mapping.nullable().openapi({ description: 'The mapping an import of this file would use (detection plus any override sent); null when it cannot be completed.' }),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).openapi({ description: 'Why the mapping is incomplete or invalid; an import would be refused with these.' }),
    warnings: z.array(z.string()),
    points: z
      .array(z.object({ row: z.number().int(), metric: z.string(), time: z.string(), value: z.number(), dimensions: z.record(z.string(), z.string()) }))
      .openapi({ description: 'The first points the sampled rows give under the mapping.' }),
    rowErrors: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), message: z.string() })),
  })
  .openapi('ImportPreview');

export const ImportView = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    format: z.enum(importFormats),
    status: z.enum(importStatuses),
    rowsRead: z.number().int(),
    pointsWritten: z.number().int().openapi({ description: 'Points written: new ones, and ones replacing the same point from an earlier import.' }),
    series: z.number().int().openapi({ description: 'Distinct series (metric + dimensions) written.' }),
    from: z.string().nullable().openapi({ description: 'Earliest point written (ISO 8601).' }),
    to: z.string().nullable().openapi({ description: 'Latest point written (ISO 8601).' }),
    errorCount: z.number().int(),
    bytes: z.number().int(),
    mapping: Mapping.nullable(),
    warnings: z.array(z.string()),
    failure: z.string().nullable(),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    errorsUrl: z.string().nullable().openapi({ description: 'The error report (CSV) when rows were refused.' }),
  })
  .openapi('Import');
export type ImportView = z.infer<typeof ImportView>;

export const ImportParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const UploadQuery = z.object({
  filename: z.string().max(255).optional().openapi({ description: 'The file name to record for a raw upload (multipart uploads carry their own).' }),
  mapping: z.string().max(20_000).optional().openapi({ description: 'ImportMappingOverride as JSON.' }),
  sheet: z.string().max(100).optional().openapi({ description: 'XLSX: the worksheet to read, by name (default: the first).' }),
});
