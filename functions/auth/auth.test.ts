import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { signUp, TestClient, uniqueEmail } from '../../tests/support/client';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '600' });
});
afterAll(() => server?.close());

describe('signup, session, logout, login', () => {
  it('signs up, returns the session, logs out and back in', async () => {
    const client = new TestClient(server.url);
    const email = uniqueEmail('owner');
    const created = await signUp(client, { email, businessName: 'Harbor Bakery' });
    expect(created.role).toBe('owner');
    expect(created.tenant.name).toBe('Harbor Bakery');

    const me = await client.get('/api/auth/session');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email }, tenant: { name: 'Harbor Bakery' }, role: 'owner', via: 'session' });

    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/session')).status).toBe(401);

    const login = await client.post('/api/auth/login', { email: email.toUpperCase(), password: created.password });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ user: { email }, role: 'owner' });
    expect((await client.get('/api/auth/session')).status).toBe(200);
  });

  it('sets the session cookie HttpOnly, Secure, SameSite=Lax, Path=/', async () => {
    const res = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: uniqueEmail(), password: 'a-long-enough-passphrase', name: 'A', businessName: 'B' }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dyocense_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const token = /^dyocense_session=([^;]+)/.exec(cookie)![1]!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
  });

  it('answers bad input with problem+json naming the fields, and writes nothing', async () => {
    const client = new TestClient(server.url);
    const email = uniqueEmail('bad');
    const res = await client.post('/api/auth/signup', { email: 'not-an-email', password: 'short', name: '', businessName: 'X' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { type: string; errors: { path: string }[] };
    expect(problem.type).toBe('urn:dyocense:problem:validation');
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['email', 'name']);

    const weak = await client.post('/api/auth/signup', { email, password: 'short', name: 'N', businessName: 'X' });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('password');
    const rows = await server.runtime.db.query(sql`select * from auth_find_login(${email})`);
    expect(rows).toHaveLength(0);

    const malformed = await client.request('POST', '/api/auth/login', '{"email":', {});
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a second account with the same e-mail (409)', async () => {
    const client = new TestClient(server.url);
    const email = uniqueEmail('dup');
    await signUp(client, { email });
    const again = await new TestClient(server.url).post('/api/auth/signup', { email, password: 'another-long-password', name: 'B', businessName: 'C' });
    expect(again.status).toBe(409);
  });
});

describe('credentials at rest', () => {
  it('stores neither passwords nor session tokens in clear', async () => {
    const client = new TestClient(server.url);
    const created = await signUp(client);
    const token = client.cookies.get('dyocense_session')!;
    const [login] = await server.runtime.db.query<{ password_hash: string }>(sql`select * from auth_find_login(${created.user.email})`);
    expect(login!.password_hash).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$/);
    expect(login!.password_hash).not.toContain(created.password);
    const [direct] = await server.runtime.db.query(sql`select * from auth_resolve_session(${token})`);
    expect(direct).toBeUndefined();
  });
});

describe('login throttling', () => {
  it('locks an account after repeated wrong passwords, even for the right one', async () => {
    const client = new TestClient(server.url);
    const created = await signUp(client);
    const anon = new TestClient(server.url);
    for (let i = 0; i < 3; i++) {
      const res = await anon.post('/api/auth/login', { email: created.user.email, password: 'wrong-password-here' });
      expect(res.status).toBe(401);
    }
    const locked = await anon.post('/api/auth/login', { email: created.user.email, password: created.password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers unknown e-mails like wrong passwords', async () => {
    const res = await new TestClient(server.url).post('/api/auth/login', { email: uniqueEmail('ghost'), password: 'whatever-password' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { type: string }).type).toBe('urn:dyocense:problem:invalid-credentials');
  });
});

describe('CSRF', () => {
  it('refuses cookie-authenticated unsafe requests from another origin or without one', async () => {
    const client = new TestClient(server.url);
    await signUp(client);
    const foreign = await client.post('/api/auth/logout', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { type: string }).type).toBe('urn:dyocense:problem:csrf-rejected');
    const missing = await new TestClient(server.url, { origin: null }).request('POST', '/api/auth/logout', {}, {
      cookie: `dyocense_session=${client.cookies.get('dyocense_session')}`,
    });
    expect(missing.status).toBe(403);
    expect((await client.get('/api/auth/session')).status).toBe(200);
  });

  it('refuses a cross-site login attempt', async () => {
    const res = await new TestClient(server.url, { origin: 'https://evil.example' }).post('/api/auth/login', { email: uniqueEmail(), password: 'whatever-password' });
    expect(res.status).toBe(403);
  });
});
