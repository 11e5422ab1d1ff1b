import { addDays, shanghaiDate } from '@hangbiao/shared/dates';
import type { ComplianceStatus, MeetingKind } from '@hangbiao/shared/glossary';
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext, unique } from '../../../test/harness';
import { rowsOf } from '../../db/client';
import { seed } from '../../db/seed';
import { systemCtx } from '../../platform/context';
import { sealerFor } from '../../platform/secrets';
import { evaluateTree } from './orglife-compliance.service';
import { missedRequirementCounts, missedRequirementRecords, refreshMissedRollup } from './orglife-missed.service';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

interface Series {
  kind: MeetingKind;
  period: 'month' | 'quarter' | 'year';
  statuses: ComplianceStatus[];
  required: number[];
  held: number[];
}
interface Matrix {
  periods: Record<'month' | 'quarter' | 'year', string[]>;
  summary: { counts: Record<ComplianceStatus, number>; rate: number | null; orgs: number; orgsWithMisses: number };
  items: { orgId: string; name: string; series: Series[]; counts: Record<ComplianceStatus, number> }[];
  total: number;
}

/** The missed cells of a matrix as the missed-requirements indicator names its records: org, kind, first day. */
function missedCellIds(matrix: Matrix): string[] {
  const firstDay = (period: Series['period'], key: string) =>
    period === 'month' ? `${key}-01` : period === 'quarter' ? `${key.slice(0, 4)}-${String(Number(key.slice(6)) * 3 - 2).padStart(2, '0')}-01` : `${key}-01-01`;
  return matrix.items
    .flatMap((row) =>
      row.series.flatMap((s) =>
        s.statuses.flatMap((status, i) => (status === 'missed' ? [`${row.orgId}:${s.kind}:${firstDay(s.period, matrix.periods[s.period][i] as string)}`] : [])),
      ),
    )
    .sort();
}

async function missedRecordIds(client: Session, orgId: string, year: string): Promise<string[]> {
  const res = await client.get(`/api/indicators/orglife.compliance.missed/records?orgId=${orgId}&from=${year}-01-01&to=${year}-12-31&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { id: string }[] }).items.map((r) => r.id).sort();
}

/** A department (unit Party committee) with a branch of `full` full members, and an org_admin of the department. */
async function department(full = 8) {
  const { committee, unitId, dept } = await t.newDepartment();
  const branch = await t.newOrg(dept, { kind: 'branch', unitId, establishedOn: '2020-01-01' });
  for (let i = 0; i < full; i++) await t.newMember(branch.id);
  return { committee, unitId, dept, branch, admin: await t.as('org_admin', dept.id) };
}

/** Records a meeting as held through the meetings API (planned, then marked held with its first agenda item). */
async function hold(admin: Session, orgId: string, kind: MeetingKind, startsAt: string) {
  const planned = await admin.post('/api/meetings', { orgId, kind, startsAt, place: '党员活动室' });
  expect(planned.statusCode, planned.body).toBe(200);
  const { id, version } = planned.json() as { id: string; version: number };
  const held = await admin.patch(`/api/meetings/${id}`, { version, status: 'held', firstTopic: '学习习近平总书记近期重要讲话精神' });
  expect(held.statusCode, held.body).toBe(200);
  return id;
}

async function matrixOf(session: Session, query: string): Promise<Matrix> {
  const res = await session.get(`/api/orglife/compliance?pageSize=1000&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Matrix;
}

/** The cells of one org and kind, keyed by period. */
function cellsOf(matrix: Matrix, orgId: string, kind: MeetingKind) {
  const series = matrix.items.find((r) => r.orgId === orgId)?.series.find((s) => s.kind === kind);
  if (!series) return undefined;
  return Object.fromEntries(
    matrix.periods[series.period].map((key, i) => [key, { status: series.statuses[i], required: series.required[i], held: series.held[i] }]),
  );
}

const statusesOf = (matrix: Matrix, orgId: string, kind: MeetingKind) =>
  Object.fromEntries(Object.entries(cellsOf(matrix, orgId, kind) ?? {}).map(([key, cell]) => [key, cell.status]));

describe('period edges in Asia/Shanghai (支部工作条例 2018 第十一条、第十二条、第二十条)', () => {
  let d: Awaited<ReturnType<typeof department>>;
  let matrix: Matrix;

  beforeAll(async () => {
    d = await department();
    await hold(d.admin, d.branch.id, 'committeeMeeting', '2026-03-31T23:30:00+08:00');
    await hold(d.admin, d.branch.id, 'committeeMeeting', '2026-04-01T00:10:00+08:00');
    await hold(d.admin, d.branch.id, 'generalMeeting', '2026-03-31T23:30:00+08:00');
    await hold(d.admin, d.branch.id, 'orgLifeMeeting', '2025-12-31T23:30:00+08:00');
    await hold(d.admin, d.branch.id, 'memberReview', '2026-01-01T00:10:00+08:00');
    matrix = await matrixOf(d.admin, `orgId=${d.dept.id}&from=2025-01&to=2026-06`);
  });

  it('counts a meeting at 23:30 on 31 March for March and one at 00:10 on 1 April for April', () => {
    const cells = cellsOf(matrix, d.branch.id, 'committeeMeeting');
    expect(cells?.['2026-03']).toEqual({ status: 'met', required: 1, held: 1 });
    expect(cells?.['2026-04']).toEqual({ status: 'met', required: 1, held: 1 });
    expect(cells?.['2026-02']).toEqual({ status: 'missed', required: 1, held: 0 });
  });

  it('counts the general meeting of 31 March 23:30 for the first quarter, not the second', () => {
    expect(statusesOf(matrix, d.branch.id, 'generalMeeting')).toMatchObject({ '2026-Q1': 'met', '2026-Q2': 'missed' });
  });

  it('counts the org-life meeting of 31 December 23:30 for 2025, and the review of 1 January 00:10 for 2026 only', () => {
    expect(statusesOf(matrix, d.branch.id, 'orgLifeMeeting')).toEqual({ '2025': 'met' });
    expect(statusesOf(matrix, d.branch.id, 'memberReview')).toEqual({ '2025': 'missed' });
  });

  it('lists the periods falling due in the range, each in the month it ends', () => {
    expect(matrix.periods.quarter).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(matrix.periods.year).toEqual(['2025']);
    expect(matrix.periods.month).toHaveLength(18);
  });
});

describe('the matrix of a small subtree, computed by hand for 2025', () => {
  let d: Awaited<ReturnType<typeof department>>;
  let b: { id: string };
  let group: { id: string };
  let matrix: Matrix;

  beforeAll(async () => {
    d = await department(8);
    group = await t.newOrg(d.branch, { kind: 'group', establishedOn: '2020-01-01' });
    b = await t.newOrg(d.dept, { kind: 'branch', unitId: d.unitId, establishedOn: '2020-01-01' });
    for (let i = 0; i < 3; i++) await t.newMember(b.id);
    const a = d.branch.id;
    const at = (month: string, day = 15) => `2025-${month}-${String(day).padStart(2, '0')}T15:00:00+08:00`;
    for (const m of ['01', '02', '03', '04', '05', '06']) await hold(d.admin, a, 'committeeMeeting', at(m));
    for (let m = 1; m <= 12; m++) await hold(d.admin, a, 'themeDay', at(String(m).padStart(2, '0'), 8));
    for (const m of ['02', '05', '11']) await hold(d.admin, a, 'generalMeeting', at(m, 20));
    await hold(d.admin, a, 'partyLecture', at('03', 25));
    await hold(d.admin, a, 'orgLifeMeeting', at('11', 26));
    await hold(d.admin, a, 'memberReview', at('12', 10));
    await hold(d.admin, b.id, 'themeDay', at('01', 9));
    await hold(d.admin, group.id, 'groupMeeting', at('01', 12));
    await hold(d.admin, group.id, 'groupMeeting', at('02', 12));
    matrix = await matrixOf(d.admin, `orgId=${d.dept.id}&from=2025-01&to=2025-12`);
  });

  it('judges every cell as the rules say', () => {
    const a = d.branch.id;
    const missedMonths = (n: number) => Array.from({ length: n }, () => 'missed');
    expect(Object.values(statusesOf(matrix, a, 'committeeMeeting'))).toEqual([...Array(6).fill('met'), ...missedMonths(6)]);
    expect(Object.values(statusesOf(matrix, a, 'themeDay'))).toEqual(Array(12).fill('met'));
    expect(statusesOf(matrix, a, 'generalMeeting')).toEqual({ '2025-Q1': 'met', '2025-Q2': 'met', '2025-Q3': 'missed', '2025-Q4': 'met' });
    expect(statusesOf(matrix, a, 'partyLecture')).toEqual({ '2025-Q1': 'met', '2025-Q2': 'missed', '2025-Q3': 'missed', '2025-Q4': 'missed' });
    expect(statusesOf(matrix, a, 'orgLifeMeeting')).toEqual({ '2025': 'met' });
    expect(statusesOf(matrix, a, 'memberReview')).toEqual({ '2025': 'met' });
    expect(statusesOf(matrix, a, 'heartTalk')).toEqual({ '2025': 'missed' });
    // Three full members: no committee, so no committee meetings are owed (第八条).
    expect(cellsOf(matrix, b.id, 'committeeMeeting')).toBeUndefined();
    expect(Object.values(statusesOf(matrix, b.id, 'themeDay'))).toEqual(['met', ...missedMonths(11)]);
    expect(Object.values(statusesOf(matrix, group.id, 'groupMeeting'))).toEqual(['met', 'met', ...missedMonths(10)]);
    // The department is its unit's top org: its leading group owes 12 central-group sessions (local rule).
    expect(cellsOf(matrix, d.dept.id, 'centralGroupStudy')).toEqual({ '2025': { status: 'missed', required: 12, held: 0 } });
  });

  it('sums rows and the subtree: met 27, missed 44, rate 27 / 71', () => {
    const counts = Object.fromEntries(matrix.items.map((r) => [r.orgId, [r.counts.met, r.counts.missed]]));
    expect(counts).toEqual({ [d.dept.id]: [0, 1], [d.branch.id]: [24, 11], [group.id]: [2, 10], [b.id]: [1, 22] });
    expect(matrix.summary).toMatchObject({ orgs: 4, orgsWithMisses: 4, rate: 27 / 71 });
    expect(matrix.summary.counts).toMatchObject({ met: 27, missed: 44, pending: 0, dueSoon: 0, overdue: 0, exempt: 0 });
    expect(matrix.items.map((r) => r.orgId)).toEqual([d.dept.id, d.branch.id, group.id, b.id]);
  });

  it('narrows to one kind and to orgs with a given status', async () => {
    const lectures = await matrixOf(d.admin, `orgId=${d.dept.id}&from=2025-01&to=2025-12&kind=partyLecture`);
    expect(lectures.items.map((r) => r.orgId)).toEqual([d.branch.id, b.id]);
    expect(lectures.summary.counts).toMatchObject({ met: 1, missed: 7 });
    const themeDays = await matrixOf(d.admin, `orgId=${d.dept.id}&from=2025-01&to=2025-12&kind=themeDay&status=missed`);
    expect(themeDays.items.map((r) => r.orgId)).toEqual([b.id]);
    expect(themeDays.summary.orgs).toBe(2);
  });

  it('explains a cell and lists the meetings it counted', async () => {
    const res = await d.admin.get(`/api/orglife/compliance/orgs/${d.branch.id}?from=2025-01&to=2025-12`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json() as {
      cells: { kind: string; period: string; explanation: string; source: string; meetings: { heldOn: string }[] }[];
      rate: number;
    };
    const heart = detail.cells.find((c) => c.kind === 'heartTalk' && c.period === '2025');
    expect(heart?.explanation).toBe('谈心谈话 2025年：应开 1 次，实开 0 次（未完成）');
    expect(heart?.source).toContain('第二十一条');
    const march = detail.cells.find((c) => c.kind === 'committeeMeeting' && c.period === '2025-03');
    expect(march?.meetings.map((m) => m.heldOn)).toEqual(['2025-03-15']);
    expect(march?.explanation).toBe('支部委员会会议 2025年3月：应开 1 次，实开 1 次（已完成）');
    expect(detail.rate).toBe(24 / 35);
  });

  it('records the same missed cells as the missed-requirements indicator', async () => {
    const records = await missedRecordIds(d.admin, d.dept.id, '2025');
    expect(records).toHaveLength(44);
    expect(records).toEqual(missedCellIds(matrix));
  });

  it('exports the matrix to Excel: one row per org and requirement, cells in the month they fall due', async () => {
    const res = await d.admin.get(`/api/orglife/compliance/export?orgId=${d.dept.id}&from=2025-01&to=2025-12`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '组织名称', '组织类别', '组织生活', '周期', ...matrix.periods.month, '完成率']);
    expect((sheet?.rowCount ?? 0) - 1).toBe(matrix.items.reduce((n, r) => n + r.series.length, 0));
    const lecture = sheet
      ?.getRows(2, (sheet?.rowCount ?? 1) - 1)
      ?.find((r) => String(r.getCell(1).value).includes(d.branch.name) && r.getCell(3).value === '党课');
    // Columns 5 onwards are the months: the first quarter falls due in March (7), the second in June (10).
    expect(lecture?.getCell(7).value).toBe('已完成 1/1');
    expect(lecture?.getCell(10).value).toBe('未完成 0/1');
    expect(lecture?.getCell(8).value).toBeNull();
  });
});

describe('pro-rating for an org founded mid-period', () => {
  it('owes nothing for March when founded on 20 March, and the full April', async () => {
    const d = await department();
    const late = await t.newOrg(d.dept, { kind: 'branch', unitId: d.unitId, establishedOn: '2025-03-20' });
    const matrix = await matrixOf(d.admin, `orgId=${late.id}&from=2025-02&to=2025-04&kind=themeDay`);
    expect(statusesOf(matrix, late.id, 'themeDay')).toEqual({ '2025-02': 'notApplicable', '2025-03': 'notApplicable', '2025-04': 'missed' });
    expect(cellsOf(matrix, late.id, 'themeDay')?.['2025-03']?.required).toBe(0);
  });
});

describe('where the current periods stand today', () => {
  it('shows this month pending or due soon and last month overdue or missed, by the lead and grace days', async () => {
    const d = await department();
    const today = shanghaiDate(new Date());
    const thisMonth = today.slice(0, 7);
    const lastDay = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).getUTCDate();
    const daysLeft = lastDay - Number(today.slice(8, 10)) + 1;
    const lastMonth = addDays(`${thisMonth}-01`, -1).slice(0, 7);
    const matrix = await matrixOf(d.admin, `orgId=${d.branch.id}&from=${lastMonth}&to=${thisMonth}&kind=committeeMeeting`);
    expect(statusesOf(matrix, d.branch.id, 'committeeMeeting')).toEqual({
      [lastMonth]: Number(today.slice(8, 10)) <= 10 ? 'overdue' : 'missed',
      [thisMonth]: daysLeft <= 7 ? 'dueSoon' : 'pending',
    });
    await hold(d.admin, d.branch.id, 'committeeMeeting', new Date(Date.now() - 60_000).toISOString());
    const after = await matrixOf(d.admin, `orgId=${d.branch.id}&from=${thisMonth}&to=${thisMonth}&kind=committeeMeeting`);
    expect(statusesOf(after, d.branch.id, 'committeeMeeting')).toEqual({ [thisMonth]: 'met' });
  });
});

describe('exemptions', () => {
  it('exempts the months approved, is audited, refuses overlaps, and counts again once withdrawn', async () => {
    const d = await department();
    const query = `orgId=${d.branch.id}&from=2025-01&to=2025-12&kind=themeDay`;
    const body = { orgId: d.branch.id, kind: 'themeDay', from: '2025-02', to: '2025-04', reason: '机构改革期间支部调整', approvedBy: '市直机关工委组织部' };
    const created = await d.admin.post('/api/orglife/exemptions', body);
    expect(created.statusCode, created.body).toBe(200);
    const exemption = created.json() as { id: string };
    const exempt = await matrixOf(d.admin, query);
    expect(Object.values(statusesOf(exempt, d.branch.id, 'themeDay'))).toEqual(['missed', 'exempt', 'exempt', 'exempt', ...Array(8).fill('missed')]);
    expect(exempt.summary.counts.exempt).toBe(3);
    const [log] = await rowsOf<{ action: string; org_id: string }>(
      t.database.db,
      sql`select action, org_id from audit_log where entity_type = 'exemption' and entity_id = ${exemption.id}`,
    );
    expect(log).toEqual({ action: 'orglife.exemptionCreated', org_id: d.branch.id });

    const overlap = await d.admin.post('/api/orglife/exemptions', { ...body, kind: null, from: '2025-04', to: '2025-05' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().errors[0].path).toBe('body.from');
    const otherKind = await d.admin.post('/api/orglife/exemptions', { ...body, kind: 'generalMeeting' });
    expect(otherKind.statusCode, otherKind.body).toBe(200);
    // The indicator's SQL judges exempt days like the matrix, for a whole period and for part of a quarter.
    const year = await matrixOf(d.admin, `orgId=${d.branch.id}&from=2025-01&to=2025-12`);
    expect(await missedRecordIds(d.admin, d.branch.id, '2025')).toEqual(missedCellIds(year));

    const listed = (await d.admin.get(`/api/orglife/exemptions?orgId=${d.dept.id}`)).json() as { total: number };
    expect(listed.total).toBe(2);
    expect((await d.admin.del(`/api/orglife/exemptions/${exemption.id}`)).statusCode).toBe(200);
    const after = await matrixOf(d.admin, query);
    expect(Object.values(statusesOf(after, d.branch.id, 'themeDay'))).toEqual(Array(12).fill('missed'));
    const [gone] = await rowsOf<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'orglife.exemptionDeleted' and entity_id = ${exemption.id}`,
    );
    expect(gone?.n).toBe(1);
  });

  it('is approved from above: an admin of the branch itself may not exempt it (403), and nothing is written', async () => {
    const d = await department();
    const own = await t.as('org_admin', d.branch.id);
    const res = await own.post('/api/orglife/exemptions', {
      orgId: d.branch.id,
      kind: null,
      from: '2025-01',
      to: '2025-03',
      reason: '支部自行申请',
      approvedBy: unique('本支部'),
    });
    expect(res.statusCode).toBe(403);
    const [row] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from orglife_exemptions where org_id = ${d.branch.id}`);
    expect(row?.n).toBe(0);
  });

  it('refuses a range ending before it starts with 422 on the end month', async () => {
    const d = await department();
    const res = await d.admin.post('/api/orglife/exemptions', {
      orgId: d.branch.id,
      kind: null,
      from: '2025-05',
      to: '2025-03',
      reason: '调整',
      approvedBy: '工委',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.to');
  });
});

describe('scope', () => {
  it('answers another department’s matrix and org page with 403, whether or not the org exists, and never shows its rows', async () => {
    const mine = await department();
    const other = await department();
    const res = await mine.admin.get(`/api/orglife/compliance?orgId=${other.dept.id}`);
    const missing = await mine.admin.get('/api/orglife/compliance?orgId=0195f0c4-0000-7000-8000-000000000000');
    const page = await mine.admin.get(`/api/orglife/compliance/orgs/${other.branch.id}`);
    expect([res.statusCode, missing.statusCode, page.statusCode]).toEqual([403, 403, 403]);
    expect(res.json().detail).toBe(missing.json().detail);
    const own = await matrixOf(mine.admin, 'from=2025-01&to=2025-12');
    expect(own.items.map((r) => r.orgId).sort()).toEqual([mine.dept.id, mine.branch.id].sort());
  });

  it('refuses a range over ten years with 422', async () => {
    const d = await department();
    const res = await d.admin.get('/api/orglife/compliance?from=2010-01&to=2025-12');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('querystring.to');
  });
});

describe('on generated data', () => {
  let committeePath: string;

  beforeAll(async () => {
    const seeded = await seed(t.database.db, sealerFor(t.app.config), { size: 'demo', seed: 11 });
    committeePath = `/${seeded.committeeId}/`;
  });

  it('shows real misses, and the missed-requirements indicator counts exactly the matrix’s missed cells', async () => {
    const today = shanghaiDate(new Date());
    const year = today.slice(0, 4);
    const ctx = systemCtx(t.database.db, t.app.config);
    const evaluation = await evaluateTree(ctx, { paths: [committeePath], from: `${year}-01`, to: `${year}-12` });
    const missed = evaluation.rows.reduce((n, r) => n + r.counts.missed, 0);
    const met = evaluation.rows.reduce((n, r) => n + r.counts.met, 0);
    expect(missed).toBeGreaterThan(0);
    expect(met).toBeGreaterThan(missed);
    const [indicator] = await rowsOf<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from (${missedRequirementRecords({ paths: [committeePath], from: `${year}-01-01`, to: `${year}-12-31`, asOf: today, today })}) r`,
    );
    expect(indicator?.n).toBe(missed);
  });
});

describe('the missed-requirements rollup', () => {
  const today = shanghaiDate(new Date());
  // Last year: every period closed, and inside the rollup.
  const year = String(Number(today.slice(0, 4)) - 1);
  const refresh = () => refreshMissedRollup(t.database.db, today);
  const marked = async (orgId: string) =>
    (await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from compliance_dirty_orgs where org_id = ${orgId}`))[0]?.n === 1;
  /** The indicator's records, read past the figures' cache: a refresh changes none of the inputs that renew it. */
  const recordIds = async (path: string) =>
    (
      await rowsOf<{ id: string }>(
        t.database.db,
        sql`select id from (${missedRequirementRecords({ paths: [path], from: `${year}-01-01`, to: `${year}-12-31`, asOf: today, today })}) r`,
      )
    )
      .map((r) => r.id)
      .sort();
  /** The whole unit's figure by month, as its rollup counts it and as its records do. */
  const byMonth = async (path: string) => {
    const window = { paths: [path], from: `${year}-01-01`, to: `${year}-12-31`, asOf: today, today };
    const read = (set: SQL, n: string) =>
      rowsOf<{ month: string; n: number }>(
        t.database.db,
        sql`select left(r.due_on::text, 7) as month, ${sql.raw(n)}::int as n from (${set}) r group by 1 having ${sql.raw(n)} <> 0 order by 1`,
      );
    return { counted: await read(missedRequirementCounts(window), 'sum(r.n)'), recorded: await read(missedRequirementRecords(window), 'count(*)') };
  };
  /** The indicator's records equal the matrix's missed cells, and its counts the records; their number. */
  async function agreed(d: Awaited<ReturnType<typeof department>>) {
    const expected = missedCellIds(await matrixOf(d.admin, `orgId=${d.dept.id}&from=${year}-01&to=${year}-12`));
    expect(await recordIds(d.dept.path)).toEqual(expected);
    const { counted, recorded } = await byMonth(d.dept.path);
    expect(counted).toEqual(recorded);
    return expected.length;
  }

  it('reads unmarked orgs from the rollup, judges marked ones from the records, and agrees with the matrix through every change', async () => {
    const d = await department(8);
    await hold(d.admin, d.branch.id, 'committeeMeeting', `${year}-03-10T10:00:00+08:00`);
    await refresh();
    expect(await marked(d.branch.id)).toBe(false);
    const base = await agreed(d);

    // Rows changed behind the marks' back change the records and the counts: both are read from the rollup.
    await t.database.db.execute(sql`delete from compliance_misses where org_id = ${d.branch.id} and kind = 'themeDay'`);
    await t.database.db.execute(sql`update compliance_unit_misses set misses = misses + 100 where unit_path = ${d.dept.path}`);
    expect((await recordIds(d.dept.path)).length).toBe(base - 12);
    const { counted, recorded } = await byMonth(d.dept.path);
    expect(counted.reduce((n, m) => n + m.n, 0)).toBeGreaterThan(recorded.reduce((n, m) => n + m.n, 0) + 99);
    await t.database.db.execute(sql`update compliance_rollup_state set rules = 'earlier'`);
    expect(await refresh()).toMatchObject({ rebuilt: true });
    expect(await agreed(d)).toBe(base);

    const changes: [string, () => Promise<unknown>, number][] = [
      ['a meeting held', () => hold(d.admin, d.branch.id, 'themeDay', `${year}-07-08T10:00:00+08:00`), base - 1],
      [
        'a meeting re-dated out of the year',
        () => t.database.db.execute(sql`update meetings set held_on = ${`${year}-07-08`}::date - 365 where org_id = ${d.branch.id} and kind = 'themeDay'`),
        base,
      ],
      [
        'an exemption',
        () =>
          d.admin.post('/api/orglife/exemptions', {
            orgId: d.branch.id,
            kind: 'themeDay',
            from: `${year}-01`,
            to: `${year}-03`,
            reason: '支部调整',
            approvedBy: '市直机关工委组织部',
          }),
        base - 3,
      ],
      // Five full members left: no committee is required, nor its monthly meetings (支部工作条例 第十一条).
      [
        'full members falling below the committee threshold',
        () =>
          t.database.db.execute(sql`update members set category = 'probationary' where id in (select id from members where org_id = ${d.branch.id} limit 3)`),
        base - 3 - 11,
      ],
      ['the branch dissolved at mid-year', () => t.database.db.execute(sql`update orgs set dissolved_on = ${`${year}-07-01`} where id = ${d.branch.id}`), -1],
    ];
    for (const [change, make, count] of changes) {
      await make();
      expect(await marked(d.branch.id), change).toBe(true);
      const judged = await agreed(d);
      if (count >= 0) expect(judged, change).toBe(count);
      await refresh();
      expect(await marked(d.branch.id), change).toBe(false);
      expect(await agreed(d), change).toBe(judged);
    }

    // Other rules than the rollup's: every org is judged from the records until it is rebuilt.
    await t.database.db.execute(sql`update compliance_rollup_state set rules = 'earlier'`);
    await t.database.db.execute(sql`delete from compliance_misses where org_id = ${d.branch.id}`);
    const live = await agreed(d);
    expect(await refresh()).toMatchObject({ rebuilt: true });
    expect(await agreed(d)).toBe(live);

    // Refreshed last at mid-year: later periods are judged from the records, and the next refresh rolls them up.
    await t.database.db.execute(sql`update compliance_rollup_state set rolled_until = ${`${year}-06-30`}`);
    for (const table of ['compliance_misses', 'compliance_unit_misses']) {
      await t.database.db.execute(sql`delete from ${sql.identifier(table)} where due_on > ${`${year}-06-30`}`);
    }
    expect(await agreed(d)).toBe(live);
    expect(await refresh()).toEqual({ rebuilt: false, orgs: 0 });
    const [later] = await rowsOf<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from compliance_misses where org_id = ${d.dept.id} and due_on > ${`${year}-06-30`}`,
    );
    expect(later?.n).toBeGreaterThan(0);
    expect(await agreed(d)).toBe(live);
  });
});
