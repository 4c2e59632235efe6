import { metricDefinitions } from '@dyocense/db';
import type { Tx } from '@dyocense/core';
import { builtinMetrics, type MetricDefinition } from '../catalog';

/** Built-in metrics plus the tenant's own, by name (a tenant definition overrides a built-in). */
export async function loadCatalog(tx: Tx): Promise<Map<string, MetricDefinition>> {
  const own = await tx.select().from(metricDefinitions);
  const catalog = new Map(builtinMetrics.map((m) => [m.name, m]));
  for (const m of own) {
    catalog.set(m.name, {
      name: m.name,
      label: m.label,
      unit: m.unit,
      aggregation: m.aggregation,
      direction: m.direction,
      area: m.area,
      description: m.description,
      builtin: false,
    });
  }
  return catalog;
}

export async function defineMetric(tx: Tx, tenantId: string, def: Omit<MetricDefinition, 'builtin'>): Promise<MetricDefinition> {
  await tx
    .insert(metricDefinitions)
    .values({ tenantId, ...def })
    .onConflictDoUpdate({
      target: [metricDefinitions.tenantId, metricDefinitions.name],
      set: { label: def.label, unit: def.unit, aggregation: def.aggregation, direction: def.direction, area: def.area, description: def.description },
    });
  return { ...def, builtin: false };
}
