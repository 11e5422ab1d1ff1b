import type { Transfer } from '@hangbiao/shared/contracts/transfers';
import { addDays, shanghaiDate } from '@hangbiao/shared/dates';
import { idNumberFacts } from '@hangbiao/shared/id-number';
import { monthsAfter, transferRule } from '@hangbiao/shared/rules';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type Session, type TestContext, unique, uniqueIdNumber } from '../../../test/harness';
import { auditLog, memberEvents, members, transfers } from '../../db/schema';

let t: TestContext;
let committee: { id: string; path: string };
let deptA: { id: string; path: string; name: string };
let deptB: { id: string; path: string; name: string };
let a1: { id: string; path: string };
let a2: { id: string; path: string };
let b1: { id: string; path: string };
let root: Session;
let adminA: Session;
let adminB: Session;
let readerA: Session;

const today = () => shanghaiDate(new Date());
const rule = (key: Parameters<typeof transferRule>[0]) => {
  const found = transferRule(key, today());
  if (!found) throw new Error(`no rule ${key}`);
  return found.value;
};

beforeAll(async () => {
  t = await createTestContext();
  committee = await t.newCommittee();
  const unitA = (await t.newUnit(committee.id)).id;
  const unitB = (await t.newUnit(committee.id)).id;
  deptA = await t.newOrg(committee, { kind: 'unitCommittee', unitId: unitA, name: unique('甲局机关党委') });
  deptB = await t.newOrg(committee, { kind: 'unitCommittee', unitId: unitB, name: unique('乙局机关党委') });
  a1 = await t.newOrg(deptA, { unitId: unitA });
  a2 = await t.newOrg(deptA, { unitId: unitA });
  b1 = await t.newOrg(deptB, { unitId: unitB });
  root = await t.as('committee_admin', committee.id);
  adminA = await t.as('org_admin', deptA.id);
  adminB = await t.as('org_admin', deptB.id);
  readerA = await t.as('inspector', deptA.id);
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const memberRow = async (id: string) => (await t.database.db.select().from(members).where(eq(members.id, id)))[0];
const eventsOf = async (id: string) => t.database.db.select().from(memberEvents).where(eq(memberEvents.memberId, id));
const auditsOf = async (id: string) =>
  (
    await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'transfer'), eq(auditLog.entityId, id)))
  ).map((r) => r.action);

async function start(session: Session, body: Record<string, unknown>): Promise<Transfer> {
  const res = await session.post('/api/transfers', { reason: 'work', ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Transfer;
}
const internal = (memberId: string, toOrgId: string, extra: Record<string, unknown> = {}) => start(adminA, { kind: 'internal', memberId, toOrgId, ...extra });
const outbound = (memberId: string, issuedOn = today()) =>
  start(adminA, { kind: 'outbound', memberId, outsideOrgName: '云澜省某市直机关工委', letterNumber: unique('云组转'), issuedOn });
const ids = async (session: Session, url: string) => ((await session.get(url)).json() as { items: Transfer[] }).items.map((i) => i.id);

describe('a transfer within the system', () => {
  it('moves the member to the destination on acceptance, records the event and updates both sides’ inboxes', async () => {
    const m = await t.newMember(a1.id);
    const started = await internal(m.id, b1.id);
    expect(started).toMatchObject({ kind: 'internal', state: 'pending', fromOrgId: a1.id, toOrgId: b1.id, actions: ['cancel'] });
    expect(started.deadline).toBe(addDays(today(), rule('internalPendingDays')));
    // Until it is accepted the old org still manages the member.
    expect((await memberRow(m.id))?.orgId).toBe(a1.id);
    expect(await ids(adminA, '/api/transfers/inbox?box=inProgress')).toContain(started.id);
    expect(await ids(adminA, '/api/transfers/inbox?box=todo')).not.toContain(started.id);
    expect(await ids(adminB, '/api/transfers/inbox?box=todo')).toContain(started.id);
    expect(await ids(adminB, '/api/transfers/inbox?box=inProgress')).not.toContain(started.id);
    expect(((await adminB.get(`/api/transfers/${started.id}`)).json() as Transfer).actions).toEqual(['accept', 'reject']);

    const countsBefore = (await adminB.get('/api/transfers/inbox/counts')).json();
    const res = await adminB.post(`/api/transfers/${started.id}/accept`, { version: started.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'completed', endedOn: today(), actions: [] });
    expect((await adminB.get('/api/transfers/inbox/counts')).json().todo).toBe(countsBefore.todo - 1);

    const moved = await memberRow(m.id);
    expect(moved).toMatchObject({ orgId: b1.id, status: 'active', version: 2 });
    expect(await eventsOf(m.id)).toEqual([expect.objectContaining({ kind: 'orgChanged', fromOrgId: a1.id, toOrgId: b1.id, occurredOn: today() })]);
    expect(await ids(adminB, '/api/transfers/inbox?box=todo')).not.toContain(started.id);
    expect(await ids(adminA, '/api/transfers/inbox?box=inProgress')).not.toContain(started.id);
    expect(await ids(adminA, '/api/transfers?state=completed')).toContain(started.id);
    expect(await auditsOf(started.id)).toEqual(['transfer.create', 'transfer.accept']);
  });

  it('keeps the member where they are when the destination rejects, with the reason', async () => {
    const m = await t.newMember(a1.id);
    const started = await internal(m.id, b1.id);
    const missing = await adminB.post(`/api/transfers/${started.id}/reject`, { version: 1, reason: ' ' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].path).toBe('body.reason');
    const res = await adminB.post(`/api/transfers/${started.id}/reject`, { version: 1, reason: '本支部非该同志工作单位' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'rejected', endReason: '本支部非该同志工作单位' });
    expect((await memberRow(m.id))?.orgId).toBe(a1.id);
    expect(await eventsOf(m.id)).toEqual([]);
    expect(await auditsOf(started.id)).toEqual(['transfer.create', 'transfer.reject']);
  });

  it('lets the source cancel while it waits, but not the destination (403), and refuses to accept it afterwards with 422', async () => {
    const m = await t.newMember(a1.id);
    const started = await internal(m.id, b1.id);
    const byDestination = await adminB.post(`/api/transfers/${started.id}/cancel`, { version: 1 });
    expect(byDestination.statusCode).toBe(403);
    expect(byDestination.json().detail).toContain('转出党组织');
    const cancelled = await adminA.post(`/api/transfers/${started.id}/cancel`, { version: 1, reason: '该同志暂缓调动' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', endReason: '该同志暂缓调动' });
    const late = await adminB.post(`/api/transfers/${started.id}/accept`, { version: 2 });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'rule_violation', detail: '该转接已撤销，不能再接收' });
    expect((await memberRow(m.id))?.orgId).toBe(a1.id);
    // A new transfer may start once the old one has ended.
    await internal(m.id, a2.id);
  });

  it('lets one of two simultaneous acceptances win and answers the other 409', async () => {
    const m = await t.newMember(a1.id);
    const started = await internal(m.id, b1.id);
    const results = await Promise.all([
      adminB.post(`/api/transfers/${started.id}/accept`, { version: 1 }),
      root.post(`/api/transfers/${started.id}/accept`, { version: 1 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('stale_version');
    expect(await eventsOf(m.id)).toHaveLength(1);
    expect((await memberRow(m.id))?.version).toBe(2);
  });

  it('refuses the source’s own acceptance with 403 and a reader’s with 403', async () => {
    const m = await t.newMember(a1.id);
    const started = await internal(m.id, b1.id);
    expect((await adminA.post(`/api/transfers/${started.id}/accept`, { version: 1 })).statusCode).toBe(403);
    expect((await readerA.post(`/api/transfers/${started.id}/cancel`, { version: 1 })).statusCode).toBe(403);
    expect(((await readerA.get(`/api/transfers/${started.id}`)).json() as Transfer).actions).toEqual([]);
  });

  it('hides a transfer inside department A from department B: no listing, 403 on reading and acting', async () => {
    const m = await t.newMember(a1.id);
    const started = await internal(m.id, a2.id);
    expect((await adminB.get(`/api/transfers/${started.id}`)).statusCode).toBe(403);
    expect((await adminB.post(`/api/transfers/${started.id}/accept`, { version: 1 })).statusCode).toBe(403);
    expect((await adminB.post(`/api/transfers/${started.id}/reject`, { version: 1, reason: '越权' })).statusCode).toBe(403);
    for (const url of ['/api/transfers?pageSize=200', '/api/transfers/inbox?box=todo&pageSize=200', '/api/transfers/inbox?box=upcoming&pageSize=200'])
      expect(await ids(adminB, url)).not.toContain(started.id);
    expect((await adminB.get(`/api/transfers?under=${deptA.id}`)).statusCode).toBe(403);
    // Within department A both sides are the same admin, who may accept.
    expect((await adminA.post(`/api/transfers/${started.id}/accept`, { version: 1 })).statusCode).toBe(200);
    expect((await memberRow(m.id))?.orgId).toBe(a2.id);
  });

  it('refuses a second transfer under way (409), a member out of reach (422) and a destination that is no branch (422)', async () => {
    const m = await t.newMember(a1.id);
    await internal(m.id, b1.id);
    const twice = await adminA.post('/api/transfers', { kind: 'internal', memberId: m.id, toOrgId: a2.id, reason: 'work' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0].path).toBe('body.memberId');
    const lost = await t.newMember(a1.id, { status: 'lostContact' });
    const refused = await adminA.post('/api/transfers', { kind: 'internal', memberId: lost.id, toOrgId: b1.id, reason: 'work' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('失联');
    const free = await t.newMember(a1.id);
    const toCommittee = await adminA.post('/api/transfers', { kind: 'internal', memberId: free.id, toOrgId: deptB.id, reason: 'work' });
    expect(toCommittee.statusCode).toBe(422);
    expect(toCommittee.json().errors[0]).toMatchObject({ path: 'body.toOrgId', message: expect.stringContaining('党支部') });
    const toSelf = await adminA.post('/api/transfers', { kind: 'internal', memberId: free.id, toOrgId: a1.id, reason: 'work' });
    expect(toSelf.statusCode).toBe(422);
    const ahead = await adminA.post('/api/transfers', { kind: 'internal', memberId: free.id, toOrgId: b1.id, reason: 'work', issuedOn: addDays(today(), 1) });
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json().errors[0].path).toBe('body.issuedOn');
    expect((await adminB.post('/api/transfers', { kind: 'internal', memberId: free.id, toOrgId: b1.id, reason: 'work' })).statusCode).toBe(403);
  });

  it('finds destinations across the committee by name, branches only', async () => {
    const res = await adminA.get(`/api/transfers/destinations?q=${encodeURIComponent(deptB.name.slice(0, 2))}`);
    expect(res.statusCode).toBe(200);
    const all = (await adminA.get('/api/transfers/destinations')).json() as { id: string; kind: string; pathNames: string[] }[];
    expect(all.map((d) => d.id)).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
    expect(all.every((d) => d.kind === 'branch' || d.kind === 'jointBranch')).toBe(true);
    expect(all.find((d) => d.id === b1.id)?.pathNames).toContain(deptB.name);
  });
});

describe('a letter out of the system (介绍信 and 回执)', () => {
  it('keeps the member with the old org until the receipt comes back, then marks them transferred out', async () => {
    const m = await t.newMember(a1.id);
    const letter = await outbound(m.id);
    expect(letter).toMatchObject({ kind: 'outbound', state: 'pending', toOrgId: null, actions: ['receipt', 'cancel'] });
    expect(letter.deadline).toBe(addDays(today(), rule('receiptDays')));
    expect(letter.deadlineRule).toContain('回执');
    expect((await memberRow(m.id))?.status).toBe('active');
    expect(await ids(adminA, '/api/transfers/inbox?box=todo')).toContain(letter.id);
    expect(await ids(adminA, '/api/transfers/inbox?box=inProgress')).toContain(letter.id);

    const early = await adminA.post(`/api/transfers/${letter.id}/receipt`, { version: 1, receivedOn: addDays(today(), -1) });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].path).toBe('body.receivedOn');
    const res = await adminA.post(`/api/transfers/${letter.id}/receipt`, { version: 1, receivedOn: today() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'completed', endedOn: today() });
    expect(await memberRow(m.id)).toMatchObject({ status: 'transferredOut', statusSince: today(), orgId: a1.id });
    expect(await eventsOf(m.id)).toEqual([expect.objectContaining({ kind: 'statusChanged', fromStatus: 'active', toStatus: 'transferredOut' })]);
    expect(await auditsOf(letter.id)).toEqual(['transfer.create', 'transfer.receipt']);
  });

  it('refuses steps that belong to other kinds with 422 and a clear message', async () => {
    const m = await t.newMember(a1.id);
    const letter = await outbound(m.id);
    const accept = await adminA.post(`/api/transfers/${letter.id}/accept`, { version: 1 });
    expect(accept.statusCode).toBe(422);
    expect(accept.json().detail).toBe('转出系统外不适用“接收”');
    const within = await internal((await t.newMember(a1.id)).id, a2.id);
    const receipt = await adminA.post(`/api/transfers/${within.id}/receipt`, { version: 1, receivedOn: today() });
    expect(receipt.statusCode).toBe(422);
    expect(receipt.json().detail).toBe('系统内转接不适用“登记回执”');
  });

  it('flags a letter whose receipt is past its deadline, and one due within the reminder lead time', async () => {
    const late = await outbound((await t.newMember(a1.id)).id, addDays(today(), -rule('receiptDays') - 1));
    const soon = await outbound((await t.newMember(a1.id)).id, addDays(today(), -rule('receiptDays') + rule('reminderDays') - 1));
    expect(late.timing).toBe('overdue');
    expect(soon.timing).toBe('dueSoon');
    expect(await ids(adminA, '/api/transfers/inbox?box=overdue&pageSize=200')).toContain(late.id);
    expect(await ids(adminA, '/api/transfers/inbox?box=overdue&pageSize=200')).not.toContain(soon.id);
    expect(await ids(adminA, '/api/transfers/inbox?box=upcoming&pageSize=200')).toContain(soon.id);
  });

  it('turns overdue on the day after the deadline as time passes (the service reads the clock of the request)', async () => {
    const letter = await outbound((await t.newMember(a1.id)).id);
    expect(letter.timing).toBe('onTime');
    // Only Date is faked; PGlite's clock follows it, so each day gets a fresh session.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${letter.deadline}T12:00:00+08:00`));
    const onDeadline = await t.login(adminA.user);
    expect(((await onDeadline.get(`/api/transfers/${letter.id}`)).json() as Transfer).timing).toBe('dueSoon');
    vi.setSystemTime(new Date(`${addDays(letter.deadline, 1)}T12:00:00+08:00`));
    const dayAfter = await t.login(adminA.user);
    expect(((await dayAfter.get(`/api/transfers/${letter.id}`)).json() as Transfer).timing).toBe('overdue');
    expect(await ids(dayAfter, '/api/transfers/inbox?box=overdue&pageSize=200')).toContain(letter.id);
  });

  it('counts a transfer within the system as overdue once the destination has not answered within the rule’s days', async () => {
    const old = await internal((await t.newMember(a1.id)).id, b1.id, { issuedOn: addDays(today(), -rule('internalPendingDays') - 1) });
    expect(old.timing).toBe('overdue');
    expect(await ids(adminB, '/api/transfers/inbox?box=overdue&pageSize=200')).toContain(old.id);
  });
});

function recordOf(orgId: string, idNumber = uniqueIdNumber('1990-03-04')) {
  const facts = idNumberFacts(idNumber);
  return {
    orgId,
    name: unique('转入').slice(0, 10),
    gender: facts?.gender ?? 'male',
    ethnicity: 'han',
    idNumber,
    birthDate: facts?.birthDate ?? '1990-03-04',
    education: 'master',
    category: 'full',
    joinedOn: '2012-06-01',
    fullOn: '2013-06-01',
    jobPost: 'civilServant',
  };
}

describe('a letter into the system', () => {
  const arrival = (extra: Record<string, unknown> = {}) =>
    start(adminB, {
      kind: 'inbound',
      toOrgId: deptB.id,
      personName: '王转入',
      outsideOrgName: '云澜省某县直机关工委',
      letterNumber: unique('云县转'),
      issuedOn: addDays(today(), -10),
      arrivedOn: today(),
      ...extra,
    });

  it('waits for the receiving branch, which registers the full record and so creates the member', async () => {
    const letter = await arrival();
    expect(letter).toMatchObject({ kind: 'inbound', state: 'pending', memberId: null, fromOrgId: null, actions: ['register', 'reject'] });
    expect(letter.deadline).toBe(addDays(letter.issuedOn, rule('letterValidityDays')));
    expect(await ids(adminB, '/api/transfers/inbox?box=todo')).toContain(letter.id);
    expect(await ids(adminA, '/api/transfers/inbox?box=todo')).not.toContain(letter.id);

    const outside = await adminB.post(`/api/transfers/${letter.id}/register`, { version: 1, ...recordOf(a1.id) });
    expect(outside.statusCode).toBe(403);
    const record = recordOf(b1.id);
    const res = await adminB.post(`/api/transfers/${letter.id}/register`, { version: 1, ...record });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json() as Transfer;
    expect(done).toMatchObject({ state: 'completed', toOrgId: b1.id, personName: record.name });
    const created = await memberRow(done.memberId ?? '');
    expect(created).toMatchObject({ name: record.name, orgId: b1.id, status: 'active', category: 'full' });
    expect((await eventsOf(created?.id ?? '')).map((e) => e.kind)).toEqual(['registered']);
    expect(await auditsOf(letter.id)).toEqual(['transfer.create', 'transfer.register']);
    expect(await ids(adminB, `/api/transfers?memberId=${created?.id}`)).toEqual([letter.id]);
  });

  it('refuses a letter presented after it expired, and a record that breaks the form’s rules', async () => {
    const expired = await adminB.post('/api/transfers', {
      kind: 'inbound',
      toOrgId: deptB.id,
      personName: '李过期',
      outsideOrgName: '外省某单位党委',
      letterNumber: unique('外转'),
      reason: 'work',
      issuedOn: addDays(today(), -rule('letterValidityDays') - 5),
      arrivedOn: today(),
    });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().errors[0].path).toBe('body.arrivedOn');
    const letter = await arrival();
    const bad = await adminB.post(`/api/transfers/${letter.id}/register`, { version: 1, ...recordOf(b1.id), fullOn: null });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.fullOn');
    const toDeptA = await adminB.post('/api/transfers', {
      kind: 'inbound',
      toOrgId: deptA.id,
      personName: '越权',
      outsideOrgName: '外省某单位党委',
      letterNumber: unique('外转'),
      reason: 'work',
      issuedOn: today(),
      arrivedOn: today(),
    });
    expect(toDeptA.statusCode).toBe(403);
  });

  it('brings back a member who once left with a letter: the same record, active again, with an org-changed event', async () => {
    const idNumber = uniqueIdNumber('1988-08-08');
    const m = await t.newMember(a1.id, { idNumber });
    const out = await outbound(m.id, addDays(today(), -30));
    await adminA.post(`/api/transfers/${out.id}/receipt`, { version: 1, receivedOn: addDays(today(), -20) });
    const back = await arrival();
    const res = await adminB.post(`/api/transfers/${back.id}/register`, { version: 1, ...recordOf(b1.id, idNumber) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().memberId).toBe(m.id);
    expect(await memberRow(m.id)).toMatchObject({ orgId: b1.id, status: 'active', statusSince: today() });
    expect((await eventsOf(m.id)).map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual(expect.arrayContaining([['orgChanged', 'transferredOut', 'active']]));
    // Someone still in the registry cannot be registered twice.
    const again = await arrival();
    const duplicate = await adminB.post(`/api/transfers/${again.id}/register`, { version: 1, ...recordOf(b1.id, idNumber) });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0].path).toBe('body.idNumber');
  });

  it('lets the receiving branch return a letter with a reason', async () => {
    const letter = await arrival();
    const res = await adminB.post(`/api/transfers/${letter.id}/reject`, { version: 1, reason: '介绍信抬头有误' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'rejected', memberId: null });
  });
});

describe('mobile members (流动党员)', () => {
  it('lists mobile members of the scope with destination and months away, flagging those away the rule’s months', async () => {
    const branch = await t.newOrg(deptA);
    const long = await t.newMember(branch.id, { status: 'mobile' });
    const short = await t.newMember(branch.id, { status: 'mobile' });
    const awayLongSince = monthsAfter(today(), -rule('awayMonths'));
    await t.database.db.update(members).set({ statusSince: awayLongSince, mobileDestination: '深圳市南山区' }).where(eq(members.id, long.id));
    await t.database.db
      .update(members)
      .set({ statusSince: monthsAfter(today(), -2), mobileDestination: '哈尔滨市' })
      .where(eq(members.id, short.id));
    const res = await adminA.get(`/api/transfers/mobile?under=${branch.id}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items).toEqual([
      expect.objectContaining({ memberId: long.id, destination: '深圳市南山区', since: awayLongSince, months: rule('awayMonths'), awayLong: true }),
      expect.objectContaining({ memberId: short.id, months: 2, awayLong: false }),
    ]);
    expect((await adminA.get(`/api/transfers/mobile?under=${branch.id}&awayLongOnly=true`)).json().total).toBe(1);
    expect((await adminA.get(`/api/transfers/inbox/counts?under=${branch.id}`)).json()).toMatchObject({ mobile: 2, mobileAwayLong: 1 });
    expect((await adminB.get('/api/transfers/mobile?pageSize=200')).json().items.map((i: { memberId: string }) => i.memberId)).not.toContain(long.id);
  });
});

describe('the table', () => {
  it('keeps at most one pending transfer per member even past the service', async () => {
    const m = await t.newMember(a1.id);
    const first = await internal(m.id, b1.id);
    const [row] = await t.database.db.select().from(transfers).where(eq(transfers.id, first.id));
    if (!row) throw new Error('no row');
    await expect(t.database.db.insert(transfers).values({ ...row, id: crypto.randomUUID() })).rejects.toThrow();
  });
});
