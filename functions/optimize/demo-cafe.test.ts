// The demo café out of the box: "what should I reorder?" and "how many staff on Friday?" answered
// through the API from its saved settings and its own metrics, with no input but the question.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/seed';
import { TestClient } from '../../tests/support/client';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { addDays, todayUtc, weekdayOf } from '@dyocense/planning';

type Run = { status: string; objective: number | null; notes: string[]; solvedInput: Record<string, any>; result: Record<string, any> };

let server: TestServer;
let client: TestClient;
const today = todayUtc(new Date());

async function ask(kind: string, body: unknown): Promise<Run> {
  const res = await client.post(`/api/optimize/${kind}?wait=30`, body);
  const json = await res.json();
  expect(res.status, JSON.stringify(json).slice(0, 500)).toBe(201);
  return json as Run;
}

beforeAll(async () => {
  server = await startTestServer();
  const login = await seedDemo(server.runtime.db, mkdtempSync(join(tmpdir(), 'dyocense-optimize-demo-')));
  client = new TestClient(server.url);
  expect((await client.post('/api/auth/login', { email: login.email, password: login.password })).status).toBe(200);
}, 180_000);
afterAll(() => server?.close());

describe('the demo café’s planning', () => {
  it('has saved settings for every kind of plan', async () => {
    const { constraints } = (await (await client.get('/api/optimize/constraints')).json()) as { constraints: { kind: string; settings: any }[] };
    expect(constraints.map((c) => c.kind).sort()).toEqual(['budget', 'inventory', 'pricing', 'staffing']);
    const inventory = constraints.find((c) => c.kind === 'inventory')!.settings;
    expect(inventory.skus.length).toBeGreaterThanOrEqual(24);
    const staffing = constraints.find((c) => c.kind === 'staffing')!.settings;
    expect(staffing.employees.length).toBeGreaterThanOrEqual(10);
  });

  it('answers "what should I reorder?" from its stock counts and order history', async () => {
    const run = await ask('inventory', {});
    expect(['optimal', 'feasible']).toContain(run.status);
    expect(run.notes.join(' ')).toMatch(/history of orders/);
    expect(run.notes.join(' ')).toMatch(/latest inventory_level/);
    const orders = run.result.orders as { skuId: string; cases: number; coverProbability: number }[];
    expect(orders).toHaveLength(run.solvedInput.skus.length);
    expect(orders.some((o) => o.cases > 0)).toBe(true);
    // Every SKU's stock came from the café's own counts.
    expect(run.solvedInput.skus.every((s: { onHand?: number }) => typeof s.onHand === 'number')).toBe(true);
    expect(run.result.explanation.length).toBeGreaterThan(0);
  });

  it('answers "how many staff on Friday?" with named shifts inside opening hours', async () => {
    const friday = addDays(today, ((4 - weekdayOf(today) + 7) % 7) || 7);
    const run = await ask('staffing', { start: friday, days: 1 });
    expect(['optimal', 'feasible']).toContain(run.status);
    expect(run.solvedInput.dayNames[0]).toBe('Fri');
    const assignments = run.result.assignments as { employeeId: string; roleId: string; start: number; length: number; label: string }[];
    expect(assignments.length).toBeGreaterThanOrEqual(3);
    for (const a of assignments) {
      expect(a.start).toBeGreaterThanOrEqual(7);
      expect(a.start + a.length).toBeLessThanOrEqual(17 + 1);
      expect(a.label).toMatch(/^Fri/);
    }
    expect(new Set(assignments.map((a) => a.roleId))).toEqual(new Set(['barista', 'cashier', 'kitchen']));
    expect(run.notes.join(' ')).toMatch(/Hourly demand: .*orders/);
  });

  it('plans the whole week within everyone’s availability and hours', async () => {
    const run = await ask('staffing', {});
    expect(['optimal', 'feasible'], run.result.explanation.join(' ')).toContain(run.status);
    const employees = run.result.employees as { id: string; hours: number }[];
    const limits = new Map((run.solvedInput.employees as { id: string; minHours: number; maxHours: number }[]).map((e) => [e.id, e]));
    for (const e of employees) {
      expect(e.hours).toBeGreaterThanOrEqual(limits.get(e.id)!.minHours);
      expect(e.hours).toBeLessThanOrEqual(limits.get(e.id)!.maxHours);
    }
  }, 60_000);

  it('splits last month’s marketing spend across its channels, and reviews menu prices', async () => {
    const budget = await ask('budget', {});
    expect(budget.status).toBe('optimal');
    expect(budget.solvedInput.totalBudget).toBeGreaterThan(500);
    expect(budget.result.allocations).toHaveLength(4);
    const pricing = await ask('pricing', {});
    expect(pricing.status).toBe('optimal');
    expect(pricing.result.prices).toHaveLength(6);
  });
});
