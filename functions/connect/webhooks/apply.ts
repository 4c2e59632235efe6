import { sql } from 'drizzle-orm';
import { executeRows, pgErrorCode, type Database, type Tx } from '@dyocense/core';
import { lockTenantMetrics } from '@dyocense/core/jobs/kinds';
import { dimensionsKey, ensurePartitions, refreshRollups, type CleanPoint } from '@dyocense/metrics';
import type { EffectPlan, Intent, MetricDelta } from '../logic/effects';

export interface IncomingEvent {
  tenantId: string;
  sourceId: string;
  provider: 'stripe' | 'shopify';
  eventId: string;
  semanticKey: string | null;
  topic: string;
  rawBody: string;
}

export interface EffectSummary {
  applied: MetricDelta[];
  /** Ledger keys whose effect was already counted by an earlier event. */
  alreadyCounted: string[];
  note?: string;
  [extra: string]: unknown;
}

/**
 * Stores the event unless its id or semantic key is already there. ON CONFLICT DO NOTHING
 * waits for a concurrent insert of the same key to commit, so of twenty simultaneous
 * redeliveries exactly one gets a row back — and only that one applies the effect.
 */
export async function insertEvent(tx: Tx, e: IncomingEvent): Promise<string | null> {
  const [row] = await executeRows<{ id: string }>(
    tx,
    sql`insert into webhook_events (tenant_id, source_id, provider, event_id, semantic_key, topic, raw_body)
        values (${e.tenantId}::uuid, ${e.sourceId}::uuid, ${e.provider}, ${e.eventId}, ${e.semanticKey}, ${e.topic}, ${e.rawBody})
        on conflict do nothing returning id`,
  );
  return row?.id ?? null;
}

export async function markApplied(tx: Tx, eventId: string, effect: Record<string, unknown>): Promise<void> {
  await tx.execute(sql`update webhook_events set applied_at = now(), effect = ${JSON.stringify(effect)}::jsonb where id = ${eventId}::uuid`);
}

/** Every point a plan could write, so their partitions exist before the transaction opens. */
export function candidateDeltas(plan: EffectPlan): MetricDelta[] {
  return plan.intents.flatMap((i) => (i.kind === 'once' ? i.deltas : i.kind === 'withdraw' ? [...i.count, ...i.reverse] : [{ ...i.delta, value: i.total }]));
}

export async function preparePartitions(db: Database, plan: EffectPlan, source: string): Promise<void> {
  const points = toPoints(candidateDeltas(plan), source);
  // Concurrent first writes into a new month can both try to create its partition; the
  // loser sees 42P07 (duplicate_table) and the partition now exists, so it tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensurePartitions(db, points);
    } catch (err) {
      if (pgErrorCode(err) !== '42P07' || attempt === 3) throw err;
    }
  }
}

function toPoints(deltas: MetricDelta[], source: string): CleanPoint[] {
  // Several deltas may land on one point (an order and its cancellation): merge them first,
  // since one upsert statement cannot touch a row twice.
  const merged = new Map<string, CleanPoint>();
  for (const d of deltas) {
    const dimsKey = dimensionsKey(d.dimensions);
    const time = new Date(d.time).toISOString();
    const id = `${d.metric}\u0000${time}\u0000${dimsKey}`;
    const hit = merged.get(id);
    if (hit) hit.value += d.value;
    else merged.set(id, { metric: d.metric, time, value: d.value, unit: d.unit, source, dimensions: d.dimensions, dims_key: dimsKey });
  }
  return [...merged.values()];
}

/** Writers of a tenant's metrics take this lock first: the sync's, so both paths are ordered. */
export { lockTenantMetrics };

/** Adds the deltas to their points (creating them at the delta) and refreshes the rollups they touch. */
async function addToMetrics(tx: Tx, tenantId: string, source: string, deltas: MetricDelta[]): Promise<void> {
  const points = toPoints(deltas, source);
  if (points.length === 0) return;
  const batch = JSON.stringify(points);
  await lockTenantMetrics(tx, tenantId);
  await tx.execute(sql`
    insert into business_metrics as m (tenant_id, metric, time, value, unit, source, dimensions, dims_key)
    select ${tenantId}::uuid, p.metric, p.time, p.value, p.unit, p.source, p.dimensions, p.dims_key
    from jsonb_to_recordset(${batch}::jsonb) as p(metric text, time timestamptz, value float8, unit text, source text, dimensions jsonb, dims_key text)
    on conflict (tenant_id, metric, time, dims_key, source) do update set value = m.value + excluded.value, ingested_at = now()`);
  await refreshRollups(tx, tenantId, batch);
}

type Ledger = { value: number; state: string };

/** Inserts the ledger row if absent; true when this call created it. */
async function claim(tx: Tx, tenantId: string, sourceId: string, key: string, value: number, state: string): Promise<boolean> {
  const rows = await executeRows<{ key: string }>(
    tx,
    sql`insert into connector_effects (tenant_id, source_id, key, value, state)
        values (${tenantId}::uuid, ${sourceId}::uuid, ${key}, ${value}, ${state})
        on conflict do nothing returning key`,
  );
  return rows.length > 0;
}

async function lockLedger(tx: Tx, sourceId: string, key: string): Promise<Ledger> {
  const [row] = await executeRows<{ value: number; state: string }>(
    tx,
    sql`select value, state from connector_effects where source_id = ${sourceId}::uuid and key = ${key} for update`,
  );
  return { value: Number(row!.value), state: row!.state };
}

async function setLedger(tx: Tx, sourceId: string, key: string, ledger: Ledger): Promise<void> {
  await tx.execute(sql`update connector_effects set value = ${ledger.value}, state = ${ledger.state}, updated_at = now()
    where source_id = ${sourceId}::uuid and key = ${key}`);
}

/** Decides, against the ledger, which deltas of one intent are new. */
async function resolve(tx: Tx, tenantId: string, sourceId: string, intent: Intent): Promise<MetricDelta[] | null> {
  switch (intent.kind) {
    case 'once':
      return (await claim(tx, tenantId, sourceId, intent.key, 0, 'counted')) ? intent.deltas : null;
    case 'cumulative': {
      if (await claim(tx, tenantId, sourceId, intent.key, intent.total, 'counted')) return intent.total > 0 ? [{ ...intent.delta, value: intent.total }] : null;
      const ledger = await lockLedger(tx, sourceId, intent.key);
      const extra = intent.total - ledger.value;
      if (extra <= 1e-9) return null;
      await setLedger(tx, sourceId, intent.key, { value: intent.total, state: 'counted' });
      return [{ ...intent.delta, value: extra }];
    }
    case 'withdraw': {
      const counted = intent.count.length > 0;
      if (await claim(tx, tenantId, sourceId, intent.key, 0, counted ? 'cancelled' : 'void')) return counted ? [...intent.count, ...intent.reverse] : null;
      const ledger = await lockLedger(tx, sourceId, intent.key);
      if (ledger.state !== 'counted') return null;
      await setLedger(tx, sourceId, intent.key, { value: ledger.value, state: 'cancelled' });
      return intent.reverse;
    }
  }
}

/** Applies a plan inside the event's transaction; returns what changed, for the event row. */
export async function applyPlan(tx: Tx, tenantId: string, sourceId: string, source: string, plan: EffectPlan): Promise<EffectSummary> {
  const applied: MetricDelta[] = [];
  const alreadyCounted: string[] = [];
  for (const intent of plan.intents) {
    const deltas = await resolve(tx, tenantId, sourceId, intent);
    if (deltas) applied.push(...deltas);
    else alreadyCounted.push(intent.key);
  }
  await addToMetrics(tx, tenantId, source, applied);
  return { applied, alreadyCounted, ...(plan.note ? { note: plan.note } : {}) };
}
