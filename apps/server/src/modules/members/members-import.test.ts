import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportReport } from '@hangbiao/shared/contracts/imports';
import { makeIdNumber } from '@hangbiao/shared/id-number';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Department, dbKind, type Session, type TestContext, unique } from '../../../test/harness';
import { memberRow, memberWorkbook, type SheetRow, sheetRows } from '../../../test/member-workbooks';
import { rowsOf } from '../../db/client';
import { xlsxType } from '../../platform/xlsx';

let t: TestContext;
let dept: Department;
let admin: Session;
/** A second department of the same committee, outside the org admin's scope. */
let other: Department;
let orgAdmin: Session;

beforeAll(async () => {
  t = await createTestContext();
  dept = await t.newDepartment();
  admin = dept.admin;
  const unitId = (await t.newUnit(dept.committee.id)).id;
  other = { ...dept, unitId, dept: await t.newOrg(dept.committee, { kind: 'unitCommittee', unitId, name: unique('乙局机关党委') }) };
  orgAdmin = await t.as('org_admin', dept.dept.id);
});
afterAll(() => t.close());

const upload = (session: Session, url: string, body: Buffer) => session.request('POST', url, body, { 'content-type': xlsxType });
const preview = async (session: Session, body: Buffer, layout = 'registry') => {
  const res = await upload(session, `/api/members/import/preview?layout=${layout}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportReport;
};
const workbookOf = async (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain(xlsxType);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
};
function sheetOf(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}
const titlesOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as string[]).slice(1);
const exported = async (session: Session, query: string) => {
  const res = await session.get(`/api/members/export?${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
};
const membersIn = async (orgId: string) =>
  (await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from members where org_id = ${orgId} and deleted_at is null`))[0]?.n;

/** A new branch in its own department, with that department's name path as a sheet names it. */
async function newBranch(parent = dept) {
  const branch = await t.newOrg(parent.dept, { unitId: parent.unitId, name: unique('导入支部') });
  return { ...branch, typed: `${parent.dept.name}/${branch.name}` };
}

describe('member import template', () => {
  it('has the instructions, dropdowns with zh labels for every enumeration, and the branches the importer may use', async () => {
    const branch = await newBranch();
    const book = await workbookOf(await admin.get('/api/members/import/template'));
    const data = sheetOf(book, '党员名册');
    const titles = titlesOf(data);
    expect(titles).toEqual([
      '系统编号',
      '姓名',
      '性别',
      '民族',
      '公民身份号码',
      '出生日期',
      '学历',
      '人员类别',
      '所在党支部',
      '加入党组织日期',
      '转为正式党员日期',
      '工作岗位',
      '职务职级',
      '联系电话',
      '家庭住址',
      '党籍状态',
      '状态日期',
      '外出流向',
    ]);
    const lists = sheetOf(book, '选项');
    expect(lists.state).toBe('hidden');
    const listed = (column: string) => {
      const validation = data.getCell(`${column}2`).dataValidation;
      expect(validation.type).toBe('list');
      const [, letter, last] = /\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)/.exec(String(validation.formulae[0])) ?? [];
      return Array.from({ length: Number(last) }, (_, i) => lists.getCell(`${letter}${i + 1}`).value);
    };
    expect(listed('C')).toEqual(['男', '女']);
    expect(listed('D')).toHaveLength(56);
    expect(listed('D')).toContain('朝鲜族');
    expect(listed('G')).toContain('大学本科');
    expect(listed('H')).toEqual(['正式党员', '预备党员']);
    expect(listed('I')).toContain(branch.typed);
    expect(listed('L')).toContain('参照公务员法管理人员');
    expect(data.getCell('C5000').dataValidation.type).toBe('list');
    const info = sheetOf(book, '填写说明');
    const text = JSON.stringify(info.getSheetValues());
    expect(text).toContain('出生日期 < 加入党组织日期 < 转为正式党员日期');
    expect(text).toContain('校验码');
    expect(text).toContain('管理范围');
    expect(info.getRow(5).values).toEqual([undefined, '系统编号', '选填', expect.any(String)]);
    expect(info.getRow(6).values).toEqual([undefined, '姓名', '必填', '党员姓名']);
  });

  it('lays the national collection form out with its 16 items', async () => {
    const book = await workbookOf(await admin.get('/api/members/import/template?layout=national'));
    const titles = titlesOf(sheetOf(book, '党员信息采集表'));
    expect(titles).toEqual([
      '姓名',
      '性别',
      '民族',
      '公民身份号码',
      '出生日期',
      '学历',
      '人员类别',
      '所在党支部',
      '加入党组织日期',
      '转为正式党员日期',
      '工作岗位',
      '联系电话',
      '家庭住址',
      '党籍状态',
      '是否失联党员',
      '失联日期',
      '是否流动党员',
      '外出流向',
    ]);
  });
});

describe('member import', () => {
  it('writes 10,000 valid rows in one import, with their registration events and one audit row', async () => {
    const branch = await newBranch();
    const body = await memberWorkbook(Array.from({ length: 10_000 }, () => memberRow(branch.typed)));
    const seen = await preview(admin, body);
    expect(seen).toMatchObject({ committed: false, rows: 10_000, created: 10_000, updated: 0, unchanged: 0, failed: 0, issueCount: 0 });
    expect(seen.preview).toHaveLength(20);
    expect(seen.preview[0]).toMatchObject({ row: 2, action: 'create' });
    expect(await membersIn(branch.id)).toBe(0);

    const res = await upload(admin, '/api/members/import', body);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ committed: true, created: 10_000, failed: 0 });
    expect(await membersIn(branch.id)).toBe(10_000);
    const [events] = await rowsOf<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from member_events e join members m on m.id = e.member_id where m.org_id = ${branch.id} and e.kind = 'registered'`,
    );
    expect(events?.n).toBe(10_000);
    const log = (await admin.get(`/api/audit?action=member.import&pageSize=5`)).json() as { items: { summary: Record<string, unknown>; orgId: string }[] };
    expect(log.items[0]).toMatchObject({ orgId: branch.id, summary: { layout: 'registry', rows: 10_000, created: 10_000, updated: 0, unchanged: 0 } });
  });

  it('writes none of 10,000 rows when the last has an error, and the error sheet names row 10,001 and its column', async () => {
    const branch = await newBranch();
    const rows = Array.from({ length: 10_000 }, () => memberRow(branch.typed));
    rows[9_999] = { ...(rows[9_999] as SheetRow), 转为正式党员日期: '1960-01-01' };
    const body = await memberWorkbook(rows);

    const res = await upload(admin, '/api/members/import', body);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'rows.10001.转为正式党员日期', message: '转正日期应晚于入党日期' }] });
    expect(await membersIn(branch.id)).toBe(0);

    const book = await workbookOf(await upload(admin, '/api/members/import/errors', body));
    const sheet = sheetOf(book, '党员名册');
    const header = titlesOf(sheet);
    const errorColumn = header.indexOf('错误说明') + 1;
    expect(errorColumn).toBe(header.length);
    expect(sheet.getRow(10_001).getCell(errorColumn).value).toBe('转为正式党员日期：转正日期应晚于入党日期');
    expect(sheet.getRow(10_000).getCell(errorColumn).value ?? null).toBeNull();
    const fullOnColumn = header.indexOf('转为正式党员日期') + 1;
    expect(sheet.getRow(10_001).getCell(fullOnColumn).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(sheet.getRow(10_001).getCell(fullOnColumn).value).toBe('1960-01-01');
  });

  it('refuses duplicate ID numbers within the file and against the registry, naming the rows, and writes nothing', async () => {
    const branch = await newBranch();
    const otherBranch = await t.newOrg(other.dept, { unitId: other.unitId });
    const outsider = await t.newMember(otherBranch.id);
    const [kept, named, second, third] = [
      await t.newMember(branch.id),
      await t.newMember(branch.id),
      await t.newMember(branch.id),
      await t.newMember(branch.id),
    ];
    const registry = await sheetRows(await exported(admin, `under=${branch.id}`));
    const rowOf = (id: string) => registry.find((r) => r.系统编号 === id) as SheetRow;
    const first = memberRow(branch.typed);
    const rows = [
      first,
      { ...memberRow(branch.typed), 公民身份号码: first.公民身份号码 ?? null, 出生日期: first.出生日期 ?? null, 性别: first.性别 ?? null },
      { ...rowOf(kept.id), 系统编号: null, 学历: '硕士研究生' },
      { ...rowOf(named.id), 系统编号: null, 姓名: '改了名' },
      { ...rowOf(second.id), 公民身份号码: third.idNumber, 出生日期: rowOf(third.id).出生日期 ?? null, 性别: rowOf(third.id).性别 ?? null },
      { ...memberRow(branch.typed), 公民身份号码: outsider.idNumber },
    ];
    const outsiderFacts = (await sheetRows(await exported(admin, `under=${otherBranch.id}`)))[0] as SheetRow;
    rows[5] = { ...(rows[5] as SheetRow), 姓名: outsider.name, 出生日期: outsiderFacts.出生日期 ?? null, 性别: outsiderFacts.性别 ?? null };
    const body = await memberWorkbook(rows, { titles: Object.keys(rowOf(kept.id)) });

    const report = await preview(orgAdmin, body);
    expect(report).toMatchObject({ rows: 6, created: 1, updated: 1, failed: 4 });
    expect(report.issues).toEqual([
      { row: 3, column: '公民身份号码', message: '与第 2 行的身份证号重复' },
      { row: 5, column: '姓名', message: expect.stringContaining(`该身份证号已登记为“${named.name}”`) },
      { row: 6, column: '公民身份号码', message: '该身份证号已登记为另一名党员' },
      { row: 7, column: '公民身份号码', message: '该身份证号已登记在您管理范围以外的党组织；调入须办理组织关系转接' },
    ]);
    const res = await upload(orgAdmin, '/api/members/import', body);
    expect(res.statusCode).toBe(422);
    expect(await membersIn(branch.id)).toBe(4);
    const stored = (await admin.get(`/api/members/${kept.id}`)).json() as { education: string; version: number };
    expect(stored).toMatchObject({ education: 'bachelor', version: 1 });
  });

  it("refuses orgs outside the importer's scope and orgs that hold no members, and writes nothing", async () => {
    const branch = await newBranch();
    const outside = await t.newOrg(other.dept, { unitId: other.unitId, name: unique('乙支部') });
    const body = await memberWorkbook([
      memberRow(branch.id),
      memberRow(`${other.dept.name}/${outside.name}`),
      memberRow(outside.id),
      memberRow(dept.dept.name),
    ]);
    const report = await preview(orgAdmin, body);
    expect(report).toMatchObject({ rows: 4, created: 1, failed: 3 });
    expect(report.issues).toEqual([
      { row: 3, column: '所在党支部', message: `没有名为“${other.dept.name}/${outside.name}”的组织，或该组织不在您的管理范围内` },
      { row: 4, column: '所在党支部', message: '没有这个组织编号，或该组织不在您的管理范围内' },
      { row: 5, column: '所在党支部', message: '党员须编入党支部或联合党支部，不能直接编入机关党委' },
    ]);
    const res = await upload(orgAdmin, '/api/members/import', body);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toHaveLength(3);
    expect(await membersIn(branch.id)).toBe(0);
    expect(await membersIn(outside.id)).toBe(0);
  });

  it('round-trips an export: re-importing it finds every member unchanged and changes nothing', async () => {
    const branch = await newBranch();
    await t.newMember(branch.id);
    await t.newMember(branch.id, { category: 'probationary', fullOn: null });
    await t.newMember(branch.id, { status: 'lostContact' });
    const created = await admin.post('/api/members', {
      orgId: branch.id,
      name: '欧阳测试',
      gender: 'female',
      ethnicity: 'manchu',
      idNumber: makeIdNumber('990101', '1988-02-14', 2),
      birthDate: '1988-02-14',
      education: 'master',
      category: 'full',
      joinedOn: '2012-07-01',
      fullOn: '2013-07-01',
      jobPost: 'professional',
      rank: '二级主任科员',
      phone: '0451-86661234',
      address: '黑龙江省双鸭山市尖山区测试路 1 号',
    });
    expect(created.statusCode, created.body).toBe(200);
    const before = await rowsOf<{ id: string; version: number; updated_at: string }>(
      t.database.db,
      sql`select id, version, updated_at::text from members where org_id = ${branch.id} order by id`,
    );

    for (const layout of ['registry', 'national']) {
      const body = await exported(admin, `under=${branch.id}&layout=${layout}`);
      expect(await preview(admin, body, layout)).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 4, failed: 0 });
      const res = await upload(admin, `/api/members/import?layout=${layout}`, body);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json()).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 4 });
    }
    const after = await rowsOf<{ id: string; version: number; updated_at: string }>(
      t.database.db,
      sql`select id, version, updated_at::text from members where org_id = ${branch.id} order by id`,
    );
    expect(after).toEqual(before);
  });

  it('updates the changed fields of exported rows and refuses org, category and status changes', async () => {
    const branch = await newBranch();
    const [a, b] = [await t.newMember(branch.id), await t.newMember(branch.id)];
    const rows = await sheetRows(await exported(admin, `under=${branch.id}`));
    const edited = rows.map((row) => (row.系统编号 === a.id ? { ...row, 姓名: '新名字', 学历: '硕士研究生', 联系电话: '13812345678' } : row));
    const report = await preview(admin, await memberWorkbook(edited));
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(report.preview.find((p) => p.action === 'update')?.cells).toContain('新名字');
    expect((await upload(admin, '/api/members/import', await memberWorkbook(edited))).statusCode).toBe(200);
    expect((await admin.get(`/api/members/${a.id}`)).json()).toMatchObject({ name: '新名字', education: 'master', phone: '13812345678', version: 2 });
    expect((await admin.get(`/api/members/${b.id}`)).json()).toMatchObject({ version: 1 });

    const forbidden = rows.map((row) =>
      row.系统编号 === b.id ? { ...row, 人员类别: '预备党员', 转为正式党员日期: null, 党籍状态: '停止党籍', 所在党支部: dept.dept.id } : row,
    );
    const refused = await preview(admin, await memberWorkbook(forbidden));
    expect(refused.issues.map((i) => i.column)).toEqual(['所在党支部', '人员类别', '党籍状态']);
    expect(refused.issues[0]?.message).toContain('组织关系转接');
  });

  it('masks ID and phone numbers for a reader without members.sensitive, and a masked export re-imports as unchanged', async () => {
    const branch = await newBranch();
    const member = await t.newMember(branch.id);
    const inspector = await t.as('inspector', dept.committee.id);
    const masked = await exported(inspector, `under=${branch.id}`);
    const [row] = await sheetRows(masked);
    expect(row?.公民身份号码).toBe(`${member.idNumber.slice(0, 6)}********${member.idNumber.slice(14)}`);
    expect(row?.联系电话).toBe('139****0000');
    const [plain] = await sheetRows(await exported(orgAdmin, `under=${branch.id}`));
    expect(plain?.公民身份号码).toBe(member.idNumber);

    expect(await preview(admin, masked)).toMatchObject({ updated: 0, unchanged: 1, failed: 0 });
    const edited = await memberWorkbook([{ ...(row as SheetRow), 学历: '大学专科' }]);
    expect((await upload(admin, '/api/members/import', edited)).statusCode).toBe(200);
    expect((await admin.get(`/api/members/${member.id}`)).json()).toMatchObject({ education: 'associate', idNumber: member.idNumber, phone: '13900000000' });
    const forged = await memberWorkbook([{ ...(row as SheetRow), 系统编号: null }]);
    expect((await preview(admin, forged)).issues).toEqual([
      { row: 2, column: '公民身份号码', message: '脱敏的身份证号只能用于更新已有党员：新增党员请填写完整号码' },
    ]);
  });

  it("exports only the members in the reader's scope", async () => {
    const unitId = (await t.newUnit(dept.committee.id)).id;
    const own = await t.newOrg(dept.committee, { kind: 'unitCommittee', unitId, name: unique('丙局机关党委') });
    const inside = await t.newMember((await t.newOrg(own, { unitId })).id);
    const outside = await t.newMember((await t.newOrg(other.dept, { unitId: other.unitId })).id);
    const reader = await t.as('org_admin', own.id);
    const names = (await sheetRows(await exported(reader, ''))).map((r) => r.姓名);
    expect(names).toEqual([inside.name]);
    expect(names).not.toContain(outside.name);
    expect((await reader.get(`/api/members/export?under=${other.dept.id}`)).statusCode).toBe(403);
  });

  it('imports and exports the national collection form, lost-contact and mobile members included', async () => {
    const branch = await newBranch();
    const national = (overrides: SheetRow) => ({ ...memberRow(branch.typed), 党籍状态: '正常', 是否失联党员: '否', 是否流动党员: '否', ...overrides });
    const rows = [
      national({ 是否失联党员: '是', 失联日期: '2024-03-01' }),
      national({ 是否流动党员: '是', 外出流向: '广东省深圳市' }),
      national({ 党籍状态: '停止党籍' }),
      national({ 是否流动党员: '是' }),
    ];
    const body = await memberWorkbook(rows);
    const report = await preview(admin, body, 'national');
    expect(report).toMatchObject({ created: 3, failed: 1 });
    expect(report.issues).toEqual([{ row: 5, column: '外出流向', message: '流动党员须填写外出流向' }]);
    const good = await memberWorkbook(rows.slice(0, 3));
    expect((await upload(admin, '/api/members/import?layout=national', good)).statusCode).toBe(200);
    const stored = await rowsOf<{ status: string; status_since: string; mobile_destination: string | null }>(
      t.database.db,
      sql`select status, status_since::text, mobile_destination from members where org_id = ${branch.id} order by status`,
    );
    expect(stored).toEqual([
      { status: 'lostContact', status_since: '2024-03-01', mobile_destination: null },
      { status: 'mobile', status_since: expect.any(String), mobile_destination: '广东省深圳市' },
      { status: 'suspended', status_since: expect.any(String), mobile_destination: null },
    ]);
    const exportedRows = await sheetRows(await exported(admin, `under=${branch.id}&layout=national`), '党员信息采集表');
    expect(exportedRows.map((r) => [r.党籍状态, r.是否失联党员, r.失联日期, r.是否流动党员, r.外出流向]).sort()).toEqual(
      [
        ['正常', '否', null, '是', '广东省深圳市'],
        ['正常', '是', '2024-03-01', '否', null],
        ['停止党籍', '否', null, '否', null],
      ].sort(),
    );
  });

  it('exports the national org form: secretary, contact and the unit situation of each org', async () => {
    const branch = await newBranch();
    expect(
      (await admin.post(`/api/orgs/${branch.id}/terms`, { termStart: '2024-01-01', posts: [{ post: 'secretary', holderName: '王书记' }] })).statusCode,
    ).toBe(200);
    expect((await admin.patch(`/api/orgs/${branch.id}`, { version: 1, contactName: '李联络', contactPhone: '0469-1234567' })).statusCode).toBe(200);
    const joint = await admin.post('/api/orgs', {
      parentId: dept.dept.id,
      name: unique('联合支部'),
      kind: 'jointBranch',
      coveredUnitIds: [dept.unitId, other.unitId],
      establishedOn: '2024-01-01',
    });
    expect(joint.statusCode, joint.body).toBe(200);
    const res = await admin.get(`/api/members/export/orgs?under=${dept.dept.id}`);
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      '上级党组织',
      '党组织名称',
      '党组织书记',
      '党组织联系人',
      '联系电话',
      '党组织类别',
      '单位情况',
      '单位名称',
      '单位性质类别',
      '单位隶属层级',
      '单位所在地区',
    ]);
    expect(rows[0]).toMatchObject({
      党组织名称: dept.dept.name,
      党组织类别: '机关党委',
      单位情况: '法人单位单独建立',
      单位性质类别: '政府部门',
      单位隶属层级: '市直',
    });
    expect(rows.find((r) => r.党组织名称 === branch.name)).toMatchObject({
      上级党组织: dept.dept.name,
      党组织书记: '王书记',
      党组织联系人: '李联络',
      联系电话: '0469-1234567',
      党组织类别: '党支部',
      单位情况: '与上级党组织所在单位相同',
      单位名称: null,
    });
    expect(rows.find((r) => r.党组织类别 === '联合党支部')?.单位情况).toBe('多个单位联合建立');
  });

  it('answers problem+json for a body that is no workbook, a JSON body, and a sheet without required columns', async () => {
    const garbage = await upload(admin, '/api/members/import/preview', Buffer.from('not a workbook'));
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json()).toMatchObject({ code: 'validation_failed', detail: expect.stringContaining('.xlsx') });
    const json = await admin.post('/api/members/import/preview', { rows: [] });
    expect(json.statusCode).toBe(415);
    expect(json.headers['content-type']).toContain('application/problem+json');
    const { 公民身份号码: _dropped, ...row } = memberRow('x');
    const missing = await upload(admin, '/api/members/import', await memberWorkbook([row]));
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'columns.公民身份号码', message: '缺少此列' }] });
  });
});

describe.runIf(dbKind === 'postgres')('an import killed mid-way', () => {
  it('leaves no rows when its process is killed while rows are being inserted', async () => {
    const branch = await newBranch();
    const file = join(tmpdir(), `${unique('hb-import-')}.xlsx`);
    writeFileSync(file, await memberWorkbook(Array.from({ length: 30_000 }, () => memberRow(branch.typed))));
    const user = await t.newUser('committee_admin', dept.committee.id);
    const actor = {
      id: user.id,
      username: user.username,
      displayName: '测试',
      committeeId: dept.committee.id,
      mustChangePassword: false,
      roles: [
        { id: user.id, role: 'committee_admin', orgId: dept.committee.id, orgName: '测试', orgPath: dept.committee.path, committeeId: dept.committee.id },
      ],
      sessionId: user.id,
      csrfToken: '',
    };
    const url = (t.database as typeof t.database & { url: string }).url;
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    const inserting = async () =>
      (
        await probe.query(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query like 'insert into "members"%'`,
        )
      ).rows[0].n > 0;
    const script = new URL('../../../test/members-import-child.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', script, url, t.app.config.ENCRYPTION_KEY ?? '', JSON.stringify(actor), file], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(inserting, { timeout: 50_000, interval: 20 }).toBe(true);
      process.kill(child.pid as number, 'SIGKILL');
      await exited;
      await expect.poll(inserting, { timeout: 10_000, interval: 100 }).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await membersIn(branch.id)).toBe(0);
    const audits = await probe.query(`select count(*)::int as n from audit_log where action = 'member.import' and actor_id = $1`, [user.id]);
    expect(audits.rows[0].n).toBe(0);
    await probe.end();
  });
});
