import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOAuth } from '../../tests/support/fake-oauth';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { signUp, TestClient, uniqueEmail } from '../../tests/support/client';

let idp: Awaited<ReturnType<typeof startFakeOAuth>>;
let server: TestServer;

beforeAll(async () => {
  idp = await startFakeOAuth({ 'google-client': 'google-secret', 'github-client': 'github-secret', 'ms-client': 'ms-secret' });
  server = await startTestServer({
    OAUTH_GOOGLE_CLIENT_ID: 'google-client',
    OAUTH_GOOGLE_CLIENT_SECRET: 'google-secret',
    OAUTH_GOOGLE_ISSUER: `${idp.url}/oidc`,
    OAUTH_GITHUB_CLIENT_ID: 'github-client',
    OAUTH_GITHUB_CLIENT_SECRET: 'github-secret',
    OAUTH_GITHUB_URL: idp.url,
    OAUTH_GITHUB_API_URL: idp.url,
    OAUTH_MICROSOFT_CLIENT_ID: 'ms-client',
    OAUTH_MICROSOFT_CLIENT_SECRET: 'ms-secret',
    OAUTH_MICROSOFT_ISSUER: `${idp.url}/ms/common/v2.0`,
  });
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
});

/** Start → provider (auto-approves) → callback, as a browser would follow the redirects. */
async function signInVia(client: TestClient, provider: string, tamper?: (callback: URL) => void) {
  const start = await client.get(`/api/auth/oauth/${provider}/start`);
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.headers.get('location')!);
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizeUrl.searchParams.get('state')).toBeTruthy();
  const atProvider = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const callback = new URL(atProvider.headers.get('location')!);
  tamper?.(callback);
  const done = await client.get(callback.pathname + callback.search);
  return done.headers.get('location');
}

describe('OAuth login', () => {
  it('creates a business for a new Google user, then signs the same person in again', async () => {
    const email = uniqueEmail('google');
    idp.setPerson({ sub: `g-${email}`, email, emailVerified: true, name: 'Gia Google' });
    const client = new TestClient(server.url);
    expect(await signInVia(client, 'google')).toBe('/');
    const me = (await (await client.get('/api/auth/session')).json()) as { user: { email: string; id: string }; role: string; tenant: { name: string } };
    expect(me).toMatchObject({ user: { email }, role: 'owner', tenant: { name: "Gia Google's business" } });

    const again = new TestClient(server.url);
    expect(await signInVia(again, 'google')).toBe('/');
    const me2 = (await (await again.get('/api/auth/session')).json()) as { user: { id: string } };
    expect(me2.user.id).toBe(me.user.id);
  });

  it('links a verified e-mail to the existing password account (GitHub)', async () => {
    const owner = new TestClient(server.url);
    const existing = await signUp(owner);
    idp.setPerson({ sub: String(Math.floor(Math.random() * 1e9)), email: existing.user.email, emailVerified: true, name: 'Octo Cat' });
    const client = new TestClient(server.url);
    expect(await signInVia(client, 'github')).toBe('/');
    const me = (await (await client.get('/api/auth/session')).json()) as { user: { id: string }; tenant: { id: string } };
    expect(me.user.id).toBe(existing.user.id);
    expect(me.tenant.id).toBe(existing.tenant.id);
  });

  it("handles Microsoft's per-directory issuer, and refuses to create accounts from unverified e-mails", async () => {
    const email = uniqueEmail('ms');
    idp.setPerson({ sub: `ms-${email}`, email, emailVerified: true, name: 'Mo Soft' });
    const client = new TestClient(server.url);
    expect(await signInVia(client, 'microsoft')).toBe('/');
    expect((await client.get('/api/auth/session')).status).toBe(200);

    idp.setPerson({ sub: 'g-unverified', email: uniqueEmail('unverified'), emailVerified: false, name: 'Un Verified' });
    const stranger = new TestClient(server.url);
    expect(await signInVia(stranger, 'google')).toBe('/login?error=email_unverified');
    expect((await stranger.get('/api/auth/session')).status).toBe(401);
  });

  it('refuses a callback whose state was tampered with, or that arrives without the flow cookie', async () => {
    idp.setPerson({ sub: 'g-tamper', email: uniqueEmail('tamper'), emailVerified: true, name: 'T' });
    const client = new TestClient(server.url);
    expect(await signInVia(client, 'google', (u) => u.searchParams.set('state', 'forged'))).toBe('/login?error=oauth_failed');
    expect((await client.get('/api/auth/session')).status).toBe(401);

    const noCookie = new TestClient(server.url);
    const start = await noCookie.get('/api/auth/oauth/google/start');
    const callback = new URL((await fetch(start.headers.get('location')!, { redirect: 'manual' })).headers.get('location')!);
    noCookie.cookies.clear();
    const res = await noCookie.get(callback.pathname + callback.search);
    expect(res.headers.get('location')).toBe('/login?error=oauth_state');
  });

  it('answers 404 for providers that are not configured or do not exist', async () => {
    const plain = await startTestServer();
    try {
      const res = await new TestClient(plain.url).get('/api/auth/oauth/google/start');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await plain.close();
    }
    expect((await new TestClient(server.url).get('/api/auth/oauth/myspace/start')).status).toBe(400);
  });
});
