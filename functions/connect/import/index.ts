import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '@dyocense/core';
import { registerCreate } from './routes/create';
import { registerDetail } from './routes/detail';
import { registerErrorsReport } from './routes/errors-report';
import { registerEvents } from './routes/events';
import { registerPreview } from './routes/preview';

/** The largest file accepted for import or preview. */
export const IMPORT_LIMIT_BYTES = 2 * 1024 ** 3;

/**
 * The streamed body limit of the upload routes (for createFunction's streamedBodyLimit):
 * their bodies are counted as they stream, never buffered; other paths get undefined.
 */
export const importBodyLimit = (path: string): number | undefined =>
  path === '/api/connect/import' || path === '/api/connect/import/preview' ? IMPORT_LIMIT_BYTES : undefined;

/** File import (CSV/XLSX → metrics), its preview, records, error reports and progress: /api/connect/import… */
export function registerImport(app: OpenAPIHono<AppEnv>) {
  registerPreview(app); // before /{id} routes, so "preview" is never taken for an id
  registerCreate(app);
  registerDetail(app);
  registerErrorsReport(app);
  registerEvents(app);
}
