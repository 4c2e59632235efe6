import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { causalEstimates, evidenceGraphEdges, evidenceGraphNodes, evidenceGraphs } from '@dyocense/db';
import { executeRows, type Tx } from '@dyocense/core';
import type { MetricDefinition } from '@dyocense/metrics';

export type EstimateRow = typeof causalEstimates.$inferSelect;

/** One metric's daily values in a date range: its total, and each dimension combination. */
export interface MetricDays {
  total: Map<string, number>;
  series: Map<string, { dimensions: Record<string, string>; values: Map<string, number> }>;
}

interface DayRow extends Record<string, unknown> {
  metric: string;
  dims_key: string;
  dimensions: Record<string, string> | string;
  day: string;
  sum: number;
  count: number;
  last_value: number;
}

/**
 * Daily rollups of every metric (or the named ones) between two dates, inclusive, in one query.
 * Totals combine the series the way each metric aggregates: sums add, averages weigh by count,
 * levels add each item's last value.
 */
export async function loadDays(tx: Tx, catalog: ReadonlyMap<string, MetricDefinition>, from: string, to: string, metrics?: string[]): Promise<Map<string, MetricDays>> {
  const only = metrics?.length ? sql`and r.metric in (${sql.join(metrics.map((m) => sql`${m}`), sql`, `)})` : sql``;
  const rows = await executeRows<DayRow>(
    tx,
    sql`select r.metric, r.dims_key, r.dimensions, to_char(r.bucket_start at time zone 'UTC', 'YYYY-MM-DD') as day,
               r.sum::float8 as sum, r.count::float8 as count, r.last_value::float8 as last_value
        from metric_rollups r
        where r.bucket = 'day' and r.bucket_start >= ${`${from}T00:00:00Z`}::timestamptz and r.bucket_start <= ${`${to}T00:00:00Z`}::timestamptz ${only}`,
  );
  const out = new Map<string, MetricDays>();
  const acc = new Map<string, Map<string, { sum: number; count: number; last: number }>>();
  for (const r of rows) {
    const agg = catalog.get(r.metric)?.aggregation ?? 'sum';
    let m = out.get(r.metric);
    if (!m) out.set(r.metric, (m = { total: new Map(), series: new Map() }));
    const dims = typeof r.dimensions === 'string' ? (JSON.parse(r.dimensions) as Record<string, string>) : r.dimensions;
    let s = m.series.get(r.dims_key);
    if (!s) m.series.set(r.dims_key, (s = { dimensions: dims, values: new Map() }));
    const sum = Number(r.sum);
    const count = Number(r.count);
    const last = Number(r.last_value);
    s.values.set(r.day, agg === 'avg' ? sum / count : agg === 'last' ? last : sum);
    let a = acc.get(r.metric);
    if (!a) acc.set(r.metric, (a = new Map()));
    const t = a.get(r.day) ?? { sum: 0, count: 0, last: 0 };
    a.set(r.day, { sum: t.sum + sum, count: t.count + count, last: t.last + last });
  }
  for (const [metric, days] of acc) {
    const agg = catalog.get(metric)?.aggregation ?? 'sum';
    const m = out.get(metric)!;
    for (const [day, t] of days) m.total.set(day, agg === 'avg' ? t.sum / t.count : agg === 'last' ? t.last : t.sum);
  }
  return out;
}

/** The last day with data (for one metric, or any), or null when there is none. */
export async function lastDay(tx: Tx, metric?: string): Promise<string | null> {
  const only = metric ? sql`and metric = ${metric}` : sql``;
  const [row] = await executeRows<{ day: string | null }>(
    tx,
    sql`select to_char(max(bucket_start) at time zone 'UTC', 'YYYY-MM-DD') as day from metric_rollups where bucket = 'day' ${only}`,
  );
  return row?.day ?? null;
}

export async function findEstimate(tx: Tx, id: string): Promise<EstimateRow | null> {
  const [row] = await tx.select().from(causalEstimates).where(eq(causalEstimates.id, id));
  return row ?? null;
}

export async function findEstimateByJob(tx: Tx, jobId: string): Promise<EstimateRow | null> {
  const [row] = await tx.select().from(causalEstimates).where(eq(causalEstimates.jobId, jobId));
  return row ?? null;
}

export async function insertEstimate(tx: Tx, row: typeof causalEstimates.$inferInsert): Promise<EstimateRow> {
  const [created] = await tx.insert(causalEstimates).values(row).returning();
  return created!;
}

export async function listEstimates(tx: Tx, q: { question?: 'explain' | 'effect' | 'simulate'; metric?: string; limit: number; offset: number }) {
  const where = and(q.question ? eq(causalEstimates.question, q.question) : undefined, q.metric ? eq(causalEstimates.metric, q.metric) : undefined);
  return tx.select().from(causalEstimates).where(where).orderBy(desc(causalEstimates.createdAt), desc(causalEstimates.id)).limit(q.limit).offset(q.offset);
}

export function estimateView(row: EstimateRow) {
  return {
    id: row.id,
    question: row.question,
    metric: row.metric,
    periods: row.periods,
    method: row.method,
    estimate: row.estimate,
    se: row.se,
    ci: row.ciLow !== null && row.ciHigh !== null ? ([row.ciLow, row.ciHigh] as [number, number]) : null,
    pValue: row.pValue,
    refutations: row.refutations ?? null,
    drivers: row.drivers ?? null,
    details: (row.details ?? {}) as Record<string, unknown>,
    narrative: row.narrative,
    inputs: row.inputs as Record<string, unknown>,
    jobId: row.jobId,
    createdAt: row.createdAt.toISOString(),
  };
}

// ---- the causal graph ----

/** The owner's standing instructions (graph_id null): links that exist, and links that do not. */
export async function ownerEdges(tx: Tx): Promise<{ required: [string, string][]; forbidden: [string, string][] }> {
  const rows = await tx.select().from(evidenceGraphEdges).where(isNull(evidenceGraphEdges.graphId));
  return {
    required: rows.filter((r) => r.kind === 'stated').map((r) => [r.fromMetric, r.toMetric]),
    forbidden: rows.filter((r) => r.kind === 'forbidden').map((r) => [r.fromMetric, r.toMetric]),
  };
}

/** Records owner edges; stating a link replaces an earlier opposite statement about the same pair. */
export async function saveOwnerEdges(tx: Tx, tenantId: string, require: { from: string; to: string }[], forbid: { from: string; to: string }[]) {
  const all = [...require.map((e) => ({ ...e, kind: 'stated' as const })), ...forbid.map((e) => ({ ...e, kind: 'forbidden' as const }))];
  for (const e of all) {
    await tx
      .delete(evidenceGraphEdges)
      .where(and(isNull(evidenceGraphEdges.graphId), eq(evidenceGraphEdges.fromMetric, e.from), eq(evidenceGraphEdges.toMetric, e.to)));
  }
  if (all.length) {
    await tx.insert(evidenceGraphEdges).values(all.map((e) => ({ tenantId, graphId: null, fromMetric: e.from, toMetric: e.to, kind: e.kind, origin: 'owner' })));
  }
}

export async function latestGraph(tx: Tx) {
  const [graph] = await tx.select().from(evidenceGraphs).orderBy(desc(evidenceGraphs.createdAt), desc(evidenceGraphs.id)).limit(1);
  return graph ?? null;
}

export async function graphByJob(tx: Tx, jobId: string) {
  const [graph] = await tx.select({ id: evidenceGraphs.id }).from(evidenceGraphs).where(eq(evidenceGraphs.jobId, jobId));
  return graph?.id ?? null;
}

export async function graphView(tx: Tx, graph: typeof evidenceGraphs.$inferSelect, target?: string) {
  const nodes = await tx.select().from(evidenceGraphNodes).where(eq(evidenceGraphNodes.graphId, graph.id)).orderBy(evidenceGraphNodes.metric);
  const edges = await tx.select().from(evidenceGraphEdges).where(eq(evidenceGraphEdges.graphId, graph.id)).orderBy(evidenceGraphEdges.fromMetric, evidenceGraphEdges.toMetric);
  return {
    id: graph.id,
    from: graph.fromDate,
    to: graph.toDate,
    days: graph.days,
    summary: graph.summary,
    nodes: nodes.map((n) => ({ metric: n.metric, mean: n.mean, r2: n.r2 })),
    edges: edges.map((e) => ({
      from: e.fromMetric, to: e.toMetric, kind: e.kind, origin: e.origin, coefficient: e.coefficient, se: e.se, pValue: e.pValue, standardized: e.standardized, confidence: e.confidence,
    })),
    separations: graph.separations,
    ...(target ? { ancestors: await ancestors(tx, graph.id, target) } : {}),
    createdAt: graph.createdAt.toISOString(),
  };
}

/**
 * Every metric with a directed path into `target` (learned or stated links, never forbidden
 * ones), walked backwards with a recursive CTE: nearest first, with one shortest path each.
 */
export async function ancestors(tx: Tx, graphId: string, target: string): Promise<{ metric: string; depth: number; path: string[] }[]> {
  const rows = await executeRows<{ metric: string; depth: number; path: string[] | string }>(
    tx,
    sql`with recursive walk(metric, depth, path) as (
          select e.from_metric, 1, array[e.from_metric, e.to_metric]
            from evidence_graph_edges e
           where e.graph_id = ${graphId} and e.to_metric = ${target} and e.kind <> 'forbidden'
          union all
          select e.from_metric, w.depth + 1, array[e.from_metric] || w.path
            from evidence_graph_edges e
            join walk w on e.to_metric = w.metric
           where e.graph_id = ${graphId} and e.kind <> 'forbidden' and not e.from_metric = any(w.path)
        )
        select distinct on (metric) metric, depth, path from walk order by metric, depth, path`,
  );
  const parse = (p: string[] | string) => (Array.isArray(p) ? p : p.replace(/^\{|\}$/g, '').split(',').filter(Boolean));
  return rows.map((r) => ({ metric: r.metric, depth: Number(r.depth), path: parse(r.path) })).sort((a, b) => a.depth - b.depth || a.metric.localeCompare(b.metric));
}
