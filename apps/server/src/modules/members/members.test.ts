import type { Member, MemberEvent, MemberListItem } from '@hangbiao/shared/contracts/members';
import { idNumberFacts } from '@hangbiao/shared/id-number';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Department, type Session, type TestContext, uniqueIdNumber } from '../../../test/harness';
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

const maskedId = /^\d{6}\*{8}\d{3}[\dX]$/;
const maskedPhone = /^\d{3}\*{4}\d{4}$/;

const newBranch = () => t.newOrg(dept, { unitId });

/** A complete, valid registration for `orgId`; its birth date and gender agree with its ID number. */
function memberBody(orgId: string, overrides: Record<string, unknown> = {}) {
  const idNumber = uniqueIdNumber('1988-03-12');
  const facts = idNumberFacts(idNumber);
  return {
    orgId,
    name: '王建国',
    gender: facts?.gender,
    ethnicity: 'han',
    idNumber,
    birthDate: facts?.birthDate,
    education: 'bachelor',
    category: 'full',
    joinedOn: '2012-07-01',
    fullOn: '2013-07-01',
    jobPost: 'civilServant',
    rank: '一级科员',
    phone: '13912345678',
    address: '鸿雁市中山路 1 号',
    ...overrides,
  };
}

/** The update body that leaves `m` as it is, with `overrides` applied. */
function updateBody(m: Member, overrides: Record<string, unknown> = {}) {
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    idNumber: m.idNumber,
    birthDate: m.birthDate,
    education: m.education,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    jobPost: m.jobPost,
    rank: m.rank,
    phone: m.phone,
    address: m.address,
    version: m.version,
    ...overrides,
  };
}

async function countMembers(orgId: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from members where org_id = ${orgId}`);
  return row?.n ?? 0;
}

async function auditTexts(entityId: string): Promise<string[]> {
  const rows = await rowsOf<{ action: string; summary: string }>(
    t.database.db,
    sql`select action, summary::text as summary from audit_log where entity_id = ${entityId} order by seq`,
  );
  return rows.map((r) => `${r.action} ${r.summary}`);
}

async function create(session: Session, body: Record<string, unknown>): Promise<Member> {
  const res = await session.post('/api/members', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Member;
}

async function linkLogin(userId: string, memberId: string) {
  await t.database.db.execute(sql`update users set member_id = ${memberId} where id = ${userId}`);
}

describe('registering members', () => {
  it('registers a member in a branch, shows the record in full to the admin and records the registration', async () => {
    const branch = await newBranch();
    const body = memberBody(branch.id);
    const created = await create(admin, body);
    expect(created).toMatchObject({
      orgId: branch.id,
      orgName: branch.name,
      idNumber: body.idNumber,
      phone: body.phone,
      status: 'active',
      unmasked: true,
      version: 1,
    });
    expect(created.statusSince).toBe(body.joinedOn);

    const read = await admin.get(`/api/members/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: created.id, address: body.address, idNumber: body.idNumber });

    const events = (await admin.get(`/api/members/${created.id}/events`)).json() as MemberEvent[];
    expect(events).toEqual([expect.objectContaining({ kind: 'registered', toOrgName: branch.name, toStatus: 'active' })]);
  });

  it('keeps the ID number, phone and address out of the audit log in clear', async () => {
    const branch = await newBranch();
    const body = memberBody(branch.id);
    const created = await create(admin, body);
    const edited = await admin.patch(`/api/members/${created.id}`, updateBody(created, { phone: '13800001111' }));
    expect(edited.statusCode, edited.body).toBe(200);

    const texts = await auditTexts(created.id);
    expect(texts.map((text) => text.split(' ')[0])).toEqual(['member.create', 'member.update']);
    for (const text of texts) {
      expect(text).not.toContain(body.idNumber);
      expect(text).not.toContain(body.phone);
      expect(text).not.toContain('13800001111');
      expect(text).not.toContain('中山路');
    }
    expect(texts[0]).toContain(created.idNumber.slice(0, 6));
    expect(texts[1]).toContain('138****1111');
  });

  it('refuses a member placed directly in a unit Party committee with 422 on body.orgId', async () => {
    const res = await admin.post('/api/members', memberBody(dept.id));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rule_violation', errors: [{ path: 'body.orgId' }] });
    expect(await countMembers(dept.id)).toBe(0);
  });

  it('refuses an ID number already registered in the committee with 409 on body.idNumber and writes nothing', async () => {
    const first = await newBranch();
    const second = await newBranch();
    const body = memberBody(first.id);
    await create(admin, body);
    const res = await admin.post('/api/members', { ...body, orgId: second.id, name: '王建设' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', errors: [{ path: 'body.idNumber' }] });
    expect(await countMembers(second.id)).toBe(0);
  });

  it('refuses an ID number with a wrong check digit with 422 on body.idNumber', async () => {
    const branch = await newBranch();
    const body = memberBody(branch.id);
    const wrong = `${body.idNumber.slice(0, 17)}${body.idNumber[17] === '0' ? '1' : '0'}`;
    const res = await admin.post('/api/members', { ...body, idNumber: wrong });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual({ path: 'body.idNumber', message: '身份证号校验码不正确' });
    expect(await countMembers(branch.id)).toBe(0);
  });

  it('refuses a birth date that differs from the ID number with 422 on body.birthDate', async () => {
    const branch = await newBranch();
    const res = await admin.post('/api/members', memberBody(branch.id, { birthDate: '1970-01-01' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.birthDate');
  });

  it('refuses dates out of order (birth < joined < full) with 422 on the later date', async () => {
    const branch = await newBranch();
    const joinedBeforeBirth = await admin.post('/api/members', memberBody(branch.id, { joinedOn: '1980-01-01', fullOn: '1981-01-01' }));
    expect(joinedBeforeBirth.statusCode).toBe(422);
    expect(joinedBeforeBirth.json().errors.map((e: { path: string }) => e.path)).toContain('body.joinedOn');
    const fullBeforeJoined = await admin.post('/api/members', memberBody(branch.id, { joinedOn: '2012-07-01', fullOn: '2012-01-01' }));
    expect(fullBeforeJoined.statusCode).toBe(422);
    expect(fullBeforeJoined.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.fullOn']);
    const future = await admin.post('/api/members', memberBody(branch.id, { joinedOn: '2099-07-01', fullOn: null, category: 'probationary' }));
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([{ path: 'body.joinedOn', message: '加入党组织日期不能晚于今天' }]);
    expect(await countMembers(branch.id)).toBe(0);
  });

  it('lets a record deleted as entered by mistake free its ID number for the correct entry', async () => {
    const wrongBranch = await newBranch();
    const rightBranch = await newBranch();
    const body = memberBody(wrongBranch.id);
    const mistaken = await create(admin, body);
    expect((await admin.del(`/api/members/${mistaken.id}`)).statusCode).toBe(200);
    const corrected = await create(admin, { ...body, orgId: rightBranch.id });
    expect(corrected.idNumber).toBe(body.idNumber);
  });
});

describe('editing a member', () => {
  it('saves an edit and answers 409 stale_version to an edit of an older version, keeping the first', async () => {
    const branch = await newBranch();
    const created = await create(admin, memberBody(branch.id));
    const first = await admin.patch(`/api/members/${created.id}`, updateBody(created, { phone: '13700000001' }));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ phone: '13700000001', version: 2 });
    const second = await admin.patch(`/api/members/${created.id}`, updateBody(created, { phone: '13700000002' }));
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('stale_version');
    expect((await admin.get(`/api/members/${created.id}`)).json().phone).toBe('13700000001');
  });

  it('checks the full-member date against the stored category with 422 on body.fullOn', async () => {
    const branch = await newBranch();
    const probationary = await create(admin, memberBody(branch.id, { category: 'probationary', fullOn: null }));
    const res = await admin.patch(`/api/members/${probationary.id}`, updateBody(probationary, { fullOn: '2013-07-01' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.fullOn', message: '预备党员不应填写转正日期' }]);
    const full = await create(admin, memberBody(branch.id));
    const cleared = await admin.patch(`/api/members/${full.id}`, updateBody(full, { fullOn: null }));
    expect(cleared.statusCode).toBe(422);
    expect(cleared.json().errors).toEqual([{ path: 'body.fullOn', message: '正式党员须填写转正日期' }]);
  });

  it('refuses changing the ID number to one registered for someone else with 409', async () => {
    const branch = await newBranch();
    const one = await create(admin, memberBody(branch.id));
    const other = await create(admin, memberBody(branch.id, { name: '赵立新' }));
    const res = await admin.patch(`/api/members/${other.id}`, updateBody(other, { idNumber: one.idNumber, birthDate: one.birthDate, gender: one.gender }));
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.idNumber' })]);
  });
});

describe('who sees what', () => {
  let branch: { id: string };
  let record: Member;

  beforeAll(async () => {
    branch = await newBranch();
    record = await create(admin, memberBody(branch.id, { name: '钱学文' }));
  });

  it('shows ID, phone and address in full to the org admin of the department', async () => {
    const orgAdmin = await t.as('org_admin', dept.id);
    const one = (await orgAdmin.get(`/api/members/${record.id}`)).json() as Member;
    expect(one).toMatchObject({ idNumber: record.idNumber, phone: record.phone, address: record.address, unmasked: true });
    const list = (await orgAdmin.get(`/api/members?under=${branch.id}`)).json() as { items: MemberListItem[] };
    expect(list.items.find((m) => m.id === record.id)).toMatchObject({ idNumber: record.idNumber, unmasked: true });
  });

  it.each(['inspector', 'discipline'] as const)('shows the record masked to %s, in the list and on its own', async (role) => {
    const session = await t.as(role, dept.id);
    const one = (await session.get(`/api/members/${record.id}`)).json() as Member;
    expect(one.unmasked).toBe(false);
    expect(one.idNumber).toMatch(maskedId);
    expect(one.idNumber).toBe(`${record.idNumber.slice(0, 6)}********${record.idNumber.slice(14)}`);
    expect(one.phone).toMatch(maskedPhone);
    expect(one.address).toBe('（已隐藏）');
    const list = (await session.get(`/api/members?under=${branch.id}`)).json() as { items: MemberListItem[] };
    expect(list.items.find((m) => m.id === record.id)).toMatchObject({ idNumber: one.idNumber, phone: one.phone, unmasked: false });
    expect((await session.patch(`/api/members/${record.id}`, updateBody(record))).statusCode).toBe(403);
  });

  it('refuses the member list to a member (403) but shows them their own record in full', async () => {
    const session = await t.as('member', branch.id);
    expect((await session.get('/api/members')).statusCode).toBe(403);
    expect((await session.get(`/api/members/${record.id}`)).statusCode).toBe(403);
    await linkLogin(session.user.id, record.id);
    const own = await session.get('/api/me/member');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: record.id, idNumber: record.idNumber, phone: record.phone, unmasked: true });
  });

  it('answers 404 with an explanation when the login is linked to no member', async () => {
    const session = await t.as('member', branch.id);
    const res = await session.get('/api/me/member');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('尚未关联党员信息');
  });

  it('answers 403 for a member of another department, the same as for one that does not exist', async () => {
    const other = await t.newDepartment();
    const otherBranch = await t.newOrg(other.dept, { unitId: other.unitId });
    const stranger = await t.newMember(otherBranch.id);
    expect((await admin.get(`/api/members/${stranger.id}`)).statusCode).toBe(403);
    expect((await admin.get('/api/members/0195f0c4-0000-7000-8000-000000000000')).statusCode).toBe(403);
    expect((await admin.post('/api/members', memberBody(otherBranch.id))).statusCode).toBe(403);
  });
});

describe('finding members', () => {
  let branch: { id: string };
  const ids = new Map<string, string>();

  beforeAll(async () => {
    branch = await newBranch();
    const people = [
      { name: '张三丰', category: 'full', education: 'master', joinedOn: '2005-07-01' },
      { name: '张伟', category: 'probationary', education: 'bachelor', joinedOn: '2024-06-01' },
      { name: '章子怡', category: 'full', education: 'bachelor', joinedOn: '2015-07-01' },
      { name: '李四', category: 'full', education: 'associate', joinedOn: '2010-07-01' },
    ] as const;
    for (const p of people) {
      const m = await t.newMember(branch.id, { ...p, fullOn: p.category === 'full' ? '2024-01-01' : null });
      ids.set(p.name, m.id);
    }
    const departed = await t.newMember(branch.id, { name: '张故', status: 'deceased' });
    ids.set('张故', departed.id);
  });

  const names = async (query: string) => {
    const res = await admin.get(`/api/members?under=${branch.id}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: MemberListItem[] }).items.map((m) => m.name);
  };

  it('finds by the first character of the name: 张 finds 张, not 章', async () => {
    expect(await names(`q=${encodeURIComponent('张')}`)).toEqual(['张三丰', '张伟']);
  });

  it('finds by full pinyin, which catches every character read that way', async () => {
    expect(await names('q=zhang')).toEqual(['张三丰', '张伟', '章子怡']);
    expect(await names('q=zhangsanfeng')).toEqual(['张三丰']);
  });

  it('finds by pinyin initials, in any case', async () => {
    expect(await names('q=ZSF')).toEqual(['张三丰']);
    expect(await names('q=zw')).toEqual(['张伟']);
  });

  it('pages a letter search that matches both pinyin and initials in name order, each member once, either way round', async () => {
    // "z" starts the pinyin of 张/章 and the initials of all three: each matched twice, listed once.
    const all = await names('q=z&pageSize=50');
    expect(all).toEqual(['张三丰', '张伟', '章子怡']);
    const paged = [...(await names('q=z&pageSize=2&page=1')), ...(await names('q=z&pageSize=2&page=2'))];
    expect(paged).toEqual(all);
    const reversed = [...(await names('q=z&pageSize=2&page=1&sort=-name')), ...(await names('q=z&pageSize=2&page=2&sort=-name'))];
    expect(reversed).toEqual([...all].reverse());
    expect((await admin.get(`/api/members?under=${branch.id}&q=z&pageSize=2&page=2`)).json()).toMatchObject({ total: 3, page: 2 });
    // A page past the end still tells how many there are.
    expect((await admin.get(`/api/members?under=${branch.id}&q=z&pageSize=2&page=5`)).json()).toMatchObject({ total: 3, items: [] });
  });

  it('counts a search as far as its page reaches and a thousand more, so every page stays reachable', async () => {
    const many = await newBranch();
    const first = await t.newMember(many.id, { name: '欧阳测' });
    await t.database.db.execute(sql`insert into members (id, committee_id, org_id, name, name_pinyin, name_initials, gender, ethnicity,
        birth_date, id_number_sealed, id_number_hash, id_number_masked, education, category, joined_on, full_on, job_post, status, status_since)
      select gen_random_uuid(), committee_id, org_id, name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_number_sealed,
        id_number_hash || g, id_number_masked, education, category, joined_on, full_on, job_post, status, status_since
      from members, generate_series(1, 1029) g where id = ${first.id}`);
    const page = async (query: string) => (await admin.get(`/api/members?under=${many.id}&${query}`)).json();
    const chinese = `q=${encodeURIComponent('欧阳测')}`;
    expect(await page(`${chinese}&pageSize=10`)).toMatchObject({ total: 1010, totalCapped: true });
    expect(await page('q=oyc&pageSize=20')).toMatchObject({ total: 1020, totalCapped: true });
    expect(await page(`${chinese}&pageSize=10&page=3`)).toMatchObject({ total: 1030, totalCapped: false });
    expect(await page('q=ouyang&pageSize=50')).toMatchObject({ total: 1030, totalCapped: false });
    // Without a search the list counts on to 10,000.
    expect(await page('pageSize=10')).toMatchObject({ total: 1030, totalCapped: false });
  });

  it('filters by category and education, and sorts by join date', async () => {
    expect(await names('category=probationary')).toEqual(['张伟']);
    expect(await names('education=bachelor')).toEqual(['张伟', '章子怡']);
    expect(await names('sort=-joinedOn')).toEqual(['张伟', '章子怡', '李四', '张三丰']);
    expect(await names('sort=-name')).toEqual(['章子怡', '张伟', '张三丰', '李四']);
  });

  it('lists only members in the registry unless former members are asked for', async () => {
    expect(await names('')).not.toContain('张故');
    expect(await names('includeFormer=true')).toContain('张故');
    expect(await names('status=deceased')).toEqual(['张故']);
    const page = (await admin.get(`/api/members?under=${branch.id}&pageSize=2&page=2`)).json();
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect((await admin.get(`/api/members?under=${branch.id}&pageSize=2&page=3`)).json()).toMatchObject({ total: 4, items: [] });
  });
});

describe('the whole committee’s list counts exactly', () => {
  /** The rollup against a count of the registry itself, combination by combination. */
  const expectRollupExact = async () => {
    const committeeId = dept.path.split('/')[1];
    const [rollup, raw] = await Promise.all([
      rowsOf(
        t.database.db,
        sql`select status, category, education, gender, members from member_list_counts where committee_id = ${committeeId} order by 1, 2, 3, 4`,
      ),
      rowsOf(
        t.database.db,
        sql`select status, category, education, gender, count(*)::int as members from members
          where committee_id = ${committeeId} and deleted_at is null group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
      ),
    ]);
    expect(rollup.length).toBeGreaterThan(0);
    expect(rollup).toEqual(raw);
  };

  it('keeps the rollup equal to the registry through registering, editing, status changes, moves and deletion', async () => {
    await expectRollupExact();
    const branch = await newBranch();
    const other = await newBranch();
    const m = await create(admin, memberBody(branch.id, { education: 'master' }));
    const n = await t.newMember(branch.id, { category: 'probationary' });
    await expectRollupExact();
    expect((await admin.patch(`/api/members/${m.id}`, updateBody(m, { education: 'doctorate' }))).statusCode).toBe(200);
    await expectRollupExact();
    const mobile = await admin.post(`/api/members/${m.id}/status`, {
      status: 'mobile',
      occurredOn: '2026-01-05',
      mobileDestination: '广州市',
      version: m.version + 1,
    });
    expect(mobile.statusCode, mobile.body).toBe(200);
    await expectRollupExact();
    const changes = [
      sql`update members set org_id = ${other.id}, gender = 'female' where id = ${n.id}`,
      sql`update members set category = 'full' where org_id in (${branch.id}, ${other.id})`,
      sql`update members set deleted_at = now() where id = ${n.id}`,
      sql`update members set phone_masked = phone_masked where org_id in (${branch.id}, ${other.id})`,
      sql`delete from members where id = ${n.id}`,
    ];
    for (const change of changes) {
      await t.database.db.execute(change);
      await expectRollupExact();
    }
  });

  it('answers a committee admin’s list by codes with the exact total, equal to the subtree’s count', async () => {
    const branch = await newBranch();
    await t.newMember(branch.id, { status: 'mobile', education: 'master' });
    await t.newMember(branch.id, { status: 'left', category: 'probationary' });
    const root = dept.path.split('/')[1];
    for (const filter of ['', 'status=mobile', 'status=left', 'category=probationary', 'education=master&gender=male', 'includeFormer=true']) {
      const whole = (await admin.get(`/api/members?${filter}`)).json();
      const subtree = (await admin.get(`/api/members?under=${root}&${filter}`)).json();
      expect(whole.total, filter).toBeGreaterThan(0);
      expect([whole.total, whole.totalCapped], filter).toEqual([subtree.total, false]);
    }
  });

  it('lets two writers in one committee take the rollup’s rows in opposite orders without a deadlock', async () => {
    // Writer 1 moves a master's to a doctorate, writer 2 a woman's associate to technical, then writer 1 a woman's
    // too: had writer 2 taken its rollup rows before queueing for the committee's read generation, each would wait
    // for the other (on PostgreSQL; PGlite runs one transaction at a time).
    const branch = await newBranch();
    const a = await t.newMember(branch.id, { education: 'master', gender: 'male' });
    const [b, c] = [
      await t.newMember(branch.id, { education: 'associate', gender: 'female' }),
      await t.newMember(branch.id, { education: 'associate', gender: 'female' }),
    ];
    let firstWrote: () => void = () => undefined;
    const wrote = new Promise<void>((resolve) => {
      firstWrote = resolve;
    });
    const first = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`update members set education = 'doctorate' where id = ${a.id}`);
      firstWrote();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.execute(sql`update members set education = 'technical' where id = ${c.id}`);
    });
    await wrote;
    const second = t.database.db.execute(sql`update members set education = 'technical' where id = ${b.id}`);
    await Promise.all([first, second]);
    await expectRollupExact();
  });
});

it('shows each change at once on a list read before it: a page is kept only for the state it was read from', async () => {
  const branch = await newBranch();
  const list = async () => (await admin.get(`/api/members?under=${branch.id}`)).json() as { total: number; items: MemberListItem[] };
  expect((await list()).total).toBe(0);
  const m = await create(admin, memberBody(branch.id, { name: '王晓' }));
  expect((await list()).items.map((i) => i.name)).toEqual(['王晓']);
  expect((await admin.patch(`/api/members/${m.id}`, updateBody(m, { phone: '13900001111' }))).statusCode).toBe(200);
  expect((await list()).items[0]?.phone).toBe('13900001111');
  // A reform renames orgs; the list follows the org's row whatever changed it.
  await t.database.db.execute(sql`update orgs set name = '第九党支部' where id = ${branch.id}`);
  expect((await list()).items[0]?.orgName).toBe('第九党支部');
});

describe('status changes', () => {
  const change = (m: { id: string }, version: number, body: Record<string, unknown>) =>
    admin.post(`/api/members/${m.id}/status`, { version, occurredOn: '2025-03-01', ...body });

  it('walks active → mobile → lost contact → suspended → left and records each change as an event', async () => {
    const branch = await newBranch();
    const m = await create(admin, memberBody(branch.id));
    const mobile = await change(m, 1, { status: 'mobile', mobileDestination: '广东省深圳市', occurredOn: '2024-03-01' });
    expect(mobile.statusCode, mobile.body).toBe(200);
    expect(mobile.json()).toMatchObject({ status: 'mobile', statusSince: '2024-03-01', mobileDestination: '广东省深圳市' });
    expect((await change(m, 2, { status: 'lostContact', occurredOn: '2024-06-01' })).json()).toMatchObject({ status: 'lostContact', mobileDestination: null });
    expect((await change(m, 3, { status: 'suspended', occurredOn: '2025-01-01' })).statusCode).toBe(200);
    const left = await change(m, 4, { status: 'left', exitKind: 'removed', occurredOn: '2025-02-01', note: '停止党籍满两年仍无联系' });
    expect(left.json()).toMatchObject({ status: 'left', exitKind: 'removed' });

    const events = (await admin.get(`/api/members/${m.id}/events`)).json() as MemberEvent[];
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['statusChanged', 'suspended', 'left'],
      ['statusChanged', 'lostContact', 'suspended'],
      ['statusChanged', 'mobile', 'lostContact'],
      ['statusChanged', 'active', 'mobile'],
      ['registered', null, 'active'],
    ]);
    expect(events[0]?.note).toBe('停止党籍满两年仍无联系');
    const log = (await admin.get(`/api/audit?entityId=${m.id}&action=member.statusChanged`)).json();
    expect(log.total).toBe(4);
  });

  it('refuses any change after leaving the Party, with 422 on body.status', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id, { status: 'left' });
    const res = await change(m, 1, { status: 'active' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rule_violation', errors: [{ path: 'body.status', message: '该党员已出党，党籍状态不能再变更' }] });
  });

  it('refuses a change straight from suspended to mobile, naming the allowed ones', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id, { status: 'suspended' });
    const res = await change(m, 1, { status: 'mobile', mobileDestination: '北京市' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].message).toContain('可变更为：正常、出党、去世');
  });

  it('refuses setting transferredOut, which only transfers do, and a mobile member without destination', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    const transferred = await change(m, 1, { status: 'transferredOut' });
    expect(transferred.statusCode).toBe(422);
    expect(transferred.json().errors[0].path).toBe('body.status');
    const noPlace = await change(m, 1, { status: 'mobile' });
    expect(noPlace.statusCode).toBe(422);
    expect(noPlace.json().errors[0].path).toBe('body.mobileDestination');
  });

  it('refuses cancelling probation of a full member, and a date before the current status began', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    const cancelled = await change(m, 1, { status: 'left', exitKind: 'probationCancelled' });
    expect(cancelled.statusCode).toBe(422);
    expect(cancelled.json().errors[0].path).toBe('body.exitKind');
    const early = await change(m, 1, { status: 'deceased', occurredOn: '2001-01-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].path).toBe('body.occurredOn');
  });

  it('answers 409 to a status change of an older version', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    expect((await change(m, 1, { status: 'lostContact' })).statusCode).toBe(200);
    const stale = await change(m, 1, { status: 'deceased' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
  });
});

describe('deleting a record', () => {
  it('soft-deletes a record with no history beyond registration: gone from reads and lists, kept in the table', async () => {
    const branch = await newBranch();
    const m = await create(admin, memberBody(branch.id));
    const res = await admin.del(`/api/members/${m.id}`);
    expect(res.statusCode).toBe(200);
    expect((await admin.get(`/api/members/${m.id}`)).statusCode).toBe(403);
    expect((await admin.get(`/api/members?under=${branch.id}&includeFormer=true`)).json().total).toBe(0);
    expect(await countMembers(branch.id)).toBe(1);
    expect(await auditTexts(m.id)).toEqual([expect.stringMatching(/^member\.create/), expect.stringMatching(/^member\.delete/)]);
  });

  it('refuses to delete a member with a status change in their history with 409', async () => {
    const branch = await newBranch();
    const m = await create(admin, memberBody(branch.id));
    await admin.post(`/api/members/${m.id}/status`, { version: 1, status: 'mobile', mobileDestination: '上海市', occurredOn: '2024-05-01' });
    const res = await admin.del(`/api/members/${m.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('党籍状态变更');
    expect((await admin.get(`/api/members/${m.id}`)).statusCode).toBe(200);
  });
});

describe('org figures count members in the registry only', () => {
  it('leaves former members out of member counts, the member indicator and the dissolution check', async () => {
    const branch = await newBranch();
    for (let i = 0; i < 3; i++) await t.newMember(branch.id);
    await t.newMember(branch.id, { status: 'mobile' });
    for (const status of ['left', 'deceased', 'transferredOut'] as const) await t.newMember(branch.id, { status });
    const org = (await admin.get(`/api/orgs/${branch.id}`)).json();
    expect(org).toMatchObject({ memberCount: 4, fullMemberCount: 4 });
    const figure = (await admin.get(`/api/indicators/members.count?orgId=${branch.id}`)).json();
    expect(figure.value).toBe(4);

    const formerOnly = await newBranch();
    await t.newMember(formerOnly.id, { status: 'deceased' });
    const dissolved = await admin.post('/api/orgs/reforms', { kind: 'dissolved', orgId: formerOnly.id, occurredOn: '2025-01-01' });
    expect(dissolved.statusCode, dissolved.body).toBe(200);
  });

  it('records an org change for every member a merge moves, with both org names', async () => {
    const source = await newBranch();
    const target = await newBranch();
    const moved = [await t.newMember(source.id), await t.newMember(source.id)];
    const res = await admin.post('/api/orgs/reforms', { kind: 'merged', orgIds: [source.id], targetId: target.id, occurredOn: '2025-04-01', note: '机构改革' });
    expect(res.statusCode, res.body).toBe(200);
    for (const m of moved) {
      const read = (await admin.get(`/api/members/${m.id}`)).json() as Member;
      expect(read.orgId).toBe(target.id);
      const events = (await admin.get(`/api/members/${m.id}/events`)).json() as MemberEvent[];
      expect(events).toEqual([
        expect.objectContaining({ kind: 'orgChanged', occurredOn: '2025-04-01', fromOrgName: source.name, toOrgName: target.name, note: '机构改革' }),
      ]);
    }
    const [ids] = await rowsOf<{ ok: boolean }>(
      t.database.db,
      sql`select bool_and(id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$') as ok from member_events where kind = 'orgChanged'`,
    );
    expect(ids?.ok).toBe(true);
  });
});

describe('pinyin keys', () => {
  it('reads a surname as a surname when registering through the API: 曾 is zeng, found by zgf and zengguofan', async () => {
    const branch = await newBranch();
    await create(admin, memberBody(branch.id, { name: '曾国藩' }));
    for (const q of ['zgf', 'zengguofan']) {
      const res = await admin.get(`/api/members?under=${branch.id}&q=${q}`);
      expect((res.json() as { items: MemberListItem[] }).items.map((m) => m.name)).toEqual(['曾国藩']);
    }
  });
});
