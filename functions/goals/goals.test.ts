import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { signUp, TestClient, uniqueEmail } from '../../tests/support/client';

let server: TestServer;
let owner: TestClient;
const DAY = 86_400_000;
const todayUtc = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
const dayOffset = (n: number) => new Date(todayUtc.getTime() + n * DAY).toISOString().slice(0, 10);

type Criterion = { criterion: string; verdict: string; message: string };
type Assessment = { verdict: string; criteria: Criterion[] };

beforeAll(async () => {
  server = await startTestServer();
  owner = new TestClient(server.url);
  await signUp(owner, { businessName: 'Goal Bakery' });
  // 200 days of revenue, $1,000 a day, ending yesterday; refunds falling from 60 to 40 a day.
  const points = [];
  for (let i = -200; i < 0; i++) {
    points.push({ metric: 'revenue', time: `${dayOffset(i)}T00:00:00Z`, value: 1000 });
    points.push({ metric: 'refunds', time: `${dayOffset(i)}T00:00:00Z`, value: 40 + (20 * -i) / 200 });
  }
  const res = await owner.post('/api/metrics/points', { points });
  expect(res.status).toBe(200);
});
afterAll(() => server?.close());

const goodGoal = () => ({
  title: 'Grow revenue this quarter',
  metric: 'revenue',
  measure: 'total',
  targetValue: 95_000,
  area: 'sales',
  startDate: dayOffset(0),
  deadline: dayOffset(89),
});

describe('SMART validation', () => {
  it('explains a sound goal criterion by criterion', async () => {
    const res = await owner.post('/api/goals/validate', goodGoal());
    expect(res.status).toBe(200);
    const a = (await res.json()) as Assessment;
    expect(a.criteria.map((c) => c.criterion)).toEqual(['specific', 'measurable', 'achievable', 'relevant', 'time_bound']);
    expect(a.verdict).not.toBe('fail');
    for (const c of a.criteria) expect(c.message.length).toBeGreaterThan(10);
  });

  it('refuses goals that fail Specific, Measurable or Time-bound with the assessment (422)', async () => {
    for (const [patch, criterion] of [
      [{ metric: 'unicorn_sightings' }, 'specific'],
      [{ targetValue: undefined }, 'measurable'],
      [{ deadline: dayOffset(-3) }, 'time_bound'],
    ] as const) {
      const res = await owner.post('/api/goals', { ...goodGoal(), ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      const problem = (await res.json()) as { type: string; errors: { path: string }[]; assessment: Assessment };
      expect(problem.type).toBe('urn:dyocense:problem:goal-not-smart');
      expect(problem.errors.map((e) => e.path)).toContain(criterion);
      expect(problem.assessment.criteria.find((c) => c.criterion === criterion)!.verdict).toBe('fail');
    }
    const list = (await (await owner.get('/api/goals')).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  it('saves an over-ambitious goal, flagged as not achievable rather than refused', async () => {
    const res = await owner.post('/api/goals', { ...goodGoal(), title: 'Triple revenue this quarter', targetValue: 300_000 });
    expect(res.status).toBe(201);
    const goal = (await res.json()) as { id: string; assessment: Assessment };
    expect(goal.assessment.criteria.find((c) => c.criterion === 'achievable')!.verdict).toBe('warn');
    expect((await owner.delete(`/api/goals/${goal.id}`)).status).toBe(204);
  });
});

describe('lifecycle and progress', () => {
  it('tracks a goal from live metrics, with milestones', async () => {
    // Started 30 days ago; 30 days of $1,000 are in. Target $60,000 over 60 days → half way, on track.
    const created = await owner.post('/api/goals', { ...goodGoal(), title: 'Sixty thousand in sixty days', targetValue: 60_000, startDate: dayOffset(-30), deadline: dayOffset(29) });
    expect(created.status).toBe(201);
    const goal = (await created.json()) as { id: string; status: string; baselineValue: number };
    expect(goal.status).toBe('in_progress');
    expect((await owner.post(`/api/goals/${goal.id}/milestones`, { title: 'Halfway', targetValue: 30_000, dueDate: dayOffset(0) })).status).toBe(201);
    expect((await owner.post(`/api/goals/${goal.id}/milestones`, { title: 'Too late', targetValue: 1, dueDate: dayOffset(400) })).status).toBe(400);

    const detail = (await (await owner.get(`/api/goals/${goal.id}`)).json()) as {
      milestones: { title: string }[];
      progress: { currentValue: number; percentToTarget: number; onTrack: boolean; paceSoFar: number; paceNeeded: number; status: string };
    };
    expect(detail.milestones.map((m) => m.title)).toEqual(['Halfway']);
    expect(detail.progress.currentValue).toBe(30_000);
    expect(detail.progress.percentToTarget).toBeCloseTo(50, 5);
    expect(detail.progress.paceSoFar).toBeCloseTo(1000, 5);
    expect(detail.progress.paceNeeded).toBeCloseTo(1000, 5);
    expect(detail.progress.onTrack).toBe(true);
    expect(detail.progress.status).toBe('in_progress');
  });

  it('marks a finished goal completed, and a down goal works the other way', async () => {
    const done = await owner.post('/api/goals', { ...goodGoal(), title: 'Ten thousand in a fortnight', targetValue: 10_000, startDate: dayOffset(-20), deadline: dayOffset(-6) });
    // A deadline in the past fails Time-bound: historical goals cannot be created.
    expect(done.status).toBe(422);

    const refunds = await owner.post('/api/goals', {
      title: 'Cut refunds to thirty dollars a day',
      metric: 'refunds',
      measure: 'daily_average',
      targetValue: 30,
      area: 'finance',
      startDate: dayOffset(0),
      deadline: dayOffset(60),
    });
    expect(refunds.status).toBe(201);
    const goal = (await refunds.json()) as { id: string; direction: string; baselineValue: number };
    expect(goal.direction).toBe('down');
    expect(goal.baselineValue).toBeGreaterThan(30);
  });

  it('lists with pagination and status filter, archives, restores, and re-checks changes', async () => {
    const page = (await (await owner.get('/api/goals?page=1&pageSize=1')).json()) as { goals: { id: string }[]; total: number; pageSize: number };
    expect(page.goals).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const archived = (await (await owner.get('/api/goals?status=archived')).json()) as { goals: { title: string }[] };
    expect(archived.goals.map((g) => g.title)).toContain('Triple revenue this quarter');

    const id = page.goals[0]!.id;
    expect((await owner.patch(`/api/goals/${id}`, { deadline: dayOffset(-1) })).status).toBe(422);
    const moved = await owner.patch(`/api/goals/${id}`, { targetValue: 61_000 });
    expect(moved.status).toBe(200);
    expect((await owner.patch(`/api/goals/${id}`, { status: 'archived' })).status).toBe(200);
    expect((await owner.patch(`/api/goals/${id}`, { title: 'Renamed while archived' })).status).toBe(409);
    expect((await owner.patch(`/api/goals/${id}`, { status: 'in_progress' })).status).toBe(200);
    expect((await owner.get('/api/goals?status=bogus')).status).toBe(400);
  });
});

describe('suggestions', () => {
  it('suggests the same SMART-valid goals twice, each with a reason', async () => {
    const a = (await (await owner.post('/api/goals/suggest')).json()) as { suggestions: Record<string, unknown>[] };
    const b = (await (await owner.post('/api/goals/suggest')).json()) as { suggestions: Record<string, unknown>[] };
    expect(a).toEqual(b);
    for (const s of a.suggestions) {
      expect(String(s.reason).length).toBeGreaterThan(10);
      const check = (await (await owner.post('/api/goals/validate', s)).json()) as Assessment;
      expect(check.verdict, JSON.stringify(s)).not.toBe('fail');
    }
  });
});

describe('access', () => {
  it('keeps goals inside their business and writes to managers and up', async () => {
    const [first] = ((await (await owner.get('/api/goals')).json()) as { goals: { id: string }[] }).goals;
    const other = new TestClient(server.url);
    await signUp(other);
    expect((await other.get(`/api/goals/${first!.id}`)).status).toBe(404);
    expect((await other.patch(`/api/goals/${first!.id}`, { title: 'mine now' })).status).toBe(404);
    expect((await other.delete(`/api/goals/${first!.id}`)).status).toBe(404);
    expect(((await (await other.get('/api/goals')).json()) as { total: number }).total).toBe(0);

    const { token } = (await (await owner.post('/api/auth/members/invite', { email: uniqueEmail('member'), role: 'member' })).json()) as { token: string };
    const member = new TestClient(server.url);
    await member.post('/api/auth/invitations/accept', { token, name: 'M', password: 'member-password-123' });
    expect((await member.get('/api/goals')).status).toBe(200);
    expect((await member.post('/api/goals', goodGoal())).status).toBe(403);
  });
});
