// The coach on the demo café with no model configured: the four questions an owner asks first,
// answered over real HTTP with the engines' numbers, each cited; conversations kept per business.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNumbers } from '@dyocense/llm';
import { addDays, todayUtc, weekdayOf } from '@dyocense/planning';
import { seedDemo } from '../../scripts/seed';
import { signUp, TestClient } from '../../tests/support/client';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { askCoach, type AskResult } from './testing';
import { generateCafe } from '@dyocense/demo-data';
import { isoWeekOf } from './tools/dates';

let server: TestServer;
let owner: TestClient;
const seededAt = new Date();
/** The planted stock-out week of the café the seed writes (it ends yesterday, so it moves with the date). */
const stockout = (() => {
  const cafe = generateCafe({ endDate: new Date(seededAt.getTime() - 86_400_000).toISOString().slice(0, 10) });
  const event = cafe.events.find((e) => e.kind === 'stockout')!;
  return { ...event, week: isoWeekOf(new Date(`${event.start}T00:00:00Z`)).week };
})();

beforeAll(async () => {
  server = await startTestServer();
  const login = await seedDemo(server.runtime.db, mkdtempSync(join(tmpdir(), 'dyocense-coach-')), seededAt);
  owner = new TestClient(server.url);
  expect((await owner.post('/api/auth/login', { email: login.email, password: login.password })).status).toBe(200);
}, 240_000);
afterAll(() => server?.close());

/** The stream's shape: status first, then tools, tokens, and one final event at the end. */
function expectWellFormed(r: AskResult) {
  expect(r.status).toBe(200);
  expect(r.contentType).toMatch(/^text\/event-stream/);
  expect(r.error, JSON.stringify(r.error)).toBeNull();
  const names = r.events.map((e) => e.event);
  expect(names[0]).toBe('status');
  expect(names.at(-1)).toBe('final');
  expect(names.filter((n) => n === 'final')).toHaveLength(1);
  const firstTool = names.indexOf('tool');
  const firstToken = names.indexOf('token');
  expect(firstTool).toBeGreaterThan(0);
  expect(firstToken).toBeGreaterThan(firstTool);
  expect(names.lastIndexOf('tool')).toBeLessThan(firstToken);
  // Ids count up, so a reconnecting browser could say where it was.
  expect(r.events.map((e) => Number(e.id))).toEqual(r.events.map((_, i) => i + 1));
  expect(r.tokens).toBe(r.final.answer);
  expect(r.final.provider).toBe('composer');
  // Every number of the answer is a tool's number.
  expect(checkNumbers(r.final.answer, r.final.cards, '').unsupported).toEqual([]);
  // Every citation mark in the text points at a listed citation.
  for (const mark of r.final.answer.match(/\[\d+\]/g) ?? []) expect(r.final.citations.map((c: { mark: string }) => c.mark)).toContain(mark);
}

describe('the demo café, no model configured', () => {
  it('explains the revenue drop in the stock-out week with the evidence engine, naming the stock-out', async () => {
    const r = await askCoach(owner, { question: `Why did revenue drop in week ${stockout.week}?` });
    expectWellFormed(r);
    expect(r.final.intent).toBe('explain_change');
    const estimate = r.final.citations.find((c: { kind: string }) => c.kind === 'causal_estimate');
    expect(estimate.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.final.answer).toContain(`in week ${stockout.week} (${stockout.start} to ${stockout.end})`);
    expect(r.final.answer).toMatch(/^Revenue fell [\d.]+% in week/);
    expect(r.final.answer).toMatch(/bakery/i);
    expect(r.final.answer).toMatch(/stockouts went from/);
    // The stock counts show both items the supplier failed to deliver, with a query to check it.
    expect(r.final.answer).toMatch(/MILK-OAT was out of stock on 7 of the 7 days/);
    expect(r.final.answer).toMatch(/CROISSANT was out of stock on \d of the 7 days/);
    const stock = r.final.citations.find((c: { kind: string }) => c.kind === 'metric_query');
    const counts = await owner.get(stock.href);
    expect(counts.status).toBe(200);
    const res = await owner.get('/api/evidence/estimates');
    expect(JSON.stringify(await res.json())).toContain(estimate.id);
  });

  it('plans Friday\'s staff from the orders forecast and the optimizer', async () => {
    const r = await askCoach(owner, { question: 'How many staff on Friday?' });
    expectWellFormed(r);
    expect(r.final.intent).toBe('staffing');
    const kinds = r.final.citations.map((c: { kind: string }) => c.kind);
    expect(kinds).toEqual(['forecast', 'optimization_run']);
    expect(r.final.answer).toMatch(/For Friday \d+ \w+, schedule \d+ people/);
    const run = await (await owner.get(r.final.citations[1].href)).json();
    expect(['optimal', 'feasible']).toContain(run.status);
    const forecast = await owner.get(r.final.citations[0].href);
    expect(forecast.status).toBe(200);
  });

  it('gives the Plans page\'s Friday plan: the run it cites equals POST /api/optimize/staffing with the same start and days', async () => {
    const r = await askCoach(owner, { question: 'How many staff on Friday?' });
    expectWellFormed(r);
    const cited = r.final.citations.find((c: { kind: string }) => c.kind === 'optimization_run');
    const coachRun = await (await owner.get(cited.href)).json();
    const today = todayUtc(new Date());
    const nextFriday = addDays(today, (4 - weekdayOf(today) + 7) % 7 || 7);
    expect(coachRun.input).toEqual({ start: nextFriday, days: 1 });

    const res = await owner.post('/api/optimize/staffing?wait=30', { start: nextFriday, days: 1 });
    const apiRun = await res.json();
    expect(res.status, JSON.stringify(apiRun).slice(0, 300)).toBe(201);
    expect(apiRun.id).not.toBe(coachRun.id);
    expect(apiRun.solvedInput).toEqual(coachRun.solvedInput);
    expect(apiRun.notes).toEqual(coachRun.notes);
    expect(apiRun.status).toBe(coachRun.status);
    expect(apiRun.objective).toBe(coachRun.objective);
    expect(apiRun.result.assignments.length).toBeGreaterThan(0);
    expect(apiRun.result.assignments).toEqual(coachRun.result.assignments);
    // The answer's head-count is the plan's: the people assigned.
    const people = new Set(apiRun.result.assignments.map((a: { employeeId: string }) => a.employeeId)).size;
    expect(r.final.answer).toContain(`schedule ${people} people`);
  });

  it('says what to reorder from the saved catalog and stock counts, with the inventory plan cited', async () => {
    const r = await askCoach(owner, { question: 'What should I reorder?' });
    expectWellFormed(r);
    expect(r.final.intent).toBe('reorder');
    expect(r.final.citations[0].kind).toBe('optimization_run');
    expect(r.final.answer).toMatch(/Reorder \d+ of \d+ items now|Nothing needs reordering/);
    // The plan the Plans page would make from an empty request: the whole saved catalog.
    const run = await (await owner.get(r.final.citations[0].href)).json();
    expect(run.input).toEqual({});
    const catalog = await (await owner.get('/api/optimize/constraints/inventory')).json();
    expect(run.solvedInput.skus.map((s: { id: string }) => s.id)).toEqual(catalog.settings.skus.map((s: { id: string }) => s.id));
  });

  it('reads goal progress and the forecast to the deadline', async () => {
    const r = await askCoach(owner, { question: 'Will I hit my goal?' });
    expectWellFormed(r);
    expect(r.final.intent).toBe('goal_progress');
    const kinds = r.final.citations.map((c: { kind: string }) => c.kind);
    expect(kinds).toContain('goal');
    expect(kinds).toContain('forecast');
    expect(r.final.answer).toMatch(/of the way/);
  });

  it('drafts SMART goals that pass the validator, ready to create in one click', async () => {
    const r = await askCoach(owner, { question: 'I want to grow revenue' });
    expectWellFormed(r);
    expect(r.final.actions.length).toBeGreaterThan(0);
    const action = r.final.actions[0];
    expect(action).toMatchObject({ method: 'POST', path: '/api/goals' });
    const check = await owner.post('/api/goals/validate', action.body);
    expect(check.status).toBe(200);
    expect((await check.json()).verdict).not.toBe('fail');
  });
});

describe('conversations', () => {
  it('keeps a conversation, lists it, and finds similar past questions', async () => {
    const first = await askCoach(owner, { question: 'how is labour cost doing?' });
    expectWellFormed(first);
    const again = await askCoach(owner, { question: 'how is our labour cost doing lately?', sessionId: first.final.sessionId });
    expectWellFormed(again);
    expect(again.final.sessionId).toBe(first.final.sessionId);
    expect(again.final.similar[0]).toMatchObject({ turnId: first.final.turnId });
    expect(again.final.similar[0].similarity).toBeGreaterThan(0.5);

    const list = await (await owner.get('/api/coach/sessions')).json();
    expect(list.sessions.map((s: { id: string }) => s.id)).toContain(first.final.sessionId);
    const detail = await (await owner.get(`/api/coach/sessions/${first.final.sessionId}`)).json();
    expect(detail.turns).toBe(2);
    expect(detail.turnList.map((t: { question: string }) => t.question)).toEqual(['how is labour cost doing?', 'how is our labour cost doing lately?']);
    expect(detail.turnList[0].citations[0].kind).toBe('metric_query');
    expect(detail.turnList[0].answer).toBe(first.final.answer);
  });

  it('records each node of a turn, in order, with its timing', async () => {
    const r = await askCoach(owner, { question: 'how are orders?' });
    expect(r.final.steps.map((s: { node: string }) => s.node)).toEqual(['classify', 'retrieve', 'plan', 'run_tools', 'compose', 'check', 'persist']);
    const statuses = r.events.filter((e) => e.event === 'status').map((e) => e.json.stage);
    expect(statuses).toEqual(['classify', 'retrieve', 'plan', 'run_tools', 'compose', 'check', 'persist']);
  });

  it('refuses bad input with a problem naming the field, and unknown sessions with 404', async () => {
    const bad = await owner.post('/api/coach/ask', { question: '' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await bad.json()).errors.map((e: { path: string }) => e.path)).toContain('question');
    const unknown = await owner.post('/api/coach/ask', { question: 'how are orders?', sessionId: '0b9f1a57-3a36-4a5e-9a1e-1f0c2d3e4f50' });
    expect(unknown.status).toBe(404);
    expect((await owner.get('/api/coach/sessions/0b9f1a57-3a36-4a5e-9a1e-1f0c2d3e4f50')).status).toBe(404);
    expect((await new TestClient(server.url).post('/api/coach/ask', { question: 'how are orders?' })).status).toBe(401);
  });

  it("keeps one business's conversations from another's members", async () => {
    const mine = await askCoach(owner, { question: 'how is revenue?' });
    const stranger = new TestClient(server.url);
    await signUp(stranger);
    expect((await (await stranger.get('/api/coach/sessions')).json()).sessions).toEqual([]);
    expect((await stranger.get(`/api/coach/sessions/${mine.final.sessionId}`)).status).toBe(404);
    expect((await stranger.post('/api/coach/ask', { question: 'how is revenue?', sessionId: mine.final.sessionId })).status).toBe(404);
  });
});
