// The bundled Node server as a new user meets it: health, readiness, the API document and
// its self-hosted docs page, problem+json for unknown routes and oversized bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ BODY_LIMIT_BYTES: '2048' });
});
afterAll(() => server?.close());

describe('the bundled server', () => {
  it('reports health and readiness', async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ status: 'ok' });
    expect(await (await fetch(`${server.url}/ready`)).json()).toEqual({ status: 'ready' });
  });

  it('documents every auth route in OpenAPI 3.1, with both security schemes', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/auth/signup', '/api/auth/login', '/api/auth/logout', '/api/auth/session', '/api/auth/members',
      '/api/auth/members/invite', '/api/auth/members/{userId}', '/api/auth/invitations/accept', '/api/auth/tokens',
      '/api/auth/tokens/{tokenId}', '/api/auth/audit', '/api/auth/oauth/{provider}/start', '/api/auth/oauth/{provider}/callback',
      '/api/compute/jobs/run', '/api/compute/qstash',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth']);
    expect(doc.components.schemas).toHaveProperty('Problem');
  });

  it('serves the docs page and its script from this server, not a CDN', async () => {
    const page = await (await fetch(`${server.url}/api/docs`)).text();
    expect(page).toContain('/api/docs/scalar.js');
    expect(page).not.toMatch(/cdn\.jsdelivr|unpkg\.com/);
    const script = await fetch(`${server.url}/api/docs/scalar.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('answers unknown API routes and oversized bodies with problem+json', async () => {
    const missing = await fetch(`${server.url}/api/auth/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const big = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(5000) }),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sets secure headers on API responses', async () => {
    const res = await fetch(`${server.url}/api/auth/session`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});
