import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authenticated, authOf, problems, rateLimit, requireAuth, withTenant, type AppEnv } from '@dyocense/core';
import { loadCatalog, queryMetric, type QueryResult } from '@dyocense/metrics';
import { contentDispositionFor, EXPORT_FORMATS, exportTable, type ExportRow } from '../export';
import { parseMetricQuery } from '../parse-query';
import { QueryParams } from '../schema';

const route = createRoute({
  method: 'get',
  path: '/api/metrics/export',
  tags: ['metrics'],
  summary: 'Download a query as CSV, JSON or Excel',
  description: 'Takes the parameters of GET /api/metrics/query plus `format`; one row per bucket and group, with the comparison value when asked.',
  security: authenticated,
  middleware: [requireAuth({ scope: 'metrics:read' }), rateLimit({ name: 'export', limit: 60, windowSeconds: 60, per: 'account' })] as const,
  request: { query: QueryParams.extend({ format: z.enum(EXPORT_FORMATS as ['csv', 'json', 'xlsx']).default('csv') }) },
  responses: {
    200: {
      description: 'The file, streamed',
      content: {
        'text/csv': { schema: z.string() },
        'application/json': { schema: z.unknown() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...problems(400, 401, 403, 429),
  },
});

function* rowsOf(result: QueryResult): Iterable<ExportRow> {
  for (const [s, series] of result.series.entries()) {
    const previous = result.comparison?.series.find((c) => c.group === series.group) ?? result.comparison?.series[s];
    for (const [i, point] of series.points.entries()) {
      const row: ExportRow = { bucket: point.bucket, value: point.value };
      if (result.groupBy) row.group = series.group;
      if (previous) {
        row.comparison_bucket = previous.points[i]?.bucket ?? null;
        row.comparison_value = previous.points[i]?.value ?? null;
      }
      yield row;
    }
  }
}

export function registerExport(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const auth = authOf(c);
    const { format, ...params } = c.req.valid('query');
    const result = await withTenant(c.get('runtime').db, auth.tenantId, async (tx) => queryMetric(tx, parseMetricQuery(params, await loadCatalog(tx))));
    const title = `${result.metric} ${result.from.slice(0, 10)} to ${new Date(new Date(result.to).getTime() - 1).toISOString().slice(0, 10)}`;
    const file = exportTable(
      {
        title,
        columns: [
          { key: 'bucket', label: `${result.bucket} (UTC)`, type: 'date' },
          ...(result.groupBy ? [{ key: 'group', label: result.groupBy, type: 'string' as const }] : []),
          { key: 'value', label: `${result.metric} (${result.unit}, ${result.aggregation})`, type: 'number' },
          ...(result.comparison
            ? [
                { key: 'comparison_bucket', label: `${result.comparison.kind.replace('_', ' ')} bucket`, type: 'date' as const },
                { key: 'comparison_value', label: `${result.comparison.kind.replace('_', ' ')} value`, type: 'number' as const },
              ]
            : []),
        ],
        rows: rowsOf(result),
      },
      format,
    );
    return new Response(file.body, {
      status: 200,
      headers: { 'content-type': file.contentType, 'content-disposition': contentDispositionFor(title, format), 'cache-control': 'no-store' },
    }) as never;
  });
}
