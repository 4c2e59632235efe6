// Tenant isolation attacked through raw SQL as the app role: for every table that carries
// tenant_id, rows of two tenants exist, and with tenant A set nothing of B can be seen,
// changed, deleted or planted; with no tenant set nothing at all is visible.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { connectorEffects, connectorSyncLogs, connectorSyncRecords, dataSources, webhookEvents } from '@dyocense/db';
import { causalEstimates, evidenceGraphEdges, evidenceGraphNodes, evidenceGraphs } from '@dyocense/db';
import { optimizationConstraints, optimizationRuns } from '@dyocense/db';
import { importErrors, imports } from '@dyocense/db';
import { agentExecutions, coachingSessions, coachingTurns, llmCache, llmUsage } from '@dyocense/db';
import { apiTokens, dashboards, forecastModels, forecasts, goalMilestones, invitations, jobs, metricDefinitions, savedQueries, smartGoals } from '@dyocense/db';
import { checkPoints, builtinByName, ingestChecked } from '@dyocense/metrics';
import { enterTenant, executeRows, hashToken, isInsufficientPrivilege, withTenant, type Tx } from '@dyocense/core';
import type { NodeRuntime } from '@dyocense/core/node';
import { createBusiness } from '../../functions/auth/store';
import { createTestRuntime, testDatabaseKind } from '../support/runtime';

let runtime: NodeRuntime;
const tenant: Record<'A' | 'B', { tenantId: string; userId: string }> = {} as never;

async function seedTenant(label: 'A' | 'B') {
  const created = await runtime.db.transaction((tx) =>
    createBusiness(
      tx,
      { email: `${label.toLowerCase()}-${Date.now()}@tenancy.test`, name: label, passwordHash: null, businessName: `Business ${label}` },
      { ip: '127.0.0.1', userAgent: 'test', sessionDays: 1 },
    ),
  );
  const ids = { tenantId: created.tenant.id, userId: created.user.id };
  await withTenant(runtime.db, ids.tenantId, async (tx) => {
    await tx.insert(apiTokens).values({ tenantId: ids.tenantId, userId: ids.userId, name: label, tokenHash: hashToken(`${label}${Math.random()}`), prefix: 'dyo_x', scopes: ['*'] });
    await tx.insert(invitations).values({ tenantId: ids.tenantId, email: `invitee-${label}@x.test`, role: 'member', tokenHash: hashToken(`inv${label}${Math.random()}`), expiresAt: new Date(Date.now() + 1e7) });
    await tx.insert(jobs).values({ tenantId: ids.tenantId, kind: 'diagnostics.sum', payload: { numbers: [1] }, idempotencyKey: label });
    await tx.insert(metricDefinitions).values({ tenantId: ids.tenantId, name: `custom_${label.toLowerCase()}`, label, unit: 'count', aggregation: 'sum', direction: 'up', area: 'sales' });
    const [query] = await tx.insert(savedQueries).values({ tenantId: ids.tenantId, name: label, query: { metric: 'revenue' } }).returning();
    await tx.insert(dashboards).values({ tenantId: ids.tenantId, name: label, widgets: [{ savedQueryId: query!.id, title: label, visualization: 'line' }] });
    const [goal] = await tx
      .insert(smartGoals)
      .values({ tenantId: ids.tenantId, title: label, metric: 'revenue', direction: 'up', measure: 'total', targetValue: 1, unit: 'USD', area: 'sales', startDate: '2026-01-01', deadline: '2026-12-31', baselineValue: 0, assessment: {} })
      .returning();
    await tx.insert(goalMilestones).values({ tenantId: ids.tenantId, goalId: goal!.id, title: label, targetValue: 1, dueDate: '2026-06-30' });
    const [coaching] = await tx.insert(coachingSessions).values({ tenantId: ids.tenantId, userId: ids.userId, title: label, turns: 1 }).returning();
    const [turn] = await tx
      .insert(coachingTurns)
      .values({ tenantId: ids.tenantId, sessionId: coaching!.id, position: 1, question: label, intent: 'unknown', answer: label, cards: [], citations: [], provider: 'composer', model: 'templates', latencyMs: 1, embedding: Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0)), embeddingModel: 'test' })
      .returning();
    await tx.insert(agentExecutions).values({ tenantId: ids.tenantId, turnId: turn!.id, node: 'classify', position: 0, status: 'ok', input: {}, output: {}, durationMs: 1 });
    await tx.insert(llmUsage).values({ tenantId: ids.tenantId, turnId: turn!.id, purpose: 'answer', provider: 'ollama', model: 'llama3:8b', latencyMs: 1, outcome: 'ok' });
    await tx.insert(llmCache).values({ tenantId: ids.tenantId, key: `key-${label}`, provider: 'ollama', model: 'llama3:8b', answer: label, expiresAt: new Date(Date.now() + 1e7) });
    const [fc] = await tx
      .insert(forecasts)
      .values({ tenantId: ids.tenantId, source: 'series', period: 1, horizon: 1, levels: [80], methodRequested: 'auto', historyPoints: 1 })
      .returning();
    await tx.insert(forecastModels).values({ tenantId: ids.tenantId, forecastId: fc!.id, position: 0, name: 'naive', spec: 'naive', weight: 1 });
    const [source] = await tx.insert(dataSources).values({ tenantId: ids.tenantId, type: 'stripe', name: label }).returning();
    await tx.insert(connectorSyncLogs).values({ tenantId: ids.tenantId, sourceId: source!.id });
    await tx.insert(webhookEvents).values({ tenantId: ids.tenantId, sourceId: source!.id, provider: 'stripe', eventId: `evt_${label}`, topic: 'charge.succeeded', rawBody: '{}' });
    await tx.insert(connectorEffects).values({ tenantId: ids.tenantId, sourceId: source!.id, key: `payment:${label}` });
    await tx.insert(connectorSyncRecords).values({ tenantId: ids.tenantId, sourceId: source!.id, kind: 'order', externalId: `order_${label}`, day: '2026-01-15', amount: 1, counts: true });
    await tx.insert(causalEstimates).values({ tenantId: ids.tenantId, question: 'explain', metric: 'revenue', periods: {}, method: 'test', narrative: label, inputs: {} });
    const [graph] = await tx.insert(evidenceGraphs).values({ tenantId: ids.tenantId, fromDate: '2026-01-01', toDate: '2026-06-30', days: 1, summary: label, model: {} }).returning();
    await tx.insert(evidenceGraphNodes).values({ tenantId: ids.tenantId, graphId: graph!.id, metric: 'revenue', mean: 1, r2: 0 });
    await tx.insert(evidenceGraphEdges).values({ tenantId: ids.tenantId, graphId: graph!.id, fromMetric: 'orders', toMetric: 'revenue', kind: 'learned' });
    await tx.insert(optimizationRuns).values({ tenantId: ids.tenantId, kind: 'budget', input: {}, solvedInput: {} });
    await tx.insert(optimizationConstraints).values({ tenantId: ids.tenantId, kind: 'budget', settings: { channels: [] } });
    const [upload] = await tx.insert(imports).values({ tenantId: ids.tenantId, fileName: `${label}.csv`, format: 'csv', status: 'failed' }).returning();
    await tx.insert(importErrors).values({ tenantId: ids.tenantId, importId: upload!.id, position: 0, row: 2, column: 'date', value: label, message: 'not a date' });
  });
  const { clean } = checkPoints([{ metric: 'revenue', time: '2026-01-15T00:00:00Z', value: 10 }], builtinByName, 'test');
  await ingestChecked(runtime.db, ids.tenantId, clean);
  tenant[label] = ids;
}

/** Every table of the public schema that has a tenant_id column (tables added later included). */
async function tenantTables(): Promise<string[]> {
  // Partitions are reached only through their parent (the app has no grants on them).
  const rows = await runtime.db.query<{ table_name: string }>(sql`
    select c.relname as table_name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`);
  return rows.map((r) => r.table_name);
}

class Rollback extends Error {}
/** Runs fn as tenant A inside a transaction that is always rolled back. */
async function asTenantThenRollback<T>(tenantId: string | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await runtime.db
    .transaction(async (tx) => {
      await enterTenant(tx, tenantId);
      out = await fn(tx);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out as T;
}

beforeAll(async () => {
  runtime = await createTestRuntime();
  await seedTenant('A');
  await seedTenant('B');
});
afterAll(() => runtime?.close());

describe('the catalogue', () => {
  it('knows the tenant tables', async () => {
    expect(await tenantTables()).toEqual(
      expect.arrayContaining([
        'api_tokens', 'audit_log', 'business_metrics', 'dashboards', 'goal_milestones', 'invitations', 'jobs', 'memberships',
        'metric_definitions', 'metric_rollups', 'saved_queries', 'sessions', 'smart_goals',
      ]),
    );
  });

  it('has RLS enabled and forced, with a policy, on every tenant table', async () => {
    const tables = [...(await tenantTables()), 'tenants', 'users', 'oauth_accounts'];
    const rows = await runtime.db.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>(sql`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname in (${sql.join(tables.map((t) => sql`${t}`), sql`, `)})`);
    expect(rows).toHaveLength(tables.length);
    for (const r of rows) {
      expect({ table: r.relname, enabled: r.relrowsecurity, forced: r.relforcerowsecurity }).toEqual({ table: r.relname, enabled: true, forced: true });
      expect(r.policies, r.relname).toBeGreaterThan(0);
    }
  });

  it('runs the app as a role that is not superuser, not owner, without BYPASSRLS', async () => {
    const [me] = await runtime.db.query<{ rolsuper: boolean; rolbypassrls: boolean; role: string; owns: number }>(sql`
      select r.rolsuper, r.rolbypassrls, current_user as role,
             (select count(*)::int from pg_class c where c.relowner = r.oid and c.relkind = 'r') as owns
      from pg_roles r where r.rolname = current_user`);
    expect(me).toEqual({ rolsuper: false, rolbypassrls: false, role: 'dyocense_app', owns: 0 });
  });
});

describe('raw SQL as the app role', () => {
  it('with tenant A set, an unfiltered select of every table returns only A rows (and some)', async () => {
    for (const table of await tenantTables()) {
      const rows = await asTenantThenRollback(tenant.A.tenantId, (tx) =>
        executeRows<{ tenant_id: string }>(tx, sql`select tenant_id from ${sql.identifier(table)}`),
      );
      expect(rows.length, table).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.tenant_id)), table).toEqual(new Set([tenant.A.tenantId]));
    }
    const tenants = await asTenantThenRollback(tenant.A.tenantId, (tx) => executeRows<{ id: string }>(tx, sql`select id from tenants`));
    expect(tenants.map((t) => t.id)).toEqual([tenant.A.tenantId]);
    const users = await asTenantThenRollback(tenant.A.tenantId, (tx) => executeRows<{ id: string }>(tx, sql`select id from users`));
    expect(users.map((u) => u.id)).toEqual([tenant.A.userId]);
  });

  it('with tenant A set, an unfiltered update or delete touches only A rows', async () => {
    for (const table of await tenantTables()) {
      if (table === 'audit_log') continue;
      const updated = await asTenantThenRollback(tenant.A.tenantId, (tx) =>
        executeRows<{ tenant_id: string }>(tx, sql`update ${sql.identifier(table)} set tenant_id = tenant_id returning tenant_id`),
      );
      expect(new Set(updated.map((r) => r.tenant_id)), table).toEqual(new Set([tenant.A.tenantId]));
      const deleted = await asTenantThenRollback(tenant.A.tenantId, (tx) =>
        executeRows<{ tenant_id: string }>(tx, sql`delete from ${sql.identifier(table)} returning tenant_id`),
      );
      expect(new Set(deleted.map((r) => r.tenant_id)), table).toEqual(new Set([tenant.A.tenantId]));
    }
    // B's rows are all still there.
    const bJobs = await withTenant(runtime.db, tenant.B.tenantId, (tx) => executeRows(tx, sql`select id from jobs`));
    expect(bJobs).toHaveLength(1);
  });

  it('refuses to plant a B row while acting as A', async () => {
    for (const [table, statement] of [
      ['jobs', sql`insert into jobs (tenant_id, kind, payload, idempotency_key) values (${tenant.B.tenantId}, 'x', '{}', 'planted')`],
      ['audit_log', sql`insert into audit_log (tenant_id, action) values (${tenant.B.tenantId}, 'planted')`],
      ['memberships', sql`insert into memberships (tenant_id, user_id, role) values (${tenant.B.tenantId}, ${tenant.A.userId}, 'owner')`],
      ['sessions', sql`insert into sessions (id, tenant_id, user_id, expires_at) values ('planted', ${tenant.B.tenantId}, ${tenant.A.userId}, now() + interval '1 day')`],
    ] as const) {
      const err = await asTenantThenRollback(tenant.A.tenantId, (tx) => tx.execute(statement)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isInsufficientPrivilege(err), `${table}: ${String(err)}`).toBe(true);
    }
    // Moving an A row over to B is refused the same way.
    const moved = await asTenantThenRollback(tenant.A.tenantId, (tx) =>
      tx.execute(sql`update jobs set tenant_id = ${tenant.B.tenantId}`),
    ).then(() => null, (e: unknown) => e);
    expect(isInsufficientPrivilege(moved)).toBe(true);
  });

  it('with no tenant set, nothing is visible and nothing errors', async () => {
    for (const table of [...(await tenantTables()), 'tenants', 'users', 'oauth_accounts']) {
      const rows = await asTenantThenRollback(undefined, (tx) => executeRows(tx, sql`select * from ${sql.identifier(table)}`));
      expect(rows, table).toHaveLength(0);
      const direct = await runtime.db.query(sql`select * from ${sql.identifier(table)}`);
      expect(direct, table).toHaveLength(0);
    }
  });

  it('keeps the audit log append-only', async () => {
    for (const statement of [sql`update audit_log set action = 'rewritten'`, sql`delete from audit_log`]) {
      const err = await asTenantThenRollback(tenant.A.tenantId, (tx) => tx.execute(statement)).then(() => null, (e: unknown) => e);
      expect(isInsufficientPrivilege(err), String(err)).toBe(true);
    }
  });

  // PGlite's single session belongs to its superuser and the app role is SET ROLE on top,
  // so only the server, where the app logs in as its own role, can refuse this.
  it.runIf(testDatabaseKind() === 'postgres')('cannot climb to another role', async () => {
    for (const statement of [sql`set role dyocense_system`, sql`set role postgres`]) {
      const err = await runtime.db.query(statement).then(() => null, (e: unknown) => e);
      expect(err, String(statement)).not.toBeNull();
    }
    await runtime.db.query(sql`reset role`);
    const [me] = await runtime.db.query<{ role: string }>(sql`select current_user as role`);
    expect(me!.role).toBe('dyocense_app');
  });
});
