import type { IndicatorDefinition, IndicatorValue, MyFigures } from '@hangbiao/shared/contracts/indicators';
import { addDays, addMonths, shanghaiDate } from '@hangbiao/shared/dates';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, createTestContext, type Session, type TestContext, unique, uniqueIdNumber } from '../../../test/harness';
import { rowsOf } from '../../db/client';
import { seed } from '../../db/seed';
import { sealerFor } from '../../platform/secrets';
import { inRegistry } from '../members/members.service';
import { indicators } from './indicators.catalog';
import { rolledUpFor } from './indicators.service';
import { dimensionsOf } from './indicators-dimensions';

let t: TestContext;
let admin: Session;
let rootId: string;
let sample: { unitCommitteeOrgId: string; otherUnitCommitteeOrgId: string; branchOrgId: string };
let catalog: IndicatorDefinition[];

const today = shanghaiDate(new Date());
const year = Number(today.slice(0, 4));

type Page = { items: Record<string, string | number | null>[]; total: number; value: number; numerator?: number; denominator?: number };
const figureOf = async (key: string, query = '') => {
  const res = await admin.get(`/api/indicators/${key}?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as IndicatorValue;
};
const recordsOf = async (key: string, query = '') => {
  const res = await admin.get(`/api/indicators/${key}/records?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

/** A new branch of `parentId` made through the API, as an org admin would. */
const newBranch = async (parentId: string, establishedOn = '2020-01-01') => {
  const res = await admin.post('/api/orgs', { parentId, name: unique('指标支部'), kind: 'branch', establishedOn });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string };
};

/** A development application in `orgId` through the API. */
const applyIn = async (orgId: string, appliedOn: string) => {
  const res = await admin.post('/api/development/cases', applicant(orgId, { appliedOn }, '1996-04-04'));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; version: number };
};

/** A transfer within the system from `memberId`'s branch to `toOrgId`, started on `issuedOn`. */
const transferOf = async (memberId: string, toOrgId: string, issuedOn: string) => {
  const res = await admin.post('/api/transfers', { kind: 'internal', memberId, toOrgId, reason: 'work', issuedOn });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string };
};

/** A dues base of 5,000 yuan a month in service (1 %, 50 yuan) from `month`, and a payment of `paidFen` for that month. */
const duesOf = async (orgId: string, memberId: string, month: string, paidFen: number) => {
  const base = await admin.post(`/api/members/${memberId}/dues/bases`, {
    effectiveMonth: month,
    category: 'inService',
    baseFen: 500_000,
    confirmedOn: `${month}-01`,
  });
  expect(base.statusCode, base.body).toBe(200);
  const paid = await admin.post('/api/dues/payments', { orgId, items: [{ memberId, month, paidFen, paidOn: `${month}-10`, method: 'cash' }] });
  expect(paid.statusCode, paid.body).toBe(200);
};

const specialDuesOf = async (orgId: string, memberId: string, startedOn: string, paidOn: string, amountFen = 10_000) => {
  const campaign = await admin.post('/api/special-dues', { orgId, title: unique('抗洪救灾特殊党费'), reason: 'disasterRelief', startedOn });
  expect(campaign.statusCode, campaign.body).toBe(200);
  const res = await admin.post(`/api/special-dues/${campaign.json().id}/contributions`, { items: [{ memberId, amountFen, paidOn }] });
  expect(res.statusCode, res.body).toBe(200);
};

const branchUnder = async (orgId: string) =>
  (
    await rowsOf<{ id: string }>(
      t.database.db,
      sql`select id from orgs where parent_id = ${orgId} and kind = 'branch' and deleted_at is null order by path limit 1`,
    )
  )[0]?.id as string;

/**
 * Records of the areas the demo seed does not generate yet (development, transfers, dues, special dues), entered
 * through their APIs in the seeded committee, so that every indicator of the catalog has records to count.
 */
async function enterRecordsTheSeedLacks() {
  const branch = sample.branchOrgId;
  const elsewhere = await branchUnder(sample.otherUnitCommitteeOrgId);
  await applyIn(branch, addDays(today, -60));
  const moving = await t.newMember(branch);
  await transferOf(moving.id, elsewhere, addDays(today, -30));
  for (const paidFen of [2000, 5000]) {
    const payer = await t.newMember(branch);
    await duesOf(branch, payer.id, `${year}-01`, paidFen);
    await specialDuesOf(sample.unitCommitteeOrgId, payer.id, `${year}-01-01`, today);
  }
}

beforeAll(async () => {
  t = await createTestContext();
  const seeded = await seed(t.database.db, sealerFor(t.app.config), { size: 'demo', seed: 7 });
  rootId = seeded.rootOrgId;
  sample = seeded.sample;
  admin = await t.as('committee_admin', rootId);
  await enterRecordsTheSeedLacks();
  // Statistics, as a settled database has them: PGlite runs no autovacuum, and the plans of a 12,000-member
  // committee without them are a hundred times slower.
  await t.database.db.execute(sql`analyze`);
  catalog = (await admin.get('/api/indicators')).json() as IndicatorDefinition[];
});
afterAll(() => t.close());

/** The measures of some figures added up: records always; values for counts and sums (in hundredths); rates through their parts. */
const added = (figures: { records: number; value: number; numerator?: number | undefined; denominator?: number | undefined }[]) => ({
  records: figures.reduce((n, f) => n + f.records, 0),
  hundredths: figures.reduce((n, f) => n + Math.round(f.value * 100), 0),
  numerator: figures.reduce((n, f) => n + (f.numerator ?? 0), 0),
  denominator: figures.reduce((n, f) => n + (f.denominator ?? 0), 0),
});
const measuresOf = (aggregation: string, figures: Parameters<typeof added>[0]) => {
  const sum = added(figures);
  return aggregation === 'rate' ? { records: sum.records, numerator: sum.numerator, denominator: sum.denominator } : sum;
};

describe('indicator catalog', () => {
  it('lists every definition with its dimensions and record columns', () => {
    expect(catalog.map((d) => d.key)).toEqual(indicators.map((i) => i.key));
    for (const d of catalog) {
      expect(d.definition.length).toBeGreaterThan(10);
      expect(d.columns.length).toBeGreaterThan(0);
      if (d.aggregation === 'rate') expect(d.rateOf).toBeDefined();
    }
  });

  // The twelve months to today, not this calendar year: in January most of a year's records are still to come.
  const lastTwelveMonths = `from=${addDays(today, -364)}&to=${today}`;
  it.each(indicators.map((i) => i.key))('%s: the figure equals its records and the sum of its groups, on generated data', async (key) => {
    const definition = catalog.find((d) => d.key === key) as IndicatorDefinition;
    const figure = await figureOf(key, lastTwelveMonths);
    expect(figure.records).toBeGreaterThan(0);
    expect(figure.value).toBeGreaterThan(0);
    const list = await recordsOf(key, lastTwelveMonths);
    expect([list.total, list.value]).toEqual([figure.records, figure.value]);
    for (const dimension of definition.dimensions) {
      const grouped = await figureOf(key, `${lastTwelveMonths}&groupBy=${dimension.key}`);
      const groups = grouped.groups ?? [];
      expect(measuresOf(definition.aggregation, groups), dimension.key).toEqual(measuresOf(definition.aggregation, [figure]));
      const first = groups[0];
      if (!first) continue;
      const narrowed = await recordsOf(key, `${lastTwelveMonths}&dimension=${dimension.key}&group=${encodeURIComponent(first.key)}`);
      expect([narrowed.total, narrowed.value], dimension.key).toEqual([first.records, first.value]);
    }
  });

  it('pages through the records of a figure, each record once', async () => {
    const { value } = await figureOf('orgs.count', `orgId=${sample.unitCommitteeOrgId}`);
    const ids = new Set<string>();
    for (let page = 1; page <= Math.ceil(value / 5); page++) {
      const res = (await admin.get(`/api/indicators/orgs.count/records?orgId=${sample.unitCommitteeOrgId}&pageSize=5&page=${page}`)).json();
      for (const item of res.items) ids.add(item.id);
    }
    expect(ids.size).toBe(value);
  });

  // Kept indicators page from a kept set: the whole set when small (missed requirements), its order when large
  // (12,000 members); either way a page holds the rows the set's own order puts there.
  it.each([
    ['orglife.compliance.missed', 3],
    ['members.count', 400],
  ] as const)('%s: page %i holds the rows the records’ order puts there, after paging from the kept set', async (key, page) => {
    const indicator = indicators.find((i) => i.key === key) as (typeof indicators)[number];
    expect(indicator.cache).toBeDefined();
    const from = `${year - 1}-01-01`;
    const to = `${year - 1}-12-31`;
    const query = `from=${from}&to=${to}&pageSize=20`;
    expect((await admin.get(`/api/indicators/${key}/records?${query}&page=1`)).statusCode).toBe(200);
    const res = await admin.get(`/api/indicators/${key}/records?${query}&page=${page}`);
    expect(res.statusCode, res.body).toBe(200);
    const listed = (res.json() as Page).items.map((r) => String(r.id));
    const window = { paths: [`/${rootId}/`], from, to, asOf: to, today };
    const expected = await rowsOf<{ id: string }>(
      t.database.read,
      sql`select r.id::text as id from (${indicator.records(window)}) r order by r.sort_key, r.id::text limit 20 offset ${(page - 1) * 20}`,
    );
    expect(listed.length).toBe(20);
    expect(listed).toEqual(expected.map((r) => r.id));
  });

  it('cuts a figure by two dimensions, each cell opening the records of its group over its month', async () => {
    const key = 'orglife.meetings.count';
    const from = `${year - 1}-01-01`;
    const to = `${year - 1}-12-31`;
    const figure = await figureOf(key, `from=${from}&to=${to}`);
    const heat = await figureOf(key, `from=${from}&to=${to}&groupBy=unit&thenBy=month`);
    const groups = heat.groups ?? [];
    expect(added(groups).records).toBe(figure.records);
    for (const group of groups) expect(added(group.groups ?? []).records).toBe(group.records);
    const unit = groups[0];
    const cell = unit?.groups?.at(-1);
    expect(cell?.key).toMatch(/^\d{4}-\d{2}$/);
    const [y, m] = (cell?.key ?? '').split('-').map(Number);
    const monthEnd = new Date(Date.UTC(y ?? 0, m ?? 0, 0)).toISOString().slice(0, 10);
    const inMonth = await recordsOf(key, `from=${cell?.key}-01&to=${monthEnd}&dimension=unit&group=${unit?.key}`);
    expect(inMonth.total).toBe(cell?.records);
    expect(unit?.label).not.toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('export', () => {
  it('exports exactly the records behind the figure to an Excel sheet with the definition’s columns', async () => {
    const { value } = await figureOf('orgs.count', `orgId=${sample.unitCommitteeOrgId}`);
    const res = await admin.get(`/api/indicators/orgs.count/records/export?orgId=${sample.unitCommitteeOrgId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('党组织数');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '组织名称', '组织类别', '所属单位', '成立日期']);
    expect((sheet?.rowCount ?? 0) - 1).toBe(value);
  });

  it('exports a sum’s records with amounts in yuan that add up to the figure', async () => {
    const { value } = await figureOf('dues.paid');
    const res = await admin.get('/api/indicators/dues.paid/records/export');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = sheet?.getRow(1).values as string[];
    const column = header.indexOf('已交（元）');
    let total = 0;
    sheet?.eachRow((row, n) => {
      if (n > 1) total += Math.round(Number(row.getCell(column).value) * 100);
    });
    expect(total).toBe(Math.round(value * 100));
  });

  it('exports all 12,000 member records across batches, each once', async () => {
    const { value } = await figureOf('members.count');
    const res = await admin.get('/api/indicators/members.count/records/export');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet?.rowCount ?? 0) - 1).toBe(value);
    expect(value).toBeGreaterThan(5000);
  });
});

describe('members, development, transfers and dues figures', () => {
  it('splits members by age band on the period’s end, by education and by join year', async () => {
    const branch = await newBranch(sample.unitCommitteeOrgId);
    // 30 on 2025-12-31 (born 1995-06-15), 31 by the end of 2026.
    await t.newMember(branch.id, { idNumber: uniqueIdNumber('1995-06-15'), birthDate: '1995-06-15', education: 'master', joinedOn: '2019-07-01' });
    await t.newMember(branch.id, { idNumber: uniqueIdNumber('1960-01-01'), birthDate: '1960-01-01', education: 'master', joinedOn: '1985-07-01' });
    await t.newMember(branch.id, { status: 'transferredOut' });
    const bands = async (to: string) =>
      Object.fromEntries(
        ((await figureOf('members.count', `orgId=${branch.id}&from=2025-01-01&to=${to}&groupBy=ageBand`)).groups ?? []).map((g) => [g.key, g.value]),
      );
    expect(await bands('2025-12-31')).toEqual({ upTo30: 1, over60: 1 });
    expect(await bands('2026-12-31')).toEqual({ from31To40: 1, over60: 1 });
    const education = await figureOf('members.count', `orgId=${branch.id}&groupBy=education`);
    expect(education.groups?.map((g) => [g.key, g.label, g.value])).toEqual([['master', '硕士研究生', 2]]);
    const joined = await figureOf('members.count', `orgId=${branch.id}&groupBy=joinYear`);
    expect(joined.groups?.map((g) => g.key)).toEqual(['1985', '2019']);
    const statuses = await figureOf('members.count', `orgId=${branch.id}&groupBy=status`);
    expect(statuses.groups?.map((g) => [g.key, g.value])).toEqual([['active', 2]]);
  });

  it('places a development case in the stage it had reached on the day counted', async () => {
    const branch = await newBranch(sample.unitCommitteeOrgId);
    const opened = await applyIn(branch.id, '2024-01-10');
    let version = opened.version;
    for (const [step, doneOn] of [
      [2, '2024-01-20'],
      [3, '2024-06-01'],
      [4, '2024-06-30'],
    ] as const) {
      const res = await admin.post(`/api/development/cases/${opened.id}/steps`, { version, step, doneOn });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().case.version;
    }
    const stageOn = async (day: string) =>
      ((await figureOf('development.cases', `orgId=${branch.id}&from=2024-01-01&to=${day}&groupBy=stage`)).groups ?? []).map((g) => g.key);
    expect(await stageOn('2024-06-29')).toEqual(['applicant']);
    expect(await stageOn('2024-06-30')).toEqual(['activist']);
    expect(await stageOn('2024-01-09')).toEqual([]);
  });

  it('counts a development case whose next step is past its deadline as overdue, with the step named', async () => {
    const branch = await newBranch(sample.unitCommitteeOrgId);
    await applyIn(branch.id, addDays(today, -45));
    const overdue = await figureOf('development.overdue', `orgId=${branch.id}&groupBy=step`);
    expect(overdue.groups?.map((g) => [g.key, g.label])).toEqual([['2', '第 2 步「党组织派人谈话」']]);
    const records = await recordsOf('development.overdue', `orgId=${branch.id}`);
    expect(records.items[0]?.overdue_days).toBeGreaterThan(0);
  });

  it('agrees with the dues module’s totals for the same subtree and year, in fen', async () => {
    const org = sample.branchOrgId;
    const totals = (await admin.get(`/api/dues/totals?orgId=${org}&period=year`)).json() as {
      total: { expectedFen: number; paidFen: number; arrearsFen: number };
    };
    const fen = async (key: string) => Math.round((await figureOf(key, `orgId=${org}`)).value * 100);
    expect({ expectedFen: await fen('dues.expected'), paidFen: await fen('dues.paid'), arrearsFen: await fen('dues.arrears') }).toEqual({
      expectedFen: totals.total.expectedFen,
      paidFen: totals.total.paidFen,
      arrearsFen: totals.total.arrearsFen,
    });
    expect(totals.total.arrearsFen).toBeGreaterThan(0);
  });
});

describe('the dues rollup', () => {
  type Totals = { fromMonth: string; toMonth: string; rows: { orgId: string; expectedFen: number; paidFen: number; arrearsFen: number }[] };
  const monthEnd = (month: string) => {
    const [y, m] = month.split('-').map(Number);
    return new Date(Date.UTC(y ?? 0, m ?? 0, 0)).toISOString().slice(0, 10);
  };
  /** The dues module's live totals per unit against the figures per unit, in fen, over the same months. */
  const compare = async (period: string, month: string) => {
    const totals = (await admin.get(`/api/dues/totals?orgId=${rootId}&period=${period}&month=${month}`)).json() as Totals;
    const window = `from=${totals.fromMonth}-01&to=${monthEnd(totals.toMonth)}&groupBy=unit`;
    const byUnit = async (key: string) => new Map(((await figureOf(key, window)).groups ?? []).map((g) => [g.key, Math.round(g.value * 100)]));
    const [expected, paid, arrears] = (await Promise.all(['dues.expected', 'dues.paid', 'dues.arrears'].map(byUnit))) as Map<string, number>[] as [
      Map<string, number>,
      Map<string, number>,
      Map<string, number>,
    ];
    const live = totals.rows.filter((r) => r.orgId !== rootId && r.expectedFen + r.paidFen > 0);
    expect(live.length).toBeGreaterThan(10);
    for (const row of live) {
      const rolled = { expectedFen: expected.get(row.orgId) ?? 0, paidFen: paid.get(row.orgId) ?? 0, arrearsFen: arrears.get(row.orgId) ?? 0 };
      expect(rolled, `${period} ${month} ${row.orgId}`).toEqual({ expectedFen: row.expectedFen, paidFen: row.paidFen, arrearsFen: row.arrearsFen });
    }
  };

  it.each([
    ['year', today.slice(0, 7)],
    ['quarter', today.slice(0, 7)],
    ['month', today.slice(0, 7)],
    ['month', addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)],
  ])('agrees with the dues module’s live reckoning for every unit, %s of %s', compare);

  it('follows a relief, a corrected base, a removed payment and a new join date, like the live reckoning', async () => {
    const branch = await newBranch(sample.unitCommitteeOrgId);
    const member = await t.newMember(branch.id, { joinedOn: `${year - 1}-03-15` });
    const totalsOf = async () =>
      ((await admin.get(`/api/dues/totals?orgId=${branch.id}&period=year`)).json() as { total: { expectedFen: number; paidFen: number; arrearsFen: number } })
        .total;
    const fen = async (key: string) => Math.round((await figureOf(key, `orgId=${branch.id}`)).value * 100);
    const figures = async () => ({ expectedFen: await fen('dues.expected'), paidFen: await fen('dues.paid'), arrearsFen: await fen('dues.arrears') });
    const agree = async () => {
      const [live, rolled] = await Promise.all([totalsOf(), figures()]);
      expect(rolled).toEqual({ expectedFen: live.expectedFen, paidFen: live.paidFen, arrearsFen: live.arrearsFen });
      return rolled;
    };
    await duesOf(branch.id, member.id, `${year}-01`, 5000);
    const first = await agree();
    expect(first.expectedFen).toBe(5000 * Number(today.slice(5, 7)));
    const relief = await admin.post(`/api/members/${member.id}/dues/reliefs`, {
      kind: 'exempt',
      fromMonth: `${year}-01`,
      toMonth: `${year}-01`,
      reason: '因病困难',
      decidedOn: `${year}-01-05`,
      approvedByOrgId: sample.unitCommitteeOrgId,
      approvedOn: `${year}-01-06`,
    });
    expect(relief.statusCode, relief.body).toBe(200);
    expect((await agree()).expectedFen).toBe(first.expectedFen - 5000);
    const dues = (await admin.get(`/api/members/${member.id}/dues`)).json();
    const base = dues.bases[0];
    const corrected = await admin.patch(`/api/dues/bases/${base.id}`, {
      category: 'inService',
      baseFen: 1_200_000,
      confirmedOn: base.confirmedOn,
      version: base.version,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    await agree();
    const payment = dues.payments[0];
    expect((await admin.del(`/api/dues/payments/${payment.id}?version=${payment.version}`)).statusCode).toBe(200);
    expect((await agree()).paidFen).toBe(0);
    await t.database.db.execute(sql`update members set joined_on = ${`${year}-03-01`} where id = ${member.id}`);
    await agree();
  });

  it('reaches into a new year for members whose rows end this year, by the daily job', async () => {
    const { indicatorJobs } = await import('./indicators.jobs');
    const [someone] = await rowsOf<{ member_id: string }>(t.database.db, sql`select member_id from dues_member_years where year = ${year + 1} limit 1`);
    const memberId = someone?.member_id as string;
    await t.database.db.execute(sql`delete from dues_member_years where member_id = ${memberId} and year = ${year + 1}`);
    const job = indicatorJobs.find((j) => j.name === 'indicators.duesRollupYear');
    await job?.run({ db: t.database.db, read: t.database.db, actor: null, now: new Date(), ip: null, config: t.app.config });
    const rows = await rowsOf<{ year: number }>(
      t.database.db,
      sql`select year from dues_member_years where member_id = ${memberId} order by year desc limit 1`,
    );
    expect(rows[0]?.year).toBe(year + 1);
  });

  it('keeps the planner’s statistics daily, and on PGlite, which has no autovacuum, vacuums as well', async () => {
    const { indicatorJobs } = await import('./indicators.jobs');
    const job = indicatorJobs.find((j) => j.name === 'indicators.statistics');
    const started = new Date();
    await job?.run({ db: t.database.db, read: t.database.db, actor: null, now: started, ip: null, config: t.app.config });
    const [stats] = await rowsOf<{ vacuumed: boolean; analysed: boolean }>(
      t.database.db,
      sql`select coalesce(last_vacuum >= ${started.toISOString()}::timestamptz, false) as vacuumed, coalesce(last_analyze >= ${started.toISOString()}::timestamptz, false) as analysed
        from pg_stat_user_tables where relname = 'meetings'`,
    );
    expect(stats).toEqual({ vacuumed: t.database.kind === 'pglite', analysed: true });
  });
});

describe('cached figures', () => {
  it('follow every change to the records they count, read again at once', async () => {
    const branch = await newBranch(sample.unitCommitteeOrgId);
    const elsewhere = await newBranch(sample.otherUnitCommitteeOrgId);
    const member = await t.newMember(branch.id);
    const scope = `orgId=${branch.id}`;
    const read = async () =>
      Promise.all(
        ['dues.expected', 'dues.paid', 'transfers.pending', 'development.cases', 'members.count'].map(async (key) => (await figureOf(key, scope)).value),
      );
    const before = await read();
    expect(await read()).toEqual(before);
    await duesOf(branch.id, member.id, `${year}-01`, 5000);
    await transferOf((await t.newMember(branch.id)).id, elsewhere.id, today);
    await applyIn(branch.id, today);
    const after = await read();
    const months = Number(today.slice(5, 7));
    expect(after.map((v, i) => Math.round((v - (before[i] ?? 0)) * 100) / 100)).toEqual([50 * months, 50, 1, 1, 1]);
  });

  it('follow a meeting marked held, which changes what compliance counts', async () => {
    const branch = await newBranch(sample.unitCommitteeOrgId, `${year - 1}-01-01`);
    for (let i = 0; i < 3; i++) await t.newMember(branch.id);
    const window = `orgId=${branch.id}&from=${year - 1}-01-01&to=${year - 1}-12-31`;
    const missed = async () =>
      (await figureOf('orglife.compliance.missed', `${window}&groupBy=kind`)).groups?.find((g) => g.key === 'orgLifeMeeting')?.value ?? 0;
    expect(await missed()).toBe(1);
    const startsAt = `${year - 1}-11-20T01:00:00.000Z`;
    const planned = await admin.post('/api/meetings', { orgId: branch.id, kind: 'orgLifeMeeting', startsAt, place: '党员活动室' });
    expect(planned.statusCode, planned.body).toBe(200);
    expect(await missed()).toBe(1);
    const held = await admin.patch(`/api/meetings/${planned.json().id}`, {
      version: planned.json().version,
      status: 'held',
      firstTopic: '学习习近平总书记近期重要讲话精神',
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(await missed()).toBe(0);
  });
});

describe('the meetings rollup', () => {
  /** The rollup's rows, and the same sums worked out from the held meetings themselves. */
  const expectRollupExact = async () => {
    const unitPath = sql`'/' || split_part(o.path, '/', 2) || '/' || case when split_part(o.path, '/', 3) = '' then '' else split_part(o.path, '/', 3) || '/' end`;
    const [rollup, raw] = await Promise.all([
      rowsOf(
        t.database.db,
        sql`select unit_path, month::text as month, held, rated, expected::int as expected, present::int as present from meeting_unit_months order by 1, 2`,
      ),
      rowsOf(
        t.database.db,
        sql`select ${unitPath} as unit_path, date_trunc('month', m.held_on)::date::text as month, count(*)::int as held,
            (count(*) filter (where m.expected_count > 0))::int as rated, coalesce(sum(m.expected_count) filter (where m.expected_count > 0), 0)::int as expected,
            coalesce(sum(m.present_count) filter (where m.expected_count > 0), 0)::int as present
          from meetings m join orgs o on o.id = m.org_id where m.status = 'held' group by 1, 2 order by 1, 2`,
      ),
    ]);
    expect(rollup.length).toBeGreaterThan(0);
    expect(rollup).toEqual(raw);
  };

  it('sums the held meetings exactly through holding, attendance, re-dating, a reform and a deletion', async () => {
    await expectRollupExact();
    const branch = await newBranch(sample.unitCommitteeOrgId);
    const member = await t.newMember(branch.id);
    const startsAt = `${addDays(today, -3)}T01:00:00.000Z`;
    const planned = await admin.post('/api/meetings', { orgId: branch.id, kind: 'themeDay', startsAt, place: '党员活动室' });
    expect(planned.statusCode, planned.body).toBe(200);
    const id = planned.json().id as string;
    const write = async (res: Promise<{ statusCode: number; body: string }>) => {
      const done = await res;
      expect(done.statusCode, done.body).toBe(200);
      await expectRollupExact();
      return (await admin.get(`/api/meetings/${id}`)).json() as { version: number; expectedCount: number; presentCount: number };
    };
    let meeting = await write(admin.patch(`/api/meetings/${id}`, { version: planned.json().version, status: 'held', firstTopic: '学习党的创新理论最新成果' }));
    meeting = await write(admin.request('PUT', `/api/meetings/${id}/attendance/${member.id}`, { status: 'present' }));
    expect([meeting.expectedCount, meeting.presentCount]).toEqual([1, 1]);
    meeting = await write(admin.patch(`/api/meetings/${id}`, { version: meeting.version, startsAt: `${addDays(today, -40)}T01:00:00.000Z` }));
    await write(admin.post('/api/orgs/reforms', { kind: 'moved', orgId: branch.id, parentId: sample.otherUnitCommitteeOrgId, occurredOn: addDays(today, -1) }));
    await t.database.db.execute(sql`delete from meetings where id = ${id}`);
    await expectRollupExact();
  });

  // Whole months from last month's start to this month's end; the seed writes attendance for this month only, so
  // a meeting held last month with an attendee gives the rate records whatever the day.
  const first = `${addMonths(today.slice(0, 7), -1)}-01`;
  const last = addDays(`${addMonths(today.slice(0, 7), 1)}-01`, -1);
  const wholeMonths = `from=${first}&to=${last}`;
  it.each(['orglife.meetings.count', 'orglife.attendance.rate'])(
    '%s: whole units’ months, read from the rollup, equal its records by unit, month and year',
    async (key) => {
      const indicator = indicators.find((i) => i.key === key) as (typeof indicators)[number];
      const window = { paths: [`/${rootId}/`], from: first, to: last, asOf: last, today };
      const cut = (dimension: string) => dimensionsOf(indicator).find((d) => d.key === dimension);
      // Read from the rollup for whole units and months cut by unit, month or year; from the records otherwise.
      expect(rolledUpFor(indicator, window, [cut('unit'), cut('month')])).toBeDefined();
      expect(rolledUpFor(indicator, { ...window, to: addDays(last, -1) }, [])).toBeUndefined();
      expect(rolledUpFor(indicator, { ...window, paths: [`/${rootId}/${sample.unitCommitteeOrgId}/x/`] }, [])).toBeUndefined();
      expect(rolledUpFor(indicator, window, [cut('kind')])).toBeUndefined();
      const branch = await newBranch(sample.unitCommitteeOrgId);
      const member = await t.newMember(branch.id);
      const planned = await admin.post('/api/meetings', {
        orgId: branch.id,
        kind: 'themeDay',
        startsAt: `${first.slice(0, 8)}15T01:00:00.000Z`,
        place: '党员活动室',
      });
      const held = await admin.patch(`/api/meetings/${planned.json().id}`, {
        version: planned.json().version,
        status: 'held',
        firstTopic: '学习党的创新理论最新成果',
      });
      expect(held.statusCode, held.body).toBe(200);
      await admin.request('PUT', `/api/meetings/${planned.json().id}/attendance/${member.id}`, { status: 'present' });
      for (const scope of ['', `&orgId=${sample.unitCommitteeOrgId}`]) {
        const figure = await figureOf(key, wholeMonths + scope);
        const list = await recordsOf(key, wholeMonths + scope);
        expect(figure.records).toBeGreaterThan(0);
        expect([list.total, list.value, list.numerator, list.denominator]).toEqual([figure.records, figure.value, figure.numerator, figure.denominator]);
        for (const dimension of ['unit', 'month', 'year']) {
          const groups = (await figureOf(key, `${wholeMonths}${scope}&groupBy=${dimension}`)).groups ?? [];
          expect(measuresOf(indicator.aggregation, groups), dimension).toEqual(measuresOf(indicator.aggregation, [figure]));
          const last = groups.at(-1);
          const narrowed = await recordsOf(key, `${wholeMonths}${scope}&dimension=${dimension}&group=${encodeURIComponent(last?.key ?? '')}`);
          expect([narrowed.total, narrowed.value], dimension).toEqual([last?.records, last?.value]);
        }
      }
    },
  );
});

describe('the registry rollup', () => {
  const expectCountsExact = async () => {
    const [rollup, raw] = await Promise.all([
      rowsOf(t.database.db, sql`select org_id, members from member_org_counts order by 1`),
      rowsOf(
        t.database.db,
        sql`select org_id, count(*)::int as members from members m where m.deleted_at is null and ${inRegistry(sql`m.status`)} group by 1 order by 1`,
      ),
    ]);
    expect(rollup.length).toBeGreaterThan(0);
    expect(rollup).toEqual(raw);
  };

  it('counts each org’s registry exactly through joining, moving, leaving, deletion and removal', async () => {
    await expectCountsExact();
    const branch = await newBranch(sample.unitCommitteeOrgId);
    const other = await newBranch(sample.otherUnitCommitteeOrgId);
    const [a, b] = [await t.newMember(branch.id), await t.newMember(branch.id)];
    await expectCountsExact();
    const changes = [
      sql`update members set org_id = ${other.id} where id = ${a.id}`,
      sql`update members set status = 'left' where id = ${b.id}`,
      sql`update members set status = 'active' where id = ${b.id}`,
      sql`update members set deleted_at = now() where id = ${b.id}`,
      sql`update members set phone_masked = phone_masked where org_id in (${branch.id}, ${other.id})`,
      sql`delete from members where id = ${a.id}`,
    ];
    for (const change of changes) {
      await t.database.db.execute(change);
      await expectCountsExact();
    }
  });

  it('gives members.count by unit from the rollup, on any day, equal to its records', async () => {
    const indicator = indicators.find((i) => i.key === 'members.count') as (typeof indicators)[number];
    const window = { paths: [`/${rootId}/`], from: addDays(today, -10), to: today, asOf: today, today };
    const cut = (dimension: string) => dimensionsOf(indicator).find((d) => d.key === dimension);
    expect(rolledUpFor(indicator, window, [cut('unit')])).toBeDefined();
    expect(rolledUpFor(indicator, window, [cut('category')])).toBeUndefined();
    const query = `from=${window.from}&to=${today}`;
    for (const scope of ['', `&orgId=${sample.unitCommitteeOrgId}`]) {
      const groups = (await figureOf('members.count', `${query}${scope}&groupBy=unit`)).groups ?? [];
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        const narrowed = await recordsOf('members.count', `${query}${scope}&dimension=unit&group=${encodeURIComponent(group.key)}`);
        expect(narrowed.total, group.label).toBe(group.records);
      }
    }
  });
});

describe('scope and period edges', () => {
  it('counts an org established on the last day of the period, and not the day before', async () => {
    const parent = sample.unitCommitteeOrgId;
    await newBranch(parent, '2025-03-31');
    const onTheDay = await figureOf('orgs.count', `orgId=${parent}&from=2025-01-01&to=2025-03-31`);
    const before = await figureOf('orgs.count', `orgId=${parent}&from=2025-01-01&to=2025-03-30`);
    expect(onTheDay.value - before.value).toBe(1);
  });

  it('counts records dated on the last day of a quarter in that quarter and its last month, not in the next', async () => {
    const branch = await newBranch(sample.unitCommitteeOrgId);
    const elsewhere = await newBranch(sample.otherUnitCommitteeOrgId);
    const member = await t.newMember(branch.id);
    const quarterEnd = `${year - 1}-03-31`;
    await specialDuesOf(branch.id, member.id, `${year - 1}-01-01`, quarterEnd, 8_634);
    await transferOf((await t.newMember(branch.id)).id, elsewhere.id, quarterEnd);
    await applyIn(branch.id, quarterEnd);
    const q1 = `orgId=${branch.id}&from=${year - 1}-01-01&to=${quarterEnd}`;
    const q2 = `orgId=${branch.id}&from=${year - 1}-04-01&to=${year - 1}-06-30`;
    const dayBefore = `orgId=${branch.id}&from=${year - 1}-01-01&to=${year - 1}-03-30`;
    expect((await figureOf('dues.specialDues', q1)).value).toBe(86.34);
    expect((await figureOf('dues.specialDues', q2)).value).toBe(0);
    const byMonth = await figureOf('dues.specialDues', `${q1}&groupBy=month`);
    expect(byMonth.groups?.map((g) => [g.key, g.label, g.value])).toEqual([[`${year - 1}-03`, `${year - 1}年3月`, 86.34]]);
    // Stock figures are taken on the period's end: started that day, so under way then, and not the day before.
    expect((await figureOf('transfers.pending', q1)).records).toBe(1);
    expect((await figureOf('transfers.pending', dayBefore)).records).toBe(0);
    expect((await figureOf('development.cases', q1)).records).toBe(1);
    expect((await figureOf('development.cases', dayBefore)).records).toBe(0);
  });

  it('counts an org moved to another department once, under its new department', async () => {
    const from = sample.unitCommitteeOrgId;
    const to = sample.otherUnitCommitteeOrgId;
    const branch = await newBranch(from, '2024-01-01');
    const [beforeFrom, beforeTo, beforeAll] = await Promise.all([
      figureOf('orgs.count', `orgId=${from}`),
      figureOf('orgs.count', `orgId=${to}`),
      figureOf('orgs.count'),
    ]);
    const moved = await admin.post('/api/orgs/reforms', { kind: 'moved', orgId: branch.id, parentId: to, occurredOn: '2025-06-01' });
    expect(moved.statusCode, moved.body).toBe(200);
    const [afterFrom, afterTo, afterAll] = await Promise.all([
      figureOf('orgs.count', `orgId=${from}`),
      figureOf('orgs.count', `orgId=${to}`),
      figureOf('orgs.count'),
    ]);
    expect([afterFrom.value - beforeFrom.value, afterTo.value - beforeTo.value, afterAll.value - beforeAll.value]).toEqual([-1, 1, 0]);
  });

  it('counts the members, dues and transfers of a branch moved by a reform once, in the new department', async () => {
    const from = sample.unitCommitteeOrgId;
    const to = sample.otherUnitCommitteeOrgId;
    const branch = await newBranch(from, '2024-01-01');
    const member = await t.newMember(branch.id);
    await duesOf(branch.id, member.id, `${year}-01`, 5000);
    await transferOf((await t.newMember(branch.id)).id, await branchUnder(to), today);
    const keys = ['members.count', 'dues.expected', 'dues.paid', 'transfers.pending'];
    const snapshot = async () =>
      Promise.all(
        keys.map(async (key) => {
          const [a, b, all, byUnit] = await Promise.all([
            figureOf(key, `orgId=${from}`),
            figureOf(key, `orgId=${to}`),
            figureOf(key),
            figureOf(key, 'groupBy=unit'),
          ]);
          const unitOf = (id: string) => byUnit.groups?.find((g) => g.key === id)?.value ?? 0;
          return [a.value, b.value, all.value, unitOf(from), unitOf(to)];
        }),
      );
    const before = await snapshot();
    const moved = await admin.post('/api/orgs/reforms', { kind: 'moved', orgId: branch.id, parentId: to, occurredOn: addDays(today, -1) });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await snapshot();
    const change = after.map((row, i) => row.map((v, j) => Math.round((v - (before[i]?.[j] ?? 0)) * 100) / 100));
    // Two members (one leaving by a transfer still under way), one paying 50 yuan a month, one transfer.
    const own = [2, 50 * Number(today.slice(5, 7)), 50, 1];
    expect(change).toEqual(own.map((n) => [-n, n, 0, -n, n]));
  });
});

describe('bad input', () => {
  it('answers an unknown indicator with 404', async () => {
    const res = await admin.get('/api/indicators/members.unknownThing');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('members.unknownThing');
  });

  it('answers a period ending before it starts with 422 on the end date, for records and exports too', async () => {
    for (const path of ['dues.paid', 'dues.paid/records', 'dues.paid/records/export']) {
      const res = await admin.get(`/api/indicators/${path}?from=2025-12-31&to=2025-01-01`);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].path).toBe('querystring.to');
    }
  });

  it('answers a dimension the indicator lacks with 422 naming the ones it has', async () => {
    const res = await admin.get('/api/indicators/members.count?groupBy=colour');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].message).toContain('ageBand');
  });

  it('answers a second dimension without a first, or the same twice, with 422 on thenBy', async () => {
    for (const query of ['thenBy=month', 'groupBy=month&thenBy=month']) {
      const res = await admin.get(`/api/indicators/orglife.meetings.count?${query}`);
      expect(res.statusCode, query).toBe(422);
      expect(res.json().errors[0].path).toBe('querystring.thenBy');
    }
  });

  it('answers a scope outside the caller’s access with 403, whether or not the org exists', async () => {
    const orgAdmin = await t.as('org_admin', sample.unitCommitteeOrgId);
    for (const key of ['orgs.count', 'dues.arrears', 'transfers.overdue']) {
      const other = await orgAdmin.get(`/api/indicators/${key}?orgId=${sample.otherUnitCommitteeOrgId}`);
      const missing = await orgAdmin.get(`/api/indicators/${key}?orgId=0195f0c4-0000-7000-8000-000000000000`);
      expect([other.statusCode, missing.statusCode]).toEqual([403, 403]);
      expect(other.json().detail).toBe(missing.json().detail);
    }
  });
});

describe('a member’s own figures', () => {
  const loginOf = async (memberId: string, orgId: string) => {
    const user = await t.newUser('member', orgId);
    await t.database.db.execute(sql`update users set member_id = ${memberId} where id = ${user.id}`);
    return t.login(user);
  };

  it('shows only the signed-in member’s meetings, dues, transfers and development history', async () => {
    const branch = await newBranch(sample.unitCommitteeOrgId);
    const me = await t.newMember(branch.id);
    const other = await t.newMember(branch.id);
    await duesOf(branch.id, me.id, `${year}-01`, 2000);
    await duesOf(branch.id, other.id, `${year}-01`, 5000);
    await specialDuesOf(branch.id, me.id, `${year}-01-01`, today, 3000);
    await transferOf(other.id, await branchUnder(sample.otherUnitCommitteeOrgId), today);
    const startsAt = new Date(Date.now() - 60 * 60_000).toISOString();
    const meeting = (await admin.post('/api/meetings', { orgId: branch.id, kind: 'generalMeeting', startsAt, place: '党员活动室' })).json();
    await admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${other.id}`, { status: 'present' });
    const { version } = (await admin.get(`/api/meetings/${meeting.id}`)).json();
    const held = await admin.patch(`/api/meetings/${meeting.id}`, { version, status: 'held', firstTopic: '学习习近平总书记近期重要讲话精神' });
    expect(held.statusCode, held.body).toBe(200);

    const session = await loginOf(me.id, branch.id);
    const res = await session.get('/api/me/figures');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as MyFigures;
    expect(mine.memberId).toBe(me.id);
    expect(mine.meetings).toMatchObject({ expected: 1, present: 0, absent: 1, rate: 0 });
    const months = Number(today.slice(5, 7));
    expect(mine.dues).toEqual({
      dueMonths: months,
      paidMonths: 1,
      expectedFen: 5000 * months,
      paidFen: 2000,
      arrearsFen: 5000 * months - 2000,
      specialDuesFen: 3000,
    });
    expect(mine.transfers).toEqual([]);
    expect(mine.development).toBeNull();
    // The member's dues are their row of the committee's dues figures.
    const row = (await recordsOf('dues.arrears', `orgId=${branch.id}`)).items.find((r) => r.id === me.id);
    expect(Math.round(Number(row?.arrears_yuan) * 100)).toBe(mine.dues.arrearsFen);

    const theirs = (await (await loginOf(other.id, branch.id)).get('/api/me/figures')).json() as MyFigures;
    expect(theirs.meetings).toMatchObject({ expected: 1, present: 1, rate: 100 });
    expect(theirs.transfers.map((x) => x.state)).toEqual(['pending']);
  });

  it('answers a login linked to no member with 404', async () => {
    const session = await t.as('member', sample.branchOrgId);
    const res = await session.get('/api/me/figures');
    expect(res.statusCode).toBe(404);
  });
});
