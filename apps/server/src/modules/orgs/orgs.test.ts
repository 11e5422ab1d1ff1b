import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, createTestContext, type Department, type Session, type TestContext, unique } from '../../../test/harness';
import { rowsOf } from '../../db/client';

let t: TestContext;
let admin: Session;
let unitId: string;
let dept: Department['dept'];

beforeAll(async () => {
  t = await createTestContext();
  ({ unitId, dept, admin } = await t.newDepartment());
});
afterAll(() => t.close());

async function addMembers(orgId: string, full: number, probationary = 0) {
  for (let i = 0; i < full + probationary; i++) await t.newMember(orgId, { category: i < full ? 'full' : 'probationary' });
}

describe('orgs', () => {
  it('creates a branch under a department, shows it in the tree and audits it', async () => {
    const name = unique('第一党支部');
    const res = await admin.post('/api/orgs', { parentId: dept.id, name, kind: 'branch', establishedOn: '2024-03-01' });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({ name, kind: 'branch', unitId, parentId: dept.id, depth: 2 });
    const children = (await admin.get(`/api/orgs/tree?parentId=${dept.id}`)).json() as { id: string }[];
    expect(children.map((c) => c.id)).toContain(created.id);
    const log = (await admin.get(`/api/audit?entityId=${created.id}`)).json();
    expect(log.items[0]).toMatchObject({ action: 'org.create', entityType: 'org' });
  });

  it('refuses a kind the parent may not hold, citing what it may hold, with 422', async () => {
    const branch = await t.newOrg(dept, { unitId });
    const res = await admin.post('/api/orgs', { parentId: branch.id, name: unique('总支'), kind: 'generalBranch', establishedOn: '2024-03-01' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rule_violation', errors: [{ path: 'body.kind' }] });
  });

  it('refuses to move an org under its own descendant and changes nothing', async () => {
    const general = await t.newOrg(dept, { kind: 'generalBranch', unitId });
    const branch = await t.newOrg(general, { unitId });
    const res = await admin.post('/api/orgs/reforms', { kind: 'moved', orgId: general.id, parentId: branch.id, occurredOn: '2025-01-01' });
    expect(res.statusCode).toBe(422);
    const after = (await admin.get(`/api/orgs/${general.id}`)).json();
    expect(after.parentId).toBe(dept.id);
  });

  it('refuses to delete an org that still has members with 409', async () => {
    const branch = await t.newOrg(dept, { unitId });
    await addMembers(branch.id, 3);
    const res = await admin.del(`/api/orgs/${branch.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('党员 3');
    expect((await admin.get(`/api/orgs/${branch.id}`)).statusCode).toBe(200);
  });

  it('keeps history: after a rename the tree as of an earlier date shows the old name', async () => {
    const branch = await t.newOrg(dept, { unitId, name: unique('旧名支部'), establishedOn: '2015-01-01' });
    const newName = unique('新名支部');
    const res = await admin.post('/api/orgs/reforms', { kind: 'renamed', orgId: branch.id, name: newName, occurredOn: '2020-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    const before = (await admin.get(`/api/orgs/tree?parentId=${dept.id}&asOf=2019-12-31`)).json() as { id: string; name: string }[];
    expect(before.find((n) => n.id === branch.id)?.name).toBe(branch.name);
    const now = (await admin.get(`/api/orgs/tree?parentId=${dept.id}`)).json() as { id: string; name: string }[];
    expect(now.find((n) => n.id === branch.id)?.name).toBe(newName);
    const events = (await admin.get(`/api/orgs/${branch.id}/events`)).json();
    expect(events[0]).toMatchObject({ kind: 'renamed', occurredOn: '2020-06-01' });
  });

  it('returns 409 on a stale version and keeps the first edit', async () => {
    const branch = await t.newOrg(dept, { unitId });
    const first = await admin.patch(`/api/orgs/${branch.id}`, { version: 1, contactName: '张三' });
    expect(first.statusCode).toBe(200);
    const second = await admin.patch(`/api/orgs/${branch.id}`, { version: 1, contactName: '李四' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('stale_version');
    expect((await admin.get(`/api/orgs/${branch.id}`)).json().contactName).toBe('张三');
  });

  it('flags a branch with fewer than 3 full members as blocking and a 55-member branch as a warning', async () => {
    const small = await t.newOrg(dept, { unitId });
    await addMembers(small.id, 2);
    const big = await t.newOrg(dept, { unitId });
    await addMembers(big.id, 50, 5);
    const smallFindings = (await admin.get(`/api/orgs/${small.id}`)).json().findings;
    expect(smallFindings).toContainEqual(expect.objectContaining({ rule: 'branch.minFull', severity: 'block' }));
    const bigFindings = (await admin.get(`/api/orgs/${big.id}`)).json().findings;
    expect(bigFindings).toContainEqual(expect.objectContaining({ rule: 'branch.maxMembers', severity: 'warn' }));
    const listed = (await admin.get(`/api/orgs?under=${big.id}`)).json().items[0];
    expect(listed).toMatchObject({ id: big.id, memberCount: 55, fullMemberCount: 50 });
  });

  it('counts the members of an org’s whole subtree', async () => {
    const general = await t.newOrg(dept, { kind: 'generalBranch', unitId });
    const branch = await t.newOrg(general, { unitId });
    await addMembers(branch.id, 3, 1);
    expect((await admin.get(`/api/orgs/${general.id}`)).json()).toMatchObject({ memberCount: 4, fullMemberCount: 3 });
    const listed = (await admin.get(`/api/orgs?under=${dept.id}&q=${encodeURIComponent(general.name)}`)).json().items[0];
    expect(listed).toMatchObject({ id: general.id, memberCount: 4 });
  });

  it('moves members and sub-orgs on a merge and dissolves the source', async () => {
    const a = await t.newOrg(dept, { kind: 'generalBranch', unitId });
    const b = await t.newOrg(dept, { kind: 'generalBranch', unitId });
    const child = await t.newOrg(a, { unitId });
    const res = await admin.post('/api/orgs/reforms', { kind: 'merged', orgIds: [a.id], targetId: b.id, occurredOn: '2025-02-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((e: { orgId: string; kind: string }) => [e.orgId, e.kind])).toEqual([
      [a.id, 'merged'],
      [b.id, 'merged'],
    ]);
    const moved = (await admin.get(`/api/orgs/${child.id}`)).json();
    expect(moved.parentId).toBe(b.id);
    expect((await admin.get(`/api/orgs/${a.id}`)).json().dissolvedOn).toBe('2025-02-01');
    const [row] = await rowsOf<{ path: string }>(t.database.db, sql`select path from orgs where id = ${child.id}`);
    expect(row?.path).toBe(`${b.path}${child.id}/`);
  });

  it('hands a merged branch’s development cases under way to the branch it joins; dissolving it outright is refused', async () => {
    const a = await t.newOrg(dept, { unitId });
    const b = await t.newOrg(dept, { unitId });
    const applied = await admin.post('/api/development/cases', applicant(a.id));
    expect(applied.statusCode, applied.body).toBe(200);
    const opened = applied.json() as { id: string; version: number };
    const refused = await admin.post('/api/orgs/reforms', { kind: 'dissolved', orgId: a.id, occurredOn: '2025-02-01' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('未办结的发展党员工作 1 件');
    const merged = await admin.post('/api/orgs/reforms', { kind: 'merged', orgIds: [a.id], targetId: b.id, occurredOn: '2025-02-01' });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await admin.get(`/api/development/cases/${opened.id}`)).json()).toMatchObject({ orgId: b.id, version: opened.version + 1 });
  });

  it('never serves a cached tree or list older than the committed data, even after a write outside the app', async () => {
    const branch = await t.newOrg(dept, { unitId });
    const names = async () =>
      ((await admin.get(`/api/orgs/tree?parentId=${dept.id}`)).json() as { id: string; name: string }[]).find((n) => n.id === branch.id)?.name;
    const listed = async () => (await admin.get(`/api/orgs?under=${branch.id}`)).json().items[0].memberCount;
    expect(await names()).toBe(branch.name);
    expect(await listed()).toBe(0);
    await t.database.db.execute(sql`update orgs set name = ${`${branch.name}（改）`} where id = ${branch.id}`);
    await addMembers(branch.id, 3);
    expect(await names()).toBe(`${branch.name}（改）`);
    expect(await listed()).toBe(3);
  });
});
