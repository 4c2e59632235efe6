import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, notFound, problems, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { errorsCsv } from '../logic/errors-csv';
import { ImportParams } from '../schema';
import { errorsOf, findImport } from '../store';

const route = createRoute({
  method: 'get',
  path: '/api/connect/import/{id}/errors.csv',
  tags: ['connect'],
  summary: 'The error report of an import: one line per bad cell',
  description: 'CSV with the columns row (as a spreadsheet numbers it; the header is row 1), column, value and message, in row order. Empty (header only) for an import without errors. Keeps the first 10,000 errors; the import\'s errorCount has them all.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'connect:read' })] as const,
  request: { params: ImportParams },
  responses: {
    200: { description: 'The report', content: { 'text/csv': { schema: z.string() } } },
    ...problems(400, 401, 403, 404),
  },
});

export function registerErrorsReport(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const found = await withTenant(c.get('runtime').db, authOf(c).tenantId, async (tx) => {
      const view = await findImport(tx, id);
      return view ? { view, errors: await errorsOf(tx, id) } : null;
    });
    if (!found) throw notFound('No such import.');
    const base = found.view.fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'import';
    return c.body(errorsCsv(found.errors), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${base}-errors.csv"`,
      'cache-control': 'no-store',
    }) as never;
  });
}
