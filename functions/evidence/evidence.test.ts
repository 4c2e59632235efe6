// The evidence API end to end on the demo café, whose planted effects are known exactly
// (packages/demo-data/README.md): real server, real database, real worker-thread jobs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCafe, type EventKind } from '@dyocense/demo-data';
import { seedMetrics } from '../../scripts/seed';
import { signUp, TestClient } from '../../tests/support/client';
import { startTestServer, type TestServer } from '../../tests/support/server';

// A fixed "today" so the café (and its noise) is the documented one: data ends 2026-11-21.
const NOW = new Date('2026-11-22T12:00:00Z');
const cafe = generateCafe({ endDate: '2026-11-21' });
const eventOf = (kind: EventKind) => cafe.events.find((e) => e.kind === kind)!;

let server: TestServer;
let owner: TestClient;

interface Estimate {
  id: string;
  question: string;
  method: string;
  metric: string;
  estimate: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  refutations: { checks: { check: string; passed: boolean; summary: string }[]; passed: boolean } | { candidate: string }[];
  drivers: { drivers: { driver: string; contribution: number }[]; detractors: { driver: string; contribution: number }[]; decompositions: { by: string; change: number; contributions: { contribution: number }[] }[] };
  details: Record<string, any>;
  narrative: string;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = new TestClient(server.url);
  const { tenant } = await signUp(owner, { businessName: 'Harbor Street Café' });
  await seedMetrics(server.runtime.db, tenant.id, NOW);
}, 600_000);
afterAll(() => server?.close());

describe('the effect of a dated action', () => {
  it('recovers the Instagram campaign: the planted orders/day lie inside the interval, with all three refutations reported', async () => {
    const campaign = eventOf('campaign');
    const res = await owner.post('/api/evidence/effect', { metric: 'orders', actionDate: campaign.start, endDate: campaign.end, label: 'Instagram campaign' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Estimate;
    const truth = (campaign.effect as { ordersPerDay: number }).ordersPerDay;
    expect(body.question).toBe('effect');
    expect(body.ci![0]).toBeLessThanOrEqual(truth);
    expect(body.ci![1]).toBeGreaterThanOrEqual(truth);
    expect(body.ci![0]).toBeGreaterThan(0); // and it is distinguishable from no effect
    const report = body.refutations as { checks: { check: string }[] };
    expect(report.checks.map((c) => c.check).sort()).toEqual(['data subset', 'placebo treatment', 'random common cause']);
    expect(body.narrative).toMatch(/Instagram campaign/);
    expect(body.narrative).toMatch(/95% interval/);
    // Stored: the same answer comes back by id.
    const again = (await (await owner.get(`/api/evidence/estimates/${body.id}`)).json()) as Estimate;
    expect(again).toMatchObject({ id: body.id, estimate: body.estimate, ci: body.ci });
    // The job that computed it points at it too (what a 202 answer would have had the caller poll).
    const job = (await (await owner.get(`/api/evidence/jobs/${(body as unknown as { jobId: string }).jobId}`)).json()) as { status: string; estimateId: string };
    expect(job).toMatchObject({ status: 'succeeded', estimateId: body.id });
  }, 120_000);

  it('traces the campaign week by week in an event study, with a pre-trend test', async () => {
    const campaign = eventOf('campaign');
    const res = await owner.post('/api/evidence/effect', { metric: 'orders', actionDate: campaign.start, endDate: campaign.end, method: 'event-study' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Estimate;
    const truth = (campaign.effect as { ordersPerDay: number }).ordersPerDay;
    expect(body.method).toBe('event-study');
    expect(body.ci![0]).toBeLessThanOrEqual(truth);
    expect(body.ci![1]).toBeGreaterThanOrEqual(truth);
    expect(body.details.preTrend).toMatchObject({ pValue: expect.any(Number) });
    expect((body.details.effects as unknown[]).length).toBeGreaterThan(8);
    expect((body.refutations as { checks: unknown[] }).checks).toHaveLength(3);
  }, 120_000);

  it('accepts another metric as the comparison series', async () => {
    const res = await owner.post('/api/evidence/effect', { metric: 'website_sessions', actionDate: '2026-04-06', endDate: '2026-05-31', control: { metric: 'labour_hours' } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Estimate;
    expect(body.details.comparison).toMatch(/labour_hours/);
    expect(body.estimate!).toBeGreaterThan(0); // paid Instagram sessions rose with the spend
  }, 120_000);

  it('does not credit Google Ads, whose spend never changed', async () => {
    const campaign = eventOf('campaign');
    const res = await owner.post('/api/evidence/effect', { metric: 'marketing_spend', filters: { channel: 'google_ads' }, actionDate: campaign.start, endDate: campaign.end });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Estimate;
    expect(body.ci![0]).toBeLessThanOrEqual(0);
    expect(body.ci![1]).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('finds the price change on average ticket with a before/after design', async () => {
    const price = eventOf('price_change');
    const res = await owner.post('/api/evidence/effect', { metric: 'average_ticket', actionDate: price.start, endDate: addDays(price.start, 27), method: 'its' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Estimate;
    expect(body.estimate!).toBeGreaterThan(0);
    expect(body.ci![0]).toBeGreaterThan(0);
  }, 120_000);
});

describe('why a metric changed', () => {
  it.each(['previous_period', 'previous_year'])('names the supplier stock-out as the driver of the stock-out week revenue drop (against the %s)', async (compareTo) => {
    const stockout = eventOf('stockout');
    const res = await owner.get(`/api/evidence/explain?metric=revenue&from=${stockout.start}&to=${stockout.end}&compareTo=${compareTo}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Estimate;
    expect(body.question).toBe('explain');
    // Where: the split by category sums exactly to the change.
    const byCategory = body.drivers.decompositions.find((d) => d.by.startsWith('category_revenue'))!;
    const total = byCategory.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(total).toBeCloseTo(body.estimate!, 6);
    if (compareTo === 'previous_period') {
      // Against the week before, revenue fell, and bakery and coffee (croissants, oat milk) fell most.
      expect(body.estimate!).toBeLessThan(0);
      expect(body.narrative).toMatch(/^Revenue fell/);
      expect(body.drivers.detractors.slice(0, 2).map((d) => d.driver).sort()).toEqual(['bakery', 'coffee']);
    }
    // Why: the top likely cause is the stock-out (stock-out count or the items that ran out),
    // and it pulled revenue down (a year of growth can hide it in the total).
    const causes = body.details.likelyCauses as string[];
    expect(causes[0]).toMatch(/stockouts|MILK-OAT|CROISSANT/);
    expect(causes).toContain('stockouts');
    const stockouts = (body.details.candidates as { name: string; explainedChange: number; explainedInterval: [number, number] }[]).find((c) => c.name === 'stockouts')!;
    expect(stockouts.explainedChange).toBeLessThan(0);
    // The revenue it accounts for brackets the planted loss against the counterfactual week.
    const loss = (stockout.effect as { revenueLoss: number }).revenueLoss;
    expect(stockouts.explainedInterval[0]).toBeLessThanOrEqual(-loss);
    expect(stockouts.explainedInterval[1]).toBeGreaterThanOrEqual(-loss);
    expect(causes.some((c) => /MILK-OAT|CROISSANT/.test(c))).toBe(true);
    // Marketing did not change that week, so it is not offered as a cause.
    expect(causes.some((c) => c.startsWith('marketing_spend'))).toBe(false);
    const top = (body.details.candidates as { name: string; refutations: { checks: unknown[] } | null }[])[0]!;
    expect(top.refutations!.checks).toHaveLength(3);
    expect(body.narrative).toMatch(/stockouts/);
    // The same question over the same data is the same stored answer.
    const again = (await (await owner.get(`/api/evidence/explain?metric=revenue&from=${stockout.start}&to=${stockout.end}&compareTo=${compareTo}`)).json()) as Estimate;
    expect(again.id).toBe(body.id);
    const list = (await (await owner.get('/api/evidence/estimates?question=explain')).json()) as { estimates: Estimate[] };
    expect(list.estimates.map((e) => e.id)).toContain(body.id);
  }, 120_000);

  it.each([
    ['marketing_spend', '2026-04-06', '2026-05-03', '2026-03-09..2026-04-05'],
    ['average_ticket', '2026-10-01', '2026-10-31', 'previous_year'],
    ['revenue', '2025-12-01', '2025-12-31', 'previous_year'],
  ])('explains %s over %s…%s against %s with decompositions that add up', async (metric, from, to, compareTo) => {
    const res = await owner.get(`/api/evidence/explain?metric=${metric}&from=${from}&to=${to}&compareTo=${compareTo}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Estimate;
    expect(body.narrative.length).toBeGreaterThan(50);
    for (const d of body.drivers.decompositions) {
      expect(d.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(d.change, 6);
    }
    if (metric === 'marketing_spend') {
      // The campaign month: the split by channel puts the rise on Instagram.
      expect(body.drivers.drivers[0]!.driver).toBe('instagram');
    }
  }, 120_000);
});

describe('the causal graph', () => {
  it('learns a graph with owner knowledge, walks ancestors through the recursive query, and simulates', async () => {
    const res = await owner.post('/api/evidence/graph', {
      metrics: ['marketing_spend', 'website_sessions', 'orders', 'revenue'],
      from: '2025-11-22',
      to: '2026-11-21',
      require: [{ from: 'orders', to: 'revenue' }],
      forbid: [{ from: 'revenue', to: 'marketing_spend' }],
    });
    expect(res.status).toBe(201);
    const graph = (await res.json()) as { id: string; edges: { from: string; to: string; kind: string; confidence: number | null }[]; nodes: unknown[] };
    expect(graph.nodes).toHaveLength(4);
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: 'orders', to: 'revenue', kind: 'stated' }));
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: 'revenue', to: 'marketing_spend', kind: 'forbidden' }));

    const read = (await (await owner.get('/api/evidence/graph?target=revenue')).json()) as { id: string; ancestors: { metric: string; depth: number; path: string[] }[] };
    expect(read.id).toBe(graph.id);
    const orders = read.ancestors.find((a) => a.metric === 'orders')!;
    expect(orders).toMatchObject({ depth: 1, path: ['orders', 'revenue'] });
    // Every ancestor's path really is a chain of non-forbidden edges ending at the target.
    const linked = new Set(graph.edges.filter((e) => e.kind !== 'forbidden').map((e) => `${e.from}>${e.to}`));
    for (const a of read.ancestors) {
      expect(a.path.at(-1)).toBe('revenue');
      for (let i = 0; i + 1 < a.path.length; i++) expect(linked.has(`${a.path[i]}>${a.path[i + 1]}`)).toBe(true);
    }

    const sim = await owner.post('/api/evidence/simulate', { interventions: { orders: '+10%' } });
    expect(sim.status).toBe(200);
    const s = (await sim.json()) as { results: { effects: { variable: string; effect: number; ci: [number, number] }[] }[]; estimateId: string };
    const revenue = s.results[0]!.effects.find((e) => e.variable === 'revenue')!;
    expect(revenue.effect).toBeGreaterThan(0);
    expect(revenue.ci[0]).toBeLessThanOrEqual(revenue.effect);
    expect(revenue.ci[1]).toBeGreaterThanOrEqual(revenue.effect);
    expect((await owner.get(`/api/evidence/estimates/${s.estimateId}`)).status).toBe(200);
  }, 120_000);

  it('does not report a spurious correlation as causal: two effects of one cause stay unlinked', async () => {
    const other = new TestClient(server.url);
    await signUp(other, { businessName: 'Beach Kiosk' });
    for (const name of ['temperature', 'ice_cream_sales', 'sunburn_cases']) {
      const r = await other.post('/api/metrics/catalog', { name, label: name, unit: 'count', aggregation: 'avg', direction: 'up', area: 'operations' });
      expect(r.status).toBe(201);
    }
    // Temperature drives both ice cream sales and sunburns; the two never affect each other.
    const points = [];
    let seed = 12345;
    const noise = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const u = (seed + 1) / (2 ** 31 + 1);
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const v = (seed + 1) / (2 ** 31 + 1);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    };
    for (let d = 0; d < 200; d++) {
      const time = `${addDays('2026-03-01', d)}T00:00:00Z`;
      const temperature = 20 + 8 * Math.sin(d / 15) + 2 * noise();
      points.push({ metric: 'temperature', time, value: temperature });
      points.push({ metric: 'ice_cream_sales', time, value: 50 + 4 * temperature + 6 * noise() });
      points.push({ metric: 'sunburn_cases', time, value: 5 + 0.5 * temperature + 1 * noise() });
    }
    expect((await other.post('/api/metrics/points', { points })).status).toBe(200);
    const res = await other.post('/api/evidence/graph', { metrics: ['temperature', 'ice_cream_sales', 'sunburn_cases'], from: '2026-03-01', to: addDays('2026-03-01', 199) });
    expect(res.status).toBe(201);
    const graph = (await res.json()) as { edges: { from: string; to: string }[]; separations: { a: string; b: string; given: string[] }[] };
    const pair = (e: { from: string; to: string }) => [e.from, e.to].sort().join('+');
    expect(graph.edges.map(pair)).not.toContain('ice_cream_sales+sunburn_cases');
    expect(graph.edges.map(pair).sort()).toEqual(['ice_cream_sales+temperature', 'sunburn_cases+temperature']);
    expect(graph.separations).toContainEqual(expect.objectContaining({ given: ['temperature'] }));
    const read = (await (await other.get('/api/evidence/graph?target=sunburn_cases')).json()) as { ancestors: { metric: string }[] };
    expect(read.ancestors.map((a) => a.metric)).not.toContain('ice_cream_sales');
  }, 120_000);
});

describe('isolation and validation', () => {
  it("keeps one tenant's answers and graph from another", async () => {
    const [mine] = ((await (await owner.get('/api/evidence/estimates')).json()) as { estimates: Estimate[] }).estimates;
    expect(mine).toBeDefined();
    const stranger = new TestClient(server.url);
    await signUp(stranger, { businessName: 'Elsewhere Ltd' });
    expect((await stranger.get(`/api/evidence/estimates/${mine!.id}`)).status).toBe(404);
    expect(((await (await stranger.get('/api/evidence/estimates')).json()) as { estimates: unknown[] }).estimates).toEqual([]);
    expect((await stranger.get('/api/evidence/graph')).status).toBe(404);
    // Its own question about a metric it has no data for is a 422 naming the field, not someone else's data.
    const res = await stranger.get('/api/evidence/explain?metric=revenue&from=2026-09-07&to=2026-09-13');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('from');
  });

  it('documents every evidence route in the OpenAPI document', async () => {
    const doc = (await (await owner.get('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/evidence/explain', '/api/evidence/effect', '/api/evidence/graph', '/api/evidence/simulate', '/api/evidence/estimates', '/api/evidence/estimates/{id}', '/api/evidence/jobs/{id}']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('answers bad input with a 4xx problem naming the field', async () => {
    const cases: [string, Promise<Response>, number, string][] = [
      ['impossible date', owner.get('/api/evidence/explain?metric=revenue&from=2026-02-30&to=2026-03-05'), 400, 'from'],
      ['unknown metric', owner.get('/api/evidence/explain?metric=unicorns&from=2026-09-07&to=2026-09-13'), 400, 'metric'],
      ['reversed period', owner.get('/api/evidence/explain?metric=revenue&from=2026-09-13&to=2026-09-07'), 400, 'to'],
      ['bad comparison', owner.get('/api/evidence/explain?metric=revenue&from=2026-09-07&to=2026-09-13&compareTo=last_tuesday'), 400, 'compareTo'],
      ['overlapping comparison', owner.get('/api/evidence/explain?metric=revenue&from=2026-09-07&to=2026-09-13&compareTo=2026-09-01..2026-09-08'), 400, 'compareTo'],
      ['no data in the comparison', owner.get('/api/evidence/explain?metric=revenue&from=2025-01-06&to=2025-01-12&compareTo=previous_year'), 422, 'compareTo'],
      ['effect: bad date', owner.post('/api/evidence/effect', { metric: 'orders', actionDate: '2026-13-01' }), 400, 'actionDate'],
      ['effect: unknown metric', owner.post('/api/evidence/effect', { metric: 'unicorns', actionDate: '2026-04-06' }), 400, 'metric'],
      ['effect: end before start', owner.post('/api/evidence/effect', { metric: 'orders', actionDate: '2026-04-06', endDate: '2026-04-01' }), 400, 'endDate'],
      ['effect: after the data', owner.post('/api/evidence/effect', { metric: 'orders', actionDate: '2027-01-01' }), 400, 'actionDate'],
      ['graph: unknown metric', owner.post('/api/evidence/graph', { metrics: ['orders', 'unicorns'] }), 400, 'metrics.1'],
      ['graph: unknown stated edge', owner.post('/api/evidence/graph', { require: [{ from: 'orders', to: 'unicorns' }] }), 400, 'require.0.to'],
      ['simulate: bad change', owner.post('/api/evidence/simulate', { interventions: { orders: 'lots' } }), 400, 'interventions.orders'],
      ['simulate: metric not in graph', owner.post('/api/evidence/simulate', { interventions: { refunds: '+5%' } }), 400, 'interventions.refunds'],
    ];
    for (const [what, pending, status, path] of cases) {
      const res = await pending;
      expect(res.status, what).toBe(status);
      expect(res.headers.get('content-type'), what).toMatch(/application\/problem\+json/);
      const body = (await res.json()) as { errors?: { path: string }[] };
      expect(body.errors?.map((e) => e.path), what).toContain(path);
    }
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
