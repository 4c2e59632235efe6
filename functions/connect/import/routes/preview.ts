import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, problems, ProblemSchema, rateLimit, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { loadCatalog } from '@dyocense/metrics';
import { analyse, parseOverride, readHead } from '../analyse';
import { compilePlan, type RowError } from '../logic/plan';
import { openUpload } from '../read/upload';
import { PreviewView, UploadQuery } from '../schema';
import { uploadContent } from './shared';

const SHOWN_POINTS = 20;
const SHOWN_ERRORS = 50;

const route = createRoute({
  method: 'post',
  path: '/api/connect/import/preview',
  tags: ['connect'],
  summary: 'Preview a file: detected columns, formats and the proposed mapping',
  description:
    'Reads only the header and the first `rows` rows (the rest of the body is not read, so a client may send just the start of a large file, cut at a line break) and writes nothing. Shows each column\'s type, date format (ISO, US m/d/Y or European d/m/Y told apart by the values, Excel serial days), the file\'s decimal mark (1,234.56 or 1.234,56; currency marks and percentages allowed), the proposed mapping to catalog metrics with any `mapping` override laid over it, and the first points and row problems it gives. Send the returned `mapping` (edited) with the import.',
  security: authenticated,
  middleware: [requireAuth({ role: 'manager', scope: 'connect:write' }), rateLimit({ name: 'import-preview', limit: 300, windowSeconds: 3600, per: 'account' })] as const,
  request: {
    query: UploadQuery.extend({ rows: z.coerce.number().int().min(1).max(1000).default(100).openapi({ description: 'Rows to sample after the header (default 100).' }) }),
    body: { content: uploadContent, required: true },
  },
  responses: {
    200: { description: 'What an import of this file would do', content: { 'application/json': { schema: PreviewView } } },
    ...problems(400, 401, 403, 429),
    413: { description: 'The body is larger than 2 GiB', content: { 'application/problem+json': { schema: ProblemSchema } } },
    415: { description: 'Not CSV, XLSX or multipart/form-data', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
});

export function registerPreview(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { rows, ...query } = c.req.valid('query');
    // The preview stops reading early: the connection is not reused for another request.
    c.header('connection', 'close');
    const upload = await openUpload(c.req.raw, query);
    try {
      const override = parseOverride(upload.mapping);
      const catalog = await withTenant(c.get('runtime').db, c.get('auth')!.tenantId, loadCatalog);
      const head = await readHead(upload.rows, rows);
      const analysis = analyse(head, override, catalog, upload.delimiter);
      const points: z.infer<typeof PreviewView>['points'] = [];
      const rowErrors: RowError[] = [];
      if (analysis.mapping) {
        const read = compilePlan(analysis.mapping, analysis.columns, catalog);
        for (const row of head.sample) {
          const reading = read(row);
          rowErrors.push(...reading.errors);
          for (const p of reading.points) {
            if (points.length < SHOWN_POINTS) points.push({ row: row.number, metric: p.metric, time: p.time, value: p.value, dimensions: p.dimensions ?? {} });
          }
        }
      }
      const sheet = (head.header as { sheet?: string } | null)?.sheet;
      return c.json(
        {
          format: upload.format,
          fileName: upload.fileName,
          ...(upload.delimiter ? { delimiter: upload.delimiter } : {}),
          ...(sheet ? { sheet } : {}),
          rowsSampled: head.sample.length,
          columns: analysis.profile.columns.map((col) => ({ ...col, proposed: analysis.roles.get(col.name) ?? 'ignored' })),
          decimal: { mark: analysis.profile.decimal.decimal, ambiguous: analysis.profile.decimal.ambiguous },
          mapping: analysis.mapping,
          problems: analysis.problems,
          warnings: analysis.warnings,
          points,
          rowErrors: rowErrors.slice(0, SHOWN_ERRORS),
        },
        200,
      );
    } finally {
      await upload.rows.return(undefined);
    }
  });
}
