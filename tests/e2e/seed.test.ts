// The demo café as a new user meets it: seeded through the ingest path, queryable at once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCafe } from '@dyocense/demo-data';
import { seedDemo } from '../../scripts/seed';
import { TestClient } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let client: TestClient;
const now = new Date();

beforeAll(async () => {
  server = await startTestServer();
  const login = await seedDemo(server.runtime.db, mkdtempSync(join(tmpdir(), 'dyocense-seed-')), now);
  client = new TestClient(server.url);
  expect((await client.post('/api/auth/login', { email: login.email, password: login.password })).status).toBe(200);
}, 180_000);
afterAll(() => server?.close());

describe('the demo café', () => {
  it('holds two years of daily revenue equal to the generator, to the cent', async () => {
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const cafe = generateCafe({ endDate: yesterday });
    const expected = cafe.points.filter((p) => p.metric === 'revenue').reduce((a, p) => a + p.value, 0);
    const first = cafe.points.find((p) => p.metric === 'revenue')!.time.slice(0, 10);
    const res = (await (await client.get(`/api/metrics/query?metric=revenue&from=${first}&to=${yesterday}&bucket=month`)).json()) as { total: number };
    expect(res.total).toBeCloseTo(expected, 2);
  });

  it('shows the planted supplier stock-out week as a revenue drop against the week before', async () => {
    const cafe = generateCafe({ endDate: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10) });
    const stockout = cafe.events.find((e) => e.kind === 'stockout')!;
    const res = (await (await client.get(`/api/metrics/query?metric=revenue&from=${stockout.start}&to=${stockout.end}&compare=previous_period`)).json()) as {
      comparison: { change: { percent: number } };
    };
    expect(res.comparison.change.percent).toBeLessThan(-5);
  });

  it('opens on a default dashboard of saved queries', async () => {
    const list = (await (await client.get('/api/metrics/dashboards')).json()) as { dashboards: { name: string; isDefault: boolean; widgets: unknown[] }[] };
    expect(list.dashboards[0]).toMatchObject({ name: 'Owner overview', isDefault: true });
    expect(list.dashboards[0]!.widgets).toHaveLength(3);
  });
});
