import { HttpProblem, withTenant, type Database, type FieldError, type Logger } from '@dyocense/core';
import { bulkIngest, BulkIngestRefused, loadCatalog, type BulkIngestResult, type BulkPoint, type BulkRowError } from '@dyocense/metrics';
import { analyse, parseOverride, readHead } from './analyse';
import type { SheetRow } from './logic/cells';
import { compilePlan, type RowError } from './logic/plan';
import { ProgressReporter, publish } from './progress';
import { openUpload, type Upload, type UploadOptions } from './read/upload';
import type { ImportView, Mapping, MappingOverride } from './schema';
import { createImport, finishFailed, finishSucceeded, MAX_STORED_ERRORS } from './store';

/** Rows read before the mapping is decided (detection looks at these). */
const SAMPLE_ROWS = 1000;
/** Row problems named in the 400 answer itself; the report has the rest. */
const ANSWERED_ERRORS = 200;

export interface ImportActor {
  db: Database;
  tenantId: string;
  userId: string;
  ip: string | null;
  log: Logger;
}

export type ImportOutcome = { ok: true; import: ImportView } | { ok: false; import: ImportView; problem: HttpProblem };

export interface StartedImport {
  id: string;
  fileName: string;
  format: Upload['format'];
  /** Reads the file to its end and records the outcome; never rejects for the file's faults. */
  run(): Promise<ImportOutcome>;
}

/** Thrown into the bulk ingest to stop it (and roll it back) at the first unreadable row. */
class RowsRefused extends Error {}

/**
 * Opens an upload and records the import as running. Problems with the request itself
 * (no body, wrong media type, a malformed mapping) are thrown before anything is recorded.
 */
export async function startImport(request: Request, options: UploadOptions, actor: ImportActor): Promise<StartedImport> {
  const upload = await openUpload(request, options);
  let override: MappingOverride | undefined;
  try {
    override = parseOverride(upload.mapping);
  } catch (err) {
    await upload.rows.return(undefined);
    throw err;
  }
  const row = await createImport(actor.db, actor.tenantId, { createdBy: actor.userId, fileName: upload.fileName.slice(0, 255), format: upload.format });
  return { id: row.id, fileName: row.fileName, format: row.format, run: () => runImport(row.id, upload, override, actor) };
}

const withImport = (problem: HttpProblem, view: ImportView) =>
  new HttpProblem(problem.status, problem.kind, problem.detail, problem.fieldErrors, problem.headers, {
    ...problem.extensions,
    importId: view.id,
    errorCount: view.errorCount,
    errorsUrl: view.errorsUrl,
  });

/**
 * The import proper: header and sample → mapping → every row read into points and streamed
 * into the metrics store's bulk ingest, one transaction for the whole file. The first
 * unreadable row stops the ingest (nothing is written); the rest of the file is still read,
 * so the error report lists every bad row (up to MAX_STORED_ERRORS), not just the first.
 */
async function runImport(id: string, upload: Upload, override: MappingOverride | undefined, actor: ImportActor): Promise<ImportOutcome> {
  const { db, tenantId } = actor;
  const startedAt = Date.now();
  const progress = new ProgressReporter(db, tenantId, id, upload.bytes);
  const errors: RowError[] = [];
  let errorCount = 0;
  let mapping: Mapping | null = null;
  let warnings: string[] = [];
  const note = (e: RowError) => {
    errorCount++;
    if (errors.length < MAX_STORED_ERRORS) errors.push(e);
  };
  const outcome = () => ({ rowsRead: progress.rowsRead, bytes: upload.bytes(), mapping, warnings, startedAt });

  const fail = async (problem: HttpProblem): Promise<ImportOutcome> => {
    await progress.settle();
    const view = await finishFailed(db, tenantId, id, { ...outcome(), failure: problem.detail, errors, errorCount });
    const answered = withImport(problem, view);
    publish({ type: 'failed', id, import: view, problem: answered.toBody() });
    return { ok: false, import: view, problem: answered };
  };

  try {
    const catalog = await withTenant(db, tenantId, loadCatalog);
    const head = await readHead(upload.rows, SAMPLE_ROWS);
    const analysis = analyse(head, override, catalog, upload.delimiter);
    warnings = analysis.warnings;
    if (upload.lateFields().length) {
      warnings.push(`Multipart fields after the file were ignored (${upload.lateFields().join(', ')}); send them before the file part.`);
    }
    if (!analysis.mapping) {
      return await fail(new HttpProblem(400, 'validation', `The file's columns could not be mapped: ${analysis.problems.map((p) => p.message).join('; ')}. Preview the file (POST /api/connect/import/preview) and send a mapping.`, analysis.problems));
    }
    mapping = analysis.mapping;
    const read = compilePlan(mapping, analysis.columns, catalog);

    let sampled = 0;
    const nextRow = async (): Promise<SheetRow | null> => {
      if (sampled < head.sample.length) return head.sample[sampled++]!;
      const next = await head.rest.next();
      return next.done ? null : next.value;
    };
    async function* points(): AsyncGenerator<BulkPoint> {
      for (let row = await nextRow(); row; row = await nextRow()) {
        progress.row();
        const reading = read(row);
        if (reading.errors.length) {
          reading.errors.forEach(note);
          throw new RowsRefused();
        }
        for (const point of reading.points) yield point;
      }
    }

    let written: BulkIngestResult | null = null;
    try {
      written = await bulkIngest(db, tenantId, points(), { source: mapping.source, catalog, maxErrors: MAX_STORED_ERRORS });
    } catch (err) {
      if (err instanceof BulkIngestRefused) err.rowErrors.forEach((e) => note(fromBulk(e, mapping!)));
      else if (!(err instanceof RowsRefused)) throw err;
    }
    if (errorCount > 0) {
      // Nothing was written; read on so the report is complete.
      for (let row = await nextRow(); row; row = await nextRow()) {
        progress.row();
        read(row).errors.forEach(note);
      }
      const sorted = [...errors].sort((a, b) => a.row - b.row);
      errors.splice(0, errors.length, ...sorted);
      const fieldErrors: FieldError[] = errors.slice(0, ANSWERED_ERRORS).map((e) => ({ path: `rows.${e.row}.${e.column}`, message: e.message }));
      return await fail(new HttpProblem(400, 'validation', `${errorCount} of ${progress.rowsRead} rows are not valid; nothing was imported. The error report lists each one.`, fieldErrors));
    }
    await progress.settle();
    const view = await finishSucceeded(db, tenantId, id, { userId: actor.userId, ip: actor.ip }, { ...outcome(), written: written! });
    publish({ type: 'completed', id, import: view });
    return { ok: true, import: view };
  } catch (err) {
    if (err instanceof HttpProblem) return await fail(err);
    actor.log.error('import failed', { importId: id, error: err instanceof Error ? err.message : String(err) });
    await fail(new HttpProblem(500, 'internal', 'The import failed on our side; nothing was written. Try again.')).catch(() => {});
    throw err;
  } finally {
    await upload.rows.return(undefined);
  }
}

/** A row the metrics store refused, named by the column it came from where that is known. */
function fromBulk(e: BulkRowError, mapping: Mapping): RowError {
  const dimension = e.field.startsWith('dimensions.') ? mapping.dimensions.find((d) => `dimensions.${d.name}` === e.field)?.column : undefined;
  const column =
    e.field === 'time' ? mapping.time.column
    : e.field === 'metric' ? (mapping.metricColumn ?? 'metric')
    : e.field === 'value' ? (mapping.valueColumn ?? 'value')
    : (dimension ?? e.field);
  return { row: e.row, column, value: '', message: e.message };
}
