import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Department, type Session, type TestContext, unique } from '../../../test/harness';

let t: TestContext;
let committee: Department['committee'];
let admin: Session;
let unitId: string;
let dept: Department['dept'];

beforeAll(async () => {
  t = await createTestContext();
  ({ committee, unitId, dept, admin } = await t.newDepartment());
});
afterAll(() => t.close());

type Node = { id: string; name: string; parentId: string | null };

describe('institutional reform keeps the tree as of any date', () => {
  it('shows a moved subtree under its old parent before the move and under the new one after', async () => {
    const a = await t.newOrg(dept, { kind: 'generalBranch', unitId, establishedOn: '2010-01-01' });
    const b = await t.newOrg(dept, { kind: 'generalBranch', unitId, establishedOn: '2010-01-01' });
    const branch = await t.newOrg(a, { unitId, establishedOn: '2012-01-01' });
    const group = await t.newOrg(branch, { kind: 'group', unitId, establishedOn: '2012-01-01' });
    expect((await admin.post('/api/orgs/reforms', { kind: 'moved', orgId: branch.id, parentId: b.id, occurredOn: '2022-03-01' })).statusCode).toBe(200);
    const before = (await admin.get(`/api/orgs/${dept.id}/subtree?asOf=2022-02-28`)).json() as Node[];
    expect(before.find((n) => n.id === branch.id)?.parentId).toBe(a.id);
    const after = (await admin.get(`/api/orgs/${dept.id}/subtree`)).json() as Node[];
    expect(after.find((n) => n.id === branch.id)?.parentId).toBe(b.id);
    expect(after.find((n) => n.id === group.id)?.parentId).toBe(branch.id);
    const list = (await admin.get(`/api/orgs?under=${b.id}&pageSize=50`)).json();
    expect(list.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([branch.id, group.id]));
    expect((await admin.get(`/api/orgs/${a.id}`)).json().childCount).toBe(0);
    expect((await admin.get(`/api/orgs/${b.id}`)).json().childCount).toBe(1);
  });

  it('refuses a reform dated before the org’s last change with 422', async () => {
    const branch = await t.newOrg(dept, { unitId, establishedOn: '2015-01-01' });
    await admin.post('/api/orgs/reforms', { kind: 'renamed', orgId: branch.id, name: unique('甲'), occurredOn: '2021-01-01' });
    const res = await admin.post('/api/orgs/reforms', { kind: 'renamed', orgId: branch.id, name: unique('乙'), occurredOn: '2020-01-01' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.occurredOn');
  });

  it('splits a branch into new ones beside it and can dissolve the source', async () => {
    const source = await t.newOrg(dept, { unitId, establishedOn: '2015-01-01' });
    const names = [unique('拆分一'), unique('拆分二')];
    const res = await admin.post('/api/orgs/reforms', {
      kind: 'split',
      orgId: source.id,
      occurredOn: '2023-01-01',
      into: names.map((name) => ({ name, kind: 'branch' })),
      dissolveSource: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const children = (await admin.get(`/api/orgs/tree?parentId=${dept.id}`)).json() as Node[];
    expect(children.map((c) => c.name)).toEqual(expect.arrayContaining(names));
    expect(children.map((c) => c.id)).not.toContain(source.id);
    const past = (await admin.get(`/api/orgs/tree?parentId=${dept.id}&asOf=2022-12-31`)).json() as Node[];
    expect(past.map((c) => c.id)).toContain(source.id);
    expect(past.map((c) => c.name)).not.toContain(names[0]);
  });

  it('refuses to dissolve an org that still has sub-orgs, then dissolves it once empty', async () => {
    const general = await t.newOrg(dept, { kind: 'generalBranch', unitId, establishedOn: '2015-01-01' });
    const branch = await t.newOrg(general, { unitId, establishedOn: '2015-01-01' });
    const refused = await admin.post('/api/orgs/reforms', { kind: 'dissolved', orgId: general.id, occurredOn: '2024-01-01' });
    expect(refused.statusCode).toBe(422);
    expect((await admin.post('/api/orgs/reforms', { kind: 'dissolved', orgId: branch.id, occurredOn: '2024-01-01' })).statusCode).toBe(200);
    expect((await admin.post('/api/orgs/reforms', { kind: 'dissolved', orgId: general.id, occurredOn: '2024-02-01' })).statusCode).toBe(200);
    const events = (await admin.get(`/api/orgs/${general.id}/events`)).json();
    expect(events[0]).toMatchObject({ kind: 'dissolved', summary: expect.stringContaining('撤销') });
    const dissolved = (await admin.get(`/api/orgs?under=${dept.id}&includeDissolved=true&q=${encodeURIComponent(general.name)}`)).json();
    expect(dissolved.items[0].dissolvedOn).toBe('2024-02-01');
    const live = (await admin.get(`/api/orgs?under=${dept.id}&includeDissolved=false&q=${encodeURIComponent(general.name)}`)).json();
    expect(live.total).toBe(0);
  });
});

describe('joint branches', () => {
  it('refuses a joint branch covering a single unit, citing the rule', async () => {
    const res = await admin.post('/api/orgs', {
      parentId: committee.id,
      name: unique('联合支部'),
      kind: 'jointBranch',
      coveredUnitIds: [unitId],
      establishedOn: '2024-01-01',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rule_violation', detail: expect.stringContaining('支部工作条例') });
  });

  it('creates a joint branch covering two units', async () => {
    const other = await t.newUnit(committee.id);
    const res = await admin.post('/api/orgs', {
      parentId: committee.id,
      name: unique('联合支部'),
      kind: 'jointBranch',
      coveredUnitIds: [unitId, other.id],
      establishedOn: '2024-01-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().coveredUnitIds).toHaveLength(2);
    const own = (await admin.get(`/api/units/${unitId}`)).json().name;
    expect(
      res
        .json()
        .coveredUnits.map((u: { name: string }) => u.name)
        .sort(),
    ).toEqual([other.name, own].sort());
  });
});

describe('terms and renewal (换届)', () => {
  it('computes the due date from the term rule and lists overdue orgs', async () => {
    const branch = await t.newOrg(dept, { unitId, establishedOn: '2015-01-01' });
    const res = await admin.post(`/api/orgs/${branch.id}/terms`, {
      termStart: '2020-03-15',
      posts: [
        { post: 'secretary', holderName: '陈书记' },
        { post: 'organizationMember', holderName: '林委员' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().term).toMatchObject({ dueOn: '2023-03-15', status: 'overdue' });
    const due = (await admin.get(`/api/orgs/renewals?under=${dept.id}&status=overdue&pageSize=100`)).json();
    expect(due.items.find((s: { orgId: string }) => s.orgId === branch.id)).toMatchObject({ termStart: '2020-03-15', dueOn: '2023-03-15', status: 'overdue' });
  });

  it('ends the current posts on renewal and refuses a renewal dated before the current term', async () => {
    const branch = await t.newOrg(dept, { unitId, establishedOn: '2015-01-01' });
    await admin.post(`/api/orgs/${branch.id}/terms`, { termStart: '2019-01-01', posts: [{ post: 'secretary', holderName: '旧书记' }] });
    const early = await admin.post(`/api/orgs/${branch.id}/terms`, { termStart: '2018-01-01', posts: [{ post: 'secretary', holderName: '新书记' }] });
    expect(early.statusCode).toBe(422);
    const renewed = (
      await admin.post(`/api/orgs/${branch.id}/terms`, { termStart: '2022-01-01', posts: [{ post: 'secretary', holderName: '新书记' }] })
    ).json();
    expect(renewed.posts).toEqual([expect.objectContaining({ holderName: '新书记', termEnd: '2025-01-01' })]);
  });

  it('refuses a renewal without exactly one secretary', async () => {
    const branch = await t.newOrg(dept, { unitId });
    const res = await admin.post(`/api/orgs/${branch.id}/terms`, { termStart: '2024-01-01', posts: [{ post: 'deputySecretary', holderName: '某副书记' }] });
    expect(res.statusCode).toBe(422);
  });
});

describe('scope', () => {
  it('shows an org admin only their own department as the tree root', async () => {
    const session = await t.as('org_admin', dept.id);
    const roots = (await session.get('/api/orgs/tree')).json() as Node[];
    expect(roots.map((r) => r.id)).toEqual([dept.id]);
    const detail = (await session.get(`/api/orgs/${dept.id}`)).json();
    expect(detail.ancestors).toEqual([]);
  });
});
