// A local identity provider speaking OAuth 2.0 / OpenID Connect: discovery, authorize (auto-
// approves a configurable person), token endpoint with PKCE (S256) checks, JWKS, RS256 ID
// tokens; plus GitHub's OAuth endpoints and REST user API, and Microsoft's multi-tenant
// issuer template. What a real provider would check, it checks.
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface Person {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  person: Person;
  issuer: string;
}

export async function startFakeOAuth(clients: Record<string, string>) {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, Grant>();
  const accessTokens = new Map<string, Person>();
  const state = { person: { sub: 'person-1', email: 'person@example.com', emailVerified: true, name: 'Pat Example' } as Person };
  const msTenant = '9188040d-6c67-4c5b-b112-36a304b66dad';
  const app = new Hono();
  let base = '';

  const discovery = (issuer: string, prefix: string) => ({
    issuer,
    authorization_endpoint: `${base}${prefix}/authorize`,
    token_endpoint: `${base}${prefix}/token`,
    jwks_uri: `${base}/jwks`,
    userinfo_endpoint: `${base}/userinfo`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
  });
  app.get('/oidc/.well-known/openid-configuration', (c) => c.json(discovery(`${base}/oidc`, '/oidc')));
  app.get('/ms/common/v2.0/.well-known/openid-configuration', (c) => c.json(discovery(`${base}/ms/{tenantid}/v2.0`, '/ms')));
  app.get('/jwks', (c) => c.json({ keys: [jwk] }));

  const authorize = (issuerOf: () => string) => (c: import('hono').Context) => {
    const q = c.req.query();
    if (!q.client_id || !(q.client_id in clients)) return c.text('unknown client', 400);
    if (q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge) return c.text('PKCE S256 required', 400);
    const code = randomUUID();
    codes.set(code, { clientId: q.client_id, redirectUri: q.redirect_uri!, challenge: q.code_challenge, nonce: q.nonce, person: state.person, issuer: issuerOf() });
    const back = new URL(q.redirect_uri!);
    back.searchParams.set('code', code);
    if (q.state) back.searchParams.set('state', q.state);
    return c.redirect(back.href, 302);
  };
  app.get('/oidc/authorize', authorize(() => `${base}/oidc`));
  app.get('/ms/authorize', authorize(() => `${base}/ms/${msTenant}/v2.0`));
  app.get('/login/oauth/authorize', authorize(() => base));

  const token = async (c: import('hono').Context) => {
    const form = await c.req.parseBody();
    const grant = codes.get(String(form.code));
    codes.delete(String(form.code));
    const error = (e: string) => c.json({ error: e }, 400);
    if (!grant || form.grant_type !== 'authorization_code') return error('invalid_grant');
    if (form.client_id !== grant.clientId || clients[grant.clientId] !== form.client_secret) return c.json({ error: 'invalid_client' }, 401);
    if (form.redirect_uri !== grant.redirectUri) return error('invalid_grant');
    const verifier = String(form.code_verifier ?? '');
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return error('invalid_grant');
    const access = randomUUID();
    accessTokens.set(access, grant.person);
    const isGitHub = grant.issuer === base;
    if (isGitHub) return c.json({ access_token: access, token_type: 'bearer', scope: 'read:user,user:email' });
    const idToken = await new SignJWT({
      email: grant.person.email,
      email_verified: grant.person.emailVerified,
      name: grant.person.name,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      ...(grant.issuer.includes('/ms/') ? { tid: msTenant } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(grant.issuer)
      .setSubject(grant.person.sub)
      .setAudience(grant.clientId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    return c.json({ access_token: access, token_type: 'Bearer', expires_in: 300, id_token: idToken });
  };
  app.post('/oidc/token', token);
  app.post('/ms/token', token);
  app.post('/login/oauth/access_token', token);

  const person = (c: import('hono').Context) => accessTokens.get((c.req.header('authorization') ?? '').replace(/^Bearer /i, ''));
  app.get('/user', (c) => {
    const p = person(c);
    return p ? c.json({ id: Number(p.sub.replace(/\D/g, '') || 7), login: p.email.split('@')[0], name: p.name }) : c.json({ message: 'Bad credentials' }, 401);
  });
  app.get('/user/emails', (c) => {
    const p = person(c);
    return p ? c.json([{ email: p.email, primary: true, verified: p.emailVerified }]) : c.json({ message: 'Bad credentials' }, 401);
  });

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    setPerson: (p: Person) => {
      state.person = p;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
