import type { DuesArrearsPage, DuesBase, DuesLedger, DuesLedgerRow, DuesTotals, MemberDues, SpecialDuesTotals } from '@hangbiao/shared/contracts/dues';
import { addDays, addMonths, monthOf, shanghaiDate } from '@hangbiao/shared/dates';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Department, type Session, type TestContext, unique } from '../../../test/harness';
import { rowsOf } from '../../db/client';

let t: TestContext;
let admin: Session;
let unitId: string;
let dept: Department['dept'];
let committee: Department['committee'];

const today = shanghaiDate(new Date());
const M = monthOf(today);
const ago = (n: number) => addMonths(M, -n);
/** A day inside a month, never after today. */
const dayIn = (month: string) => (month === M ? today : `${month}-10`);

beforeAll(async () => {
  t = await createTestContext();
  ({ unitId, dept, admin, committee } = await t.newDepartment());
});
afterAll(() => t.close());

const newBranch = () => t.newOrg(dept, { unitId });

async function setBase(memberId: string, body: Record<string, unknown>, session = admin) {
  return session.post(`/api/members/${memberId}/dues/bases`, { confirmedOn: today, ...body });
}

async function baseOf(memberId: string, baseFen: number, from = ago(8), category = 'inService'): Promise<DuesBase> {
  const res = await setBase(memberId, { effectiveMonth: from, category, baseFen });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function pay(orgId: string, items: { memberId: string; month: string; paidFen: number; paidOn?: string; version?: number }[], session = admin) {
  return session.post('/api/dues/payments', {
    orgId,
    items: items.map((i) => ({ method: 'cash', paidOn: dayIn(i.month), ...i })),
  });
}

async function ledgerOf(orgId: string, month = M, filter = 'all'): Promise<DuesLedger> {
  const res = await admin.get(`/api/dues/ledger?orgId=${orgId}&month=${month}&filter=${filter}&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const rowOf = (l: DuesLedger, memberId: string) => l.items.find((r) => r.memberId === memberId) as DuesLedgerRow;

async function paymentCount(memberId: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from dues_payments where member_id = ${memberId}`);
  return row?.n ?? 0;
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await rowsOf<{ action: string }>(t.database.db, sql`select action from audit_log where entity_id = ${entityId} order by seq`);
  return rows.map((r) => r.action);
}

describe('dues bases', () => {
  it('reckons 81.00 from a base of 5400.00 on the whole base (规定第二条), stores the rule and audits it', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    const res = await setBase(m.id, { effectiveMonth: ago(2), category: 'inService', baseFen: 540_000 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      monthlyFen: 8100,
      ruleKey: 'inService.3',
      rule: expect.stringContaining('1.5%'),
      source: expect.stringContaining('第二条'),
    });
    expect(await auditActions(m.id)).toEqual(['dues.baseSet']);
  });

  it('keeps history: a new salary gives a new amount from its month, earlier months keep the old one (规定第十条)', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    await baseOf(m.id, 540_000, ago(6));
    await baseOf(m.id, 1_150_000, ago(1));
    expect(rowOf(await ledgerOf(branch.id, ago(2)), m.id).expectedFen).toBe(8100);
    expect(rowOf(await ledgerOf(branch.id, ago(1)), m.id).expectedFen).toBe(23_000);
    const dues = (await admin.get(`/api/members/${m.id}/dues`)).json() as MemberDues;
    expect(dues.bases.map((b) => [b.effectiveMonth, b.monthlyFen])).toEqual([
      [ago(1), 23_000],
      [ago(6), 8100],
    ]);
  });

  it('refuses a second base for the same month with 409 and a base without its amount with 422 on the field', async () => {
    const m = await t.newMember((await newBranch()).id);
    await baseOf(m.id, 300_000, ago(3));
    const again = await setBase(m.id, { effectiveMonth: ago(3), category: 'inService', baseFen: 400_000 });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('body.effectiveMonth');
    const missing = await setBase(m.id, { effectiveMonth: ago(2), category: 'retired' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].path).toBe('body.baseFen');
    const farmer = await setBase(m.id, { effectiveMonth: ago(2), category: 'farmer', fixedFen: 150 });
    expect(farmer.statusCode).toBe(422);
    expect(farmer.json()).toMatchObject({ errors: [{ path: 'body.fixedFen', message: expect.stringContaining('0.20 元至 1.00 元') }] });
  });

  it('charges students and the unemployed a fixed 0.20 yuan (规定第六条)', async () => {
    const m = await t.newMember((await newBranch()).id, { jobPost: 'student' });
    const res = await setBase(m.id, { effectiveMonth: ago(1), category: 'fixedMinimum' });
    expect(res.json()).toMatchObject({ monthlyFen: 20, baseFen: null, source: expect.stringContaining('第六条') });
  });
});

describe('the monthly ledger', () => {
  it('shows base, rule, expected, paid and arrears for each member of a small branch, with exact totals in fen', async () => {
    const branch = await newBranch();
    const paid = await t.newMember(branch.id);
    const behind = await t.newMember(branch.id);
    const retired = await t.newMember(branch.id, { jobPost: 'retired' });
    const noBase = await t.newMember(branch.id);
    const left = await t.newMember(branch.id, { status: 'left' });
    await baseOf(paid.id, 540_000);
    await baseOf(behind.id, 1_150_000, ago(2));
    await baseOf(retired.id, 400_000, ago(8), 'retired');
    expect((await pay(branch.id, [{ memberId: paid.id, month: M, paidFen: 8100, paidOn: today }])).statusCode).toBe(200);

    const l = await ledgerOf(branch.id);
    expect(l.items.map((r) => r.memberId)).not.toContain(left.id);
    expect(l.summary).toEqual({ members: 4, expectedFen: 8100 + 23_000 + 2000, paidFen: 8100, paidMembers: 1, unpaidMembers: 2, noBase: 1 });
    expect(rowOf(l, paid.id)).toMatchObject({ expectedFen: 8100, payment: { paidFen: 8100, method: 'cash', paidOn: today }, unpaidMonths: 0 });
    expect(rowOf(l, behind.id)).toMatchObject({ expectedFen: 23_000, payment: null, unpaidMonths: 3, base: { ruleKey: 'inService.4' } });
    expect(rowOf(l, retired.id)).toMatchObject({ expectedFen: 2000, unpaidMonths: 9, base: { category: 'retired', ruleKey: 'retired.1' } });
    expect(rowOf(l, noBase.id)).toMatchObject({ base: null, expectedFen: null, unpaidMonths: 0 });
    expect((await ledgerOf(branch.id, M, 'unpaid')).items.map((r) => r.memberId).sort()).toEqual([behind.id, retired.id].sort());
    expect((await ledgerOf(branch.id, M, 'noBase')).items.map((r) => r.memberId)).toEqual([noBase.id]);
  });

  it('sums a department subtree and pages it without losing the totals', async () => {
    const a = await newBranch();
    const b = await newBranch();
    for (const branch of [a, b]) for (let i = 0; i < 3; i++) await baseOf((await t.newMember(branch.id)).id, 300_000);
    const page = (await admin.get(`/api/dues/ledger?orgId=${dept.id}&month=${M}&pageSize=2`)).json() as DuesLedger;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(page.summary.members);
    expect(page.summary.members).toBeGreaterThanOrEqual(6);
  });

  it('starts a probationary member’s dues in the month the branch general meeting accepted them (规定第八条)', async () => {
    const branch = await newBranch();
    const joinedOn = `${ago(2)}-15`;
    const m = await t.newMember(branch.id, { category: 'probationary', joinedOn, fullOn: null });
    const early = await setBase(m.id, { effectiveMonth: ago(3), category: 'inService', baseFen: 400_000 });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'rule_violation', errors: [{ path: 'body.effectiveMonth', message: expect.stringContaining('第八条') }] });
    await baseOf(m.id, 400_000, ago(2));
    expect((await ledgerOf(branch.id, ago(3))).items.map((r) => r.memberId)).not.toContain(m.id);
    expect(rowOf(await ledgerOf(branch.id, ago(2)), m.id)).toMatchObject({ expectedFen: 4000, unpaidMonths: 1 });
    expect(rowOf(await ledgerOf(branch.id), m.id).unpaidMonths).toBe(3);
    const before = await pay(branch.id, [{ memberId: m.id, month: ago(3), paidFen: 4000 }]);
    expect(before.statusCode).toBe(422);
    expect(before.json().errors[0]).toMatchObject({ path: 'body.items.0.month', message: expect.stringContaining('第八条') });
  });
});

describe('bulk entry of payments', () => {
  it('writes every item or none: one bad item refuses all, naming its path', async () => {
    const branch = await newBranch();
    const a = await t.newMember(branch.id);
    const b = await t.newMember(branch.id);
    await baseOf(a.id, 540_000);
    const res = await pay(branch.id, [
      { memberId: a.id, month: M, paidFen: 8100 },
      { memberId: b.id, month: M, paidFen: 8100 },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rule_violation', errors: [{ path: 'body.items.1.month', message: expect.stringContaining('尚未核定') }] });
    expect(await paymentCount(a.id)).toBe(0);
    await baseOf(b.id, 300_000);
    const ok = await pay(branch.id, [
      { memberId: a.id, month: M, paidFen: 8100 },
      { memberId: b.id, month: M, paidFen: 1500 },
      { memberId: b.id, month: ago(1), paidFen: 1500 },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items).toHaveLength(3);
    expect(await auditActions(branch.id)).toEqual(['dues.paymentsRecorded']);
  });

  it('refuses a back-payment beyond 6 months citing 第十二条, and accepts exactly 6', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    await baseOf(m.id, 540_000, ago(10));
    const late = await pay(branch.id, [{ memberId: m.id, month: ago(7), paidFen: 8100, paidOn: today }]);
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({
      code: 'rule_violation',
      errors: [{ path: 'body.items.0.month', message: expect.stringMatching(/不得超过 6 个月.*第十二条/) }],
    });
    expect((await pay(branch.id, [{ memberId: m.id, month: ago(6), paidFen: 8100, paidOn: today }])).statusCode).toBe(200);
  });

  it('refuses a prepayment beyond 12 months citing the local default, and accepts exactly 12', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    await baseOf(m.id, 540_000);
    const early = await pay(branch.id, [{ memberId: m.id, month: addMonths(M, 13), paidFen: 8100, paidOn: today }]);
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].message).toMatch(/预交党费不超过 12 个月.*本地默认/);
    expect((await pay(branch.id, [{ memberId: m.id, month: addMonths(M, 12), paidFen: 8100, paidOn: today }])).statusCode).toBe(200);
  });

  it('corrects a paid amount with its version, refuses a stale one with 409, and refuses a second entry for the month', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    await baseOf(m.id, 540_000);
    const first = (await pay(branch.id, [{ memberId: m.id, month: M, paidFen: 8000 }])).json().items[0];
    const twice = await pay(branch.id, [{ memberId: m.id, month: M, paidFen: 8100 }]);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('conflict');
    const fixed = await pay(branch.id, [{ memberId: m.id, month: M, paidFen: 8100, version: first.version }]);
    expect(fixed.statusCode, fixed.body).toBe(200);
    const stale = await pay(branch.id, [{ memberId: m.id, month: M, paidFen: 9000, version: first.version }]);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', errors: [{ path: 'body.items.0.version' }] });
    expect(rowOf(await ledgerOf(branch.id), m.id).payment?.paidFen).toBe(8100);
  });

  it('keeps expected amounts of recorded months in step when a base is corrected', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    const base = await baseOf(m.id, 540_000);
    await pay(branch.id, [{ memberId: m.id, month: M, paidFen: 8100 }]);
    const res = await admin.patch(`/api/dues/bases/${base.id}`, { category: 'inService', baseFen: 600_000, confirmedOn: today, version: base.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().monthlyFen).toBe(9000);
    const [row] = await rowsOf<{ expected_fen: number }>(t.database.db, sql`select expected_fen from dues_payments where member_id = ${m.id}`);
    expect(row?.expected_fen).toBe(9000);
    expect((await ledgerOf(branch.id, M, 'short')).items.map((r) => r.memberId)).toEqual([m.id]);
  });

  it('deletes a payment entered by mistake with its version and audits it', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    await baseOf(m.id, 540_000);
    const p = (await pay(branch.id, [{ memberId: m.id, month: M, paidFen: 8100 }])).json().items[0];
    expect((await admin.del(`/api/dues/payments/${p.id}?version=${p.version + 1}`)).statusCode).toBe(409);
    expect((await admin.del(`/api/dues/payments/${p.id}?version=${p.version}`)).statusCode).toBe(200);
    expect(await paymentCount(m.id)).toBe(0);
    expect(await auditActions(m.id)).toContain('dues.paymentDeleted');
  });
});

describe('arrears and the 6-months alert', () => {
  it('lists members with 6 unpaid months in a row as an alert citing 第十三条, and changes nothing about them', async () => {
    const branch = await newBranch();
    const six = await t.newMember(branch.id);
    const five = await t.newMember(branch.id);
    await baseOf(six.id, 540_000, ago(9));
    await baseOf(five.id, 540_000, ago(9));
    await pay(branch.id, [
      { memberId: six.id, month: ago(6), paidFen: 8100 },
      { memberId: five.id, month: ago(5), paidFen: 8100 },
    ]);
    const month = ago(0);
    const alerts = (await admin.get(`/api/dues/alerts?orgId=${branch.id}&month=${month}`)).json() as DuesArrearsPage;
    expect(alerts.items.map((r) => r.memberId)).toEqual([six.id]);
    expect(alerts.items[0]).toMatchObject({ unpaidMonths: 6, fromMonth: ago(5), lastPaidMonth: ago(6), owedFen: 6 * 8100 });
    expect(alerts.rule).toMatch(/第十三条/);
    expect(alerts.rule).toMatch(/仅作提醒/);
    const arrears = (await admin.get(`/api/dues/arrears?orgId=${branch.id}&month=${month}`)).json() as DuesArrearsPage;
    expect(arrears.items.map((r) => [r.memberId, r.unpaidMonths])).toEqual([
      [six.id, 6],
      [five.id, 5],
    ]);
    const [status] = await rowsOf<{ status: string }>(t.database.db, sql`select status from members where id = ${six.id}`);
    expect(status?.status).toBe('active');
  });

  it('counts owed months at each month’s own amount, a reduced relief included', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    await baseOf(m.id, 540_000, ago(3));
    await baseOf(m.id, 1_150_000, ago(1));
    const relief = await admin.post(`/api/members/${m.id}/dues/reliefs`, {
      kind: 'reduced',
      monthlyFen: 1000,
      fromMonth: M,
      toMonth: M,
      reason: '家庭困难',
      decidedOn: today,
      approvedByOrgId: dept.id,
      approvedOn: today,
    });
    expect(relief.statusCode, relief.body).toBe(200);
    const arrears = (await admin.get(`/api/dues/arrears?orgId=${branch.id}`)).json() as DuesArrearsPage;
    expect(arrears.items[0]).toMatchObject({ unpaidMonths: 4, owedFen: 8100 * 2 + 23_000 + 1000 });
  });
});

describe('hardship relief (规定第七条)', () => {
  it('exempts a member approved one level up: nothing due and no arrears', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    await baseOf(m.id, 540_000, ago(4));
    const res = await admin.post(`/api/members/${m.id}/dues/reliefs`, {
      kind: 'exempt',
      fromMonth: ago(4),
      reason: '长期患病',
      decidedOn: addDays(today, -3),
      approvedByOrgId: dept.id,
      approvedOn: today,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'exempt', approvedByOrgName: dept.name, toMonth: null });
    expect(rowOf(await ledgerOf(branch.id), m.id)).toMatchObject({ expectedFen: 0, unpaidMonths: 0, relief: { kind: 'exempt' } });
    expect(await auditActions(m.id)).toContain('dues.reliefGranted');
  });

  it('refuses an approval by the branch itself, and an overlapping relief', async () => {
    const branch = await newBranch();
    const m = await t.newMember(branch.id);
    const body = { kind: 'exempt', fromMonth: ago(2), reason: '困难', decidedOn: today, approvedByOrgId: branch.id, approvedOn: today };
    const self = await admin.post(`/api/members/${m.id}/dues/reliefs`, body);
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ code: 'rule_violation', errors: [{ path: 'body.approvedByOrgId', message: expect.stringContaining('第七条') }] });
    expect((await admin.post(`/api/members/${m.id}/dues/reliefs`, { ...body, approvedByOrgId: dept.id })).statusCode).toBe(200);
    const overlap = await admin.post(`/api/members/${m.id}/dues/reliefs`, { ...body, fromMonth: M, approvedByOrgId: dept.id });
    expect(overlap.statusCode).toBe(409);
  });
});

describe('yearly re-verification', () => {
  it('lists bases confirmed before this year’s re-verification and clears them once confirmed', async () => {
    const branch = await newBranch();
    const old = await t.newMember(branch.id);
    const fresh = await t.newMember(branch.id);
    const none = await t.newMember(branch.id);
    const stale = (
      await setBase(old.id, { effectiveMonth: ago(13), category: 'inService', baseFen: 500_000, confirmedOn: addDays(today, -400) })
    ).json() as DuesBase;
    await baseOf(fresh.id, 500_000);
    const list = (await admin.get(`/api/dues/reverify?orgId=${branch.id}`)).json();
    expect(list.rule).toContain('1 月');
    expect(list.items.map((r: { memberId: string }) => r.memberId).sort()).toEqual([old.id, none.id].sort());
    const res = await admin.post('/api/dues/bases/confirm', { orgId: branch.id, confirmedOn: today, items: [{ baseId: stale.id, version: stale.version }] });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await admin.get(`/api/dues/reverify?orgId=${branch.id}`)).json();
    expect(after.items.map((r: { memberId: string }) => r.memberId)).toEqual([none.id]);
    const again = await admin.post('/api/dues/bases/confirm', { orgId: branch.id, confirmedOn: today, items: [{ baseId: stale.id, version: stale.version }] });
    expect(again.statusCode).toBe(409);
  });
});

describe('totals by subtree and period', () => {
  it('sums expected, paid and arrears per child branch over a quarter, exactly in fen', async () => {
    const general = await t.newOrg(dept, { kind: 'generalBranch', unitId });
    const a = await t.newOrg(general, { unitId });
    const b = await t.newOrg(general, { unitId });
    const ma = await t.newMember(a.id);
    const mb = await t.newMember(b.id);
    await baseOf(ma.id, 540_001, ago(12));
    await baseOf(mb.id, 300_000, ago(12));
    // The calendar quarter holding the month six months back: wholly past, so all three months are due.
    const at = ago(6);
    const from = addMonths(`${at.slice(0, 4)}-01`, Math.floor((Number(at.slice(5, 7)) - 1) / 3) * 3);
    expect((await pay(a.id, [{ memberId: ma.id, month: from, paidFen: 8100 }])).statusCode).toBe(200);
    const res = await admin.get(`/api/dues/totals?orgId=${general.id}&period=quarter&month=${at}`);
    expect(res.statusCode, res.body).toBe(200);
    const totals = res.json() as DuesTotals;
    expect(totals).toMatchObject({ fromMonth: from, toMonth: addMonths(from, 2) });
    expect(totals.rows.find((r) => r.orgId === a.id)).toMatchObject({ members: 1, expectedFen: 3 * 8100, paidFen: 8100, arrearsFen: 2 * 8100 });
    expect(totals.rows.find((r) => r.orgId === b.id)).toMatchObject({ members: 1, expectedFen: 3 * 1500, paidFen: 0, arrearsFen: 3 * 1500 });
    expect(totals.total).toMatchObject({ members: 2, expectedFen: 3 * 8100 + 3 * 1500 });
  });
});

describe('totals agree with the ledgers', () => {
  it('sums a quarter to exactly what its three monthly ledgers show, with a pay rise, a relief and an overpayment inside it', async () => {
    const branch = await newBranch();
    const [a, b, c] = [
      await t.newMember(branch.id),
      await t.newMember(branch.id),
      await t.newMember(branch.id, { category: 'probationary', joinedOn: `${ago(7)}-20`, fullOn: null }),
    ];
    const at = ago(6);
    const from = addMonths(`${at.slice(0, 4)}-01`, Math.floor((Number(at.slice(5, 7)) - 1) / 3) * 3);
    await baseOf(a.id, 456_789, ago(12));
    await baseOf(a.id, 1_234_567, addMonths(from, 1));
    await baseOf(b.id, 612_345, ago(12));
    await baseOf(c.id, 298_000, monthOf(`${ago(7)}-20`));
    const relief = await admin.post(`/api/members/${b.id}/dues/reliefs`, {
      kind: 'reduced',
      monthlyFen: 300,
      fromMonth: addMonths(from, 2),
      toMonth: addMonths(from, 3),
      reason: '困难',
      decidedOn: `${from}-01`,
      approvedByOrgId: dept.id,
      approvedOn: `${from}-02`,
    });
    expect(relief.statusCode, relief.body).toBe(200);
    expect(
      (
        await pay(branch.id, [
          { memberId: a.id, month: from, paidFen: 9999 },
          { memberId: b.id, month: addMonths(from, 1), paidFen: 5000 },
          { memberId: b.id, month: addMonths(from, 2), paidFen: 300 },
        ])
      ).statusCode,
    ).toBe(200);
    const months = [from, addMonths(from, 1), addMonths(from, 2)];
    const ledgers = await Promise.all(months.map((month) => ledgerOf(branch.id, month)));
    const rows = ledgers.flatMap((l) => l.items);
    const totals = (await admin.get(`/api/dues/totals?orgId=${branch.id}&period=quarter&month=${at}`)).json() as DuesTotals;
    expect(totals.total).toMatchObject({
      expectedFen: ledgers.reduce((n, l) => n + l.summary.expectedFen, 0),
      paidFen: ledgers.reduce((n, l) => n + l.summary.paidFen, 0),
      arrearsFen: rows.reduce((n, r) => n + Math.max(0, (r.expectedFen ?? 0) - (r.payment?.paidFen ?? 0)), 0),
    });
    expect(totals.total.expectedFen).toBeGreaterThan(0);
  });
});

describe('special dues (特殊党费): voluntary, never demanded', () => {
  it('totals gifts per unit and per subtree exactly in fen', async () => {
    const otherUnit = await t.newUnit(committee.id);
    const otherDept = await t.newOrg(committee, { kind: 'unitCommittee', unitId: otherUnit.id });
    const a = await newBranch();
    const b = await t.newOrg(otherDept, { unitId: otherUnit.id });
    const [m1, m2, m3] = [await t.newMember(a.id), await t.newMember(a.id), await t.newMember(b.id)];
    const campaign = await admin.post('/api/special-dues', {
      orgId: committee.id,
      title: unique('抗洪救灾特殊党费'),
      reason: 'disasterRelief',
      startedOn: addDays(today, -10),
    });
    expect(campaign.statusCode, campaign.body).toBe(200);
    const id = campaign.json().id as string;
    const res = await admin.post(`/api/special-dues/${id}/contributions`, {
      items: [
        { memberId: m1.id, amountFen: 10_000, paidOn: today },
        { memberId: m2.id, amountFen: 5050, paidOn: today },
        { memberId: m3.id, amountFen: 33, paidOn: today },
        { memberId: m1.id, amountFen: 1, paidOn: today },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const totals = (await admin.get(`/api/special-dues/${id}/totals`)).json() as SpecialDuesTotals;
    expect(totals.total).toEqual({ contributors: 3, amountFen: 15_084 });
    expect(totals.byUnit.find((u) => u.unitId === unitId)).toMatchObject({ contributors: 2, amountFen: 15_051 });
    expect(totals.byUnit.find((u) => u.unitId === otherUnit.id)).toMatchObject({ contributors: 1, amountFen: 33 });
    expect(totals.byOrg.find((o) => o.orgId === dept.id)).toMatchObject({ amountFen: 15_051 });
    expect(totals.byOrg.find((o) => o.orgId === otherDept.id)).toMatchObject({ amountFen: 33 });
    const underA = (await admin.get(`/api/special-dues/${id}/totals?orgId=${dept.id}`)).json() as SpecialDuesTotals;
    expect(underA.total).toEqual({ contributors: 2, amountFen: 15_051 });
    expect((await admin.get(`/api/special-dues/${id}`)).json()).toMatchObject({ contributors: 3, totalFen: 15_084 });
  });

  it('has no quota to demand: a campaign with a per-member amount is refused by its contract', async () => {
    const res = await admin.post('/api/special-dues', {
      orgId: committee.id,
      title: unique('特殊党费'),
      reason: 'epidemic',
      startedOn: today,
      quotaFen: 10_000,
    });
    expect(res.statusCode).toBe(422);
  });

  it('refuses gifts outside the campaign’s dates or from members outside the calling org, writing none', async () => {
    const a = await newBranch();
    const m = await t.newMember(a.id);
    const other = await t.newOrg(committee, { kind: 'unitCommittee', unitId: (await t.newUnit(committee.id)).id });
    const campaign = (await admin.post('/api/special-dues', { orgId: dept.id, title: unique('特殊党费'), reason: 'other', startedOn: today })).json();
    const outsider = await t.newMember(other.id);
    const res = await admin.post(`/api/special-dues/${campaign.id}/contributions`, {
      items: [
        { memberId: m.id, amountFen: 100, paidOn: addDays(today, -1) },
        { memberId: outsider.id, amountFen: 100, paidOn: today },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.items.0.paidOn', 'body.items.1.memberId']);
    const [row] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from special_dues_contributions where campaign_id = ${campaign.id}`);
    expect(row?.n).toBe(0);
  });
});

describe('scope', () => {
  it('answers 403 for another department’s ledger, payments and member dues', async () => {
    const other = await t.newDepartment();
    const otherBranch = await t.newOrg(other.dept, { unitId: other.unitId });
    const outsider = await t.newMember(otherBranch.id);
    const orgAdmin = await t.as('org_admin', dept.id);
    expect((await orgAdmin.get(`/api/dues/ledger?orgId=${otherBranch.id}`)).statusCode).toBe(403);
    expect((await orgAdmin.get(`/api/members/${outsider.id}/dues`)).statusCode).toBe(403);
    expect((await pay(otherBranch.id, [{ memberId: outsider.id, month: M, paidFen: 100 }], orgAdmin)).statusCode).toBe(403);
    const mine = await newBranch();
    const res = await pay(mine.id, [{ memberId: outsider.id, month: M, paidFen: 100 }], orgAdmin);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.items.0.memberId');
  });
});
