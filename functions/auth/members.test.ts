import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { signUp, TestClient, uniqueEmail } from '../../tests/support/client';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** An owner, plus someone invited with `role` who has accepted. */
async function businessWith(role: 'admin' | 'manager' | 'member') {
  const owner = new TestClient(server.url);
  const ownerInfo = await signUp(owner);
  const email = uniqueEmail(role);
  const invite = await owner.post('/api/auth/members/invite', { email, role });
  expect(invite.status).toBe(201);
  const { token } = (await invite.json()) as { token: string };
  const member = new TestClient(server.url);
  const accepted = await member.post('/api/auth/invitations/accept', { token, name: `The ${role}`, password: 'member-password-123' });
  expect(accepted.status).toBe(200);
  const joined = (await accepted.json()) as { user: { id: string }; role: string };
  expect(joined.role).toBe(role);
  return { owner, ownerInfo, member, memberId: joined.user.id, memberEmail: email };
}

describe('members and roles', () => {
  it('invites, lists, changes roles and removes, with an audit trail', async () => {
    const { owner, member, memberId } = await businessWith('member');
    const list = (await (await owner.get('/api/auth/members')).json()) as { members: { user: { id: string }; role: string }[] };
    expect(list.members.map((m) => m.role)).toEqual(['owner', 'member']);

    const promoted = await owner.patch(`/api/auth/members/${memberId}`, { role: 'manager' });
    expect(promoted.status).toBe(200);
    expect(((await promoted.json()) as { role: string }).role).toBe('manager');

    expect((await owner.delete(`/api/auth/members/${memberId}`)).status).toBe(204);
    // Their session ended with the membership.
    expect((await member.get('/api/auth/session')).status).toBe(401);

    const audit = (await (await owner.get('/api/auth/audit')).json()) as { entries: { action: string }[] };
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.signup', 'member.invited', 'member.joined', 'member.role_changed', 'member.removed']),
    );
  });

  it('lets members read but not manage, and keeps admins from touching owners', async () => {
    const { ownerInfo, member } = await businessWith('member');
    expect((await member.get('/api/auth/members')).status).toBe(200);
    expect((await member.post('/api/auth/members/invite', { email: uniqueEmail(), role: 'member' })).status).toBe(403);
    expect((await member.patch(`/api/auth/members/${ownerInfo.user.id}`, { role: 'member' })).status).toBe(403);
    expect((await member.get('/api/auth/audit')).status).toBe(403);

    const { ownerInfo: owner2, member: admin } = await businessWith('admin');
    const demote = await admin.patch(`/api/auth/members/${owner2.user.id}`, { role: 'member' });
    expect(demote.status).toBe(403);
    expect((await admin.delete(`/api/auth/members/${owner2.user.id}`)).status).toBe(403);
    expect((await admin.post('/api/auth/members/invite', { email: uniqueEmail(), role: 'owner' })).status).toBe(403);
  });

  it('never leaves a business without an owner', async () => {
    const owner = new TestClient(server.url);
    const info = await signUp(owner);
    const res = await owner.patch(`/api/auth/members/${info.user.id}`, { role: 'admin' });
    expect(res.status).toBe(409);
    expect((await owner.delete(`/api/auth/members/${info.user.id}`)).status).toBe(409);
  });

  it("cannot reach another business's members", async () => {
    const a = await businessWith('member');
    const b = new TestClient(server.url);
    await signUp(b);
    expect((await b.patch(`/api/auth/members/${a.memberId}`, { role: 'admin' })).status).toBe(404);
    expect((await b.delete(`/api/auth/members/${a.memberId}`)).status).toBe(404);
    const list = (await (await b.get('/api/auth/members')).json()) as { members: unknown[] };
    expect(list.members).toHaveLength(1);
  });

  it('asks an existing account for its password before joining it to another business', async () => {
    const existing = new TestClient(server.url);
    const person = await signUp(existing);
    const inviter = new TestClient(server.url);
    await signUp(inviter);
    const { token } = (await (await inviter.post('/api/auth/members/invite', { email: person.user.email, role: 'member' })).json()) as { token: string };
    const stranger = new TestClient(server.url);
    expect((await stranger.post('/api/auth/invitations/accept', { token })).status).toBe(401);
    expect((await stranger.post('/api/auth/invitations/accept', { token, password: 'a-guess-at-the-pass' })).status).toBe(401);
    const ok = await stranger.post('/api/auth/invitations/accept', { token, password: person.password });
    expect(ok.status).toBe(200);
    expect((await stranger.post('/api/auth/invitations/accept', { token, password: person.password })).status).toBe(404);
  });
});

describe('API tokens', () => {
  it('creates a scoped token that works as a bearer, stores only its hash, and can be revoked', async () => {
    const owner = new TestClient(server.url);
    await signUp(owner);
    const created = await owner.post('/api/auth/tokens', { name: 'reporting', scopes: ['auth:read'] });
    expect(created.status).toBe(201);
    const { token, id, prefix } = (await created.json()) as { token: string; id: string; prefix: string };
    expect(token).toMatch(/^dyo_[a-z2-7]{32}$/);
    expect(token.startsWith(prefix)).toBe(true);

    const bearer = new TestClient(server.url, { origin: null });
    const me = await bearer.get('/api/auth/session', { authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ via: 'token', scopes: ['auth:read'], role: 'owner' });
    expect((await bearer.get('/api/auth/members', { authorization: `Bearer ${token}` })).status).toBe(200);
    // Read-only token: no writes, whatever its owner's role.
    const write = await bearer.post('/api/auth/members/invite', { email: uniqueEmail(), role: 'member' }, { authorization: `Bearer ${token}` });
    expect(write.status).toBe(403);

    const listed = (await (await owner.get('/api/auth/tokens')).json()) as { tokens: Record<string, unknown>[] };
    expect(JSON.stringify(listed)).not.toContain(token);
    const rows = await server.runtime.db.query<{ n: number }>(sql`select count(*)::int as n from auth_resolve_api_token(${token})`);
    expect(rows[0]!.n).toBe(0);

    expect((await owner.delete(`/api/auth/tokens/${id}`)).status).toBe(204);
    expect((await bearer.get('/api/auth/session', { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('refuses malformed tokens, unknown scopes, and scopes beyond the caller', async () => {
    const owner = new TestClient(server.url);
    await signUp(owner);
    const bearer = new TestClient(server.url, { origin: null });
    expect((await bearer.get('/api/auth/session', { authorization: 'Bearer dyo_nope' })).status).toBe(401);
    expect((await bearer.get('/api/auth/session', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await owner.post('/api/auth/tokens', { name: 'x', scopes: ['root:everything'] })).status).toBe(400);

    const narrow = (await (await owner.post('/api/auth/tokens', { name: 'narrow', scopes: ['auth:write'] })).json()) as { token: string };
    const escalate = await bearer.post('/api/auth/tokens', { name: 'wider', scopes: ['*'] }, { authorization: `Bearer ${narrow.token}` });
    expect(escalate.status).toBe(403);
  });

  it('keeps members from minting tokens and from revoking other people’s', async () => {
    const { owner, member } = await businessWith('member');
    expect((await member.post('/api/auth/tokens', { name: 'x', scopes: ['auth:read'] })).status).toBe(403);
    const { id } = (await (await owner.post('/api/auth/tokens', { name: 'ops', scopes: ['auth:read'] })).json()) as { id: string };
    expect((await member.delete(`/api/auth/tokens/${id}`)).status).toBe(403);
    const mine = (await (await member.get('/api/auth/tokens')).json()) as { tokens: unknown[] };
    expect(mine.tokens).toHaveLength(0);
  });
});
