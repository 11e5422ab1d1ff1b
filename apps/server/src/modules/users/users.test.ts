import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext, testPassword } from '../../../test/harness';
import { sessions, users } from './users.tables';

let t: TestContext;
let committee: { id: string; path: string };
let admin: Session;

beforeAll(async () => {
  t = await createTestContext({ LOGIN_LOCK_AFTER: 3, LOGIN_LOCK_MINUTES: 15 });
  committee = await t.newCommittee();
  admin = await t.as('committee_admin', committee.id);
});
afterAll(() => t.close());

const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('authentication', () => {
  it('logs in with an HttpOnly SameSite cookie, stores only an argon2id hash, and returns the role assignments', async () => {
    const user = await t.newUser('org_admin', committee.id);
    const res = await login(user.username, testPassword);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'hb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(res.json()).toMatchObject({ username: user.username, roles: [{ role: 'org_admin', orgId: committee.id }] });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    const [session] = await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(session?.id).not.toBe(cookie?.value);
  });

  it('marks the cookie Secure behind TLS', async () => {
    const ctx = await createTestContext({ TRUST_PROXY: true });
    const c = await ctx.newCommittee();
    const user = await ctx.newUser('leader', c.id);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: user.username, password: testPassword },
    });
    expect(res.cookies.find((k) => k.name === 'hb_session')?.secure).toBe(true);
    await ctx.close();
  });

  it('refuses a wrong password with 401 and locks the account after repeated failures with 423', async () => {
    const user = await t.newUser('member', committee.id);
    for (let i = 0; i < 3; i++) expect((await login(user.username, 'wrong-password-1')).statusCode).toBe(401);
    const locked = await login(user.username, testPassword);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
    const log = (await admin.get(`/api/audit?entityId=${user.id}&action=auth.locked`)).json();
    expect(log.total).toBe(1);
  });

  it('rate-limits login attempts per client with 429', async () => {
    const ctx = await createTestContext({ LOGIN_RATE_MAX: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } })).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes[4]).toBe(429);
    await ctx.close();
  });

  it('ends the session on logout', async () => {
    const session = await t.as('leader', committee.id);
    expect((await session.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes the password only with the current one, and the new one works', async () => {
    const user = await t.newUser('member', committee.id);
    const session = await t.login(user);
    const wrong = await session.post('/api/auth/password', { currentPassword: 'not-it', newPassword: 'Another-pass-99' });
    expect(wrong.statusCode).toBe(422);
    const weak = await session.post('/api/auth/password', { currentPassword: testPassword, newPassword: 'short' });
    expect(weak.statusCode).toBe(422);
    expect((await session.post('/api/auth/password', { currentPassword: testPassword, newPassword: 'Another-pass-99' })).statusCode).toBe(200);
    expect((await login(user.username, 'Another-pass-99')).statusCode).toBe(200);
  });
});

describe('user administration', () => {
  it('creates a user who must change the one-time password, resets it, and ends their sessions', async () => {
    const created = await admin.post('/api/users', {
      username: `zhang${Date.now()}`,
      displayName: '张测试',
      password: 'Initial-pass-01',
      roles: [{ role: 'member', orgId: committee.id }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const user = created.json();
    expect(user).toMatchObject({ mustChangePassword: true, roles: [{ role: 'member' }] });
    const session = await t.login({ username: user.username }, 'Initial-pass-01');
    const reset = await admin.post(`/api/users/${user.id}/password`, { version: user.version, password: 'Reset-pass-0002' });
    expect(reset.statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(user.username, 'Reset-pass-0002')).statusCode).toBe(200);
  });

  it('grants and revokes roles only on orgs in the admin’s scope', async () => {
    const other = await t.newCommittee();
    const user = (await admin.post('/api/users', { username: `li${Date.now()}`, displayName: '李测试', password: 'Initial-pass-01' })).json();
    const outside = await admin.post(`/api/users/${user.id}/roles`, { role: 'leader', orgId: other.id });
    expect(outside.statusCode).toBe(403);
    const granted = (await admin.post(`/api/users/${user.id}/roles`, { role: 'leader', orgId: committee.id })).json();
    expect(granted.roles).toHaveLength(1);
    const revoked = (await admin.del(`/api/users/${user.id}/roles/${granted.roles[0].id}`)).json();
    expect(revoked.roles).toHaveLength(0);
  });

  it('links a login to the person’s member record, so they see their own record; one login per member, in scope only', async () => {
    const branch = await t.newOrg(committee);
    const member = await t.newMember(branch.id);
    const created = await admin.post('/api/users', {
      username: `wang${Date.now()}`,
      displayName: '王测试',
      password: 'Initial-pass-01',
      roles: [{ role: 'member', orgId: branch.id }],
      memberId: member.id,
    });
    expect(created.statusCode, created.body).toBe(200);
    const user = created.json();
    expect(user.member).toEqual({ id: member.id, name: member.name, orgName: branch.name });
    const own = await (await t.login({ username: user.username }, 'Initial-pass-01')).get('/api/me/member');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().id).toBe(member.id);

    // A second login for the same member is refused and changes nothing.
    const second = (await admin.post('/api/users', { username: `wang2${Date.now()}`, displayName: '王测试二', password: 'Initial-pass-01' })).json();
    const taken = await admin.patch(`/api/users/${second.id}`, { version: second.version, memberId: member.id });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'conflict', errors: [{ path: 'body.memberId' }] });
    expect((await admin.get(`/api/users/${second.id}`)).json()).toMatchObject({ member: null, version: second.version });

    // Two logins linked to one member at the same moment: one is linked, the other refused with 409, never a 500.
    const racing = await t.newMember(branch.id);
    const logins = await Promise.all(
      [1, 2].map(async (n) => (await admin.post('/api/users', { username: `race${n}${Date.now()}`, displayName: '并发', password: 'Initial-pass-01' })).json()),
    );
    const raced = await Promise.all(logins.map((l) => admin.patch(`/api/users/${l.id}`, { version: l.version, memberId: racing.id })));
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    // Another committee's member is out of scope: the same 403 as for one that does not exist.
    const stranger = await t.newMember((await t.newCommittee()).id);
    const outside = await admin.patch(`/api/users/${second.id}`, { version: second.version, memberId: stranger.id });
    expect(outside.statusCode).toBe(403);

    // Unlinked, the login has no own record any more.
    const unlinked = await admin.patch(`/api/users/${user.id}`, { version: user.version, memberId: null });
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().member).toBeNull();
    const audited = await admin.get(`/api/audit?entityId=${user.id}`);
    expect(audited.json().items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['user.create', 'user.update']));
  });

  it('takes a revoked role and a deactivation away from an open session at once', async () => {
    const user = await t.newUser('leader', committee.id);
    const session = await t.login(user);
    expect((await session.get('/api/orgs/tree')).statusCode).toBe(200);
    const detail = (await admin.get(`/api/users/${user.id}`)).json();
    await admin.del(`/api/users/${user.id}/roles/${detail.roles[0].id}`);
    expect((await session.get('/api/orgs/tree')).statusCode).toBe(403);
    const fresh = (await admin.get(`/api/users/${user.id}`)).json();
    await admin.patch(`/api/users/${user.id}`, { version: fresh.version, active: false });
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
  });
});
