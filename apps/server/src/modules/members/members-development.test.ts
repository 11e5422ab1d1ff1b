import type { CaseDetail, DevelopmentBoard, StepResult } from '@hangbiao/shared/contracts/development';
import type { Member, MemberEvent } from '@hangbiao/shared/contracts/members';
import { addDays, shanghaiDate } from '@hangbiao/shared/dates';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, createTestContext, type Department, type Session, type TestContext, unique } from '../../../test/harness';
import { rowsOf } from '../../db/client';

let t: TestContext;
let admin: Session;
let unitId: string;
let dept: Department['dept'];
let branch: { id: string; path: string; name: string };
let sponsors: { id: string; name: string }[];
let probationary: { id: string; name: string };

const vote = { entitled: 9, present: 8, yes: 8, no: 0, abstain: 0 };
type Step = [step: number, doneOn: string, data?: Record<string, unknown>];

/** Every step after the application, on dates that keep every rule (the notice runs over the 2024 National Day holiday). */
const path = (people = sponsors): Step[] => [
  [2, '2023-03-20'],
  [3, '2023-09-05'],
  [4, '2023-09-10'],
  [5, '2023-09-12', { contacts: [{ memberId: people[0]?.id, name: '—', category: 'full' }] }],
  [6, '2024-03-05'],
  [6, '2024-09-01'],
  [7, '2024-09-15'],
  [8, '2024-09-20', { sponsors: people.map((s) => ({ memberId: s.id, name: '—', category: 'full' })) }],
  [9, '2024-10-20', { reviewPassed: true }],
  [10, '2024-10-09', { notice: { startOn: '2024-09-27', endOn: '2024-10-09' } }],
  [11, '2024-10-25', { training: { days: 3 } }],
  [12, '2024-11-01'],
  [13, '2024-11-10'],
  [14, '2024-11-15'],
  [15, '2024-11-20', { vote }],
  [16, '2024-12-01'],
  [17, '2024-12-20', { approved: true }],
  [18, '2024-12-25'],
  [19, '2024-12-25'],
  [20, '2025-01-10'],
  [21, '2025-06-01'],
  [22, '2025-11-01'],
  [23, '2025-11-21', { vote, outcome: 'convert' }],
  [24, '2025-12-10', { approved: true }],
  [25, '2025-12-20'],
];

beforeAll(async () => {
  t = await createTestContext();
  ({ unitId, dept, admin } = await t.newDepartment());
  branch = await t.newOrg(dept, { unitId });
  const fullMembers = await Promise.all(Array.from({ length: 9 }, () => t.newMember(branch.id)));
  sponsors = fullMembers.slice(0, 2);
  probationary = await t.newMember(branch.id, { category: 'probationary', joinedOn: '2025-06-01' });
});
afterAll(() => t.close());

/** A case being walked through its steps; `version` follows every answer. */
interface Walk {
  id: string;
  version: number;
  detail: CaseDetail;
}

async function open(session: Session, body: Record<string, unknown>): Promise<Walk> {
  const res = await session.post('/api/development/cases', body);
  expect(res.statusCode, res.body).toBe(200);
  const detail = res.json() as CaseDetail;
  return { id: detail.id, version: detail.version, detail };
}

async function record(walk: Walk, [step, doneOn, data]: Step, extra: Record<string, unknown> = {}, session = admin): Promise<LightMyRequestResponse> {
  const res = await session.post(`/api/development/cases/${walk.id}/steps`, { version: walk.version, step, doneOn, data: data ?? {}, ...extra });
  if (res.statusCode === 200) {
    walk.detail = (res.json() as StepResult).case;
    walk.version = walk.detail.version;
  }
  return res;
}

/** A new case in `orgId` with the path recorded up to (not including) the first entry of `step`. */
async function caseBefore(step: number, orgId = branch.id): Promise<Walk> {
  const walk = await open(admin, applicant(orgId));
  const steps = path();
  for (const entry of steps.slice(
    0,
    steps.findIndex(([n]) => n === step),
  )) {
    const res = await record(walk, entry);
    expect(res.statusCode, `step ${entry[0]}: ${res.body}`).toBe(200);
  }
  return walk;
}

async function stepRows(caseId: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from development_steps where case_id = ${caseId}`);
  return row?.n ?? 0;
}

/** A refusal: 422 rule_violation, nothing recorded, and the rule's source cited on the field at fault. */
async function expectRefused(walk: Walk, entry: Step, field: string, cites: string) {
  const before = await stepRows(walk.id);
  const res = await record(walk, entry);
  expect(res.statusCode, res.body).toBe(422);
  const problem = res.json() as { code: string; detail: string; errors: { path: string; message: string }[] };
  expect(problem.code).toBe('rule_violation');
  expect(problem.errors).toContainEqual({ path: field, message: expect.stringContaining(cites) });
  expect(problem.detail).toContain(cites);
  expect(await stepRows(walk.id)).toBe(before);
  return problem;
}

const member = async (id: string) => (await admin.get(`/api/members/${id}`)).json() as Member;
const memberEvents = async (id: string) => (await admin.get(`/api/members/${id}/events`)).json() as MemberEvent[];

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await rowsOf<{ action: string }>(t.database.db, sql`select action from audit_log where entity_id = ${entityId} order by seq`);
  return rows.map((r) => r.action);
}

describe('from application to conversion', () => {
  it('walks all 25 steps, admits on the upper committee’s approval and converts on the day probation ended', async () => {
    const walk = await open(admin, applicant(branch.id));
    expect(walk.detail).toMatchObject({ stage: 'applicant', status: 'active', appliedOn: '2023-03-01', memberId: null });
    expect(walk.detail.steps).toHaveLength(25);
    expect(walk.detail.steps[0]).toMatchObject({ status: 'done', records: [{ doneOn: '2023-03-01', documents: [{ name: '入党申请书' }] }] });
    expect(walk.detail.steps[1]).toMatchObject({ status: 'overdue', dueOn: '2023-04-01' });

    for (const entry of path()) {
      const res = await record(walk, entry);
      expect(res.statusCode, `step ${entry[0]}: ${res.body}`).toBe(200);
      const [step] = entry;
      if (step === 7) expect(walk.detail.stage).toBe('candidate');
      if (step === 8) {
        // Sponsors picked from the registry carry its names, not the ones typed.
        const stored = walk.detail.steps[7]?.records[0]?.data.sponsors?.map((s) => s.name);
        expect(stored).toEqual(sponsors.map((s) => s.name));
      }
      if (step === 17) {
        expect(walk.detail).toMatchObject({ stage: 'probationary', status: 'admitted', probationEndsOn: '2025-11-20' });
        // The approval is the upper committee's: by default recorded for the unit committee above the branch.
        expect(walk.detail.steps[16]?.records[0]?.orgId).toBe(dept.id);
        const admitted = await member(walk.detail.memberId as string);
        expect(admitted).toMatchObject({ category: 'probationary', joinedOn: '2024-11-20', fullOn: null, orgId: branch.id, status: 'active' });
      }
    }

    expect(walk.detail).toMatchObject({ stage: 'full', status: 'converted', closedOn: '2025-12-10', overdue: false });
    expect(walk.detail.steps.every((s) => s.status === 'done')).toBe(true);
    const memberId = walk.detail.memberId as string;
    expect(await member(memberId)).toMatchObject({ category: 'full', joinedOn: '2024-11-20', fullOn: '2025-11-20' });
    const events = await memberEvents(memberId);
    expect(events.map((e) => [e.kind, e.occurredOn])).toEqual(
      expect.arrayContaining([
        ['registered', '2024-11-20'],
        ['converted', '2025-11-20'],
      ]),
    );
    expect(await auditActions(walk.id)).toEqual(['development.create', ...path().map(() => 'development.step')]);
    expect(await auditActions(memberId)).toEqual(['member.create', 'development.convert']);
  });

  it('returns warnings without refusing: a talk more than a month after the application', async () => {
    const walk = await open(admin, applicant(branch.id));
    const res = await record(walk, [2, '2023-05-10']);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as StepResult).warnings).toEqual([expect.objectContaining({ rule: 'applicantTalk', source: expect.stringContaining('第七条') })]);
  });

  it('extends probation once, then cancels it, leaving the member record with probation cancelled', async () => {
    const walk = await caseBefore(23);
    expect((await record(walk, [23, '2025-11-21', { vote, outcome: 'extend', extensionMonths: 6 }])).statusCode).toBe(200);
    expect((await record(walk, [24, '2025-12-10', { approved: true }])).statusCode).toBe(200);
    expect(walk.detail).toMatchObject({ status: 'admitted', probationEndsOn: '2026-05-20' });
    const memberId = walk.detail.memberId as string;
    expect((await memberEvents(memberId)).map((e) => e.kind)).toContain('probationExtended');

    await expectRefused(walk, [23, '2026-05-22', { vote, outcome: 'extend', extensionMonths: 6 }], 'body.data.outcome', '第三十二条');
    expect((await record(walk, [22, '2026-05-01'])).statusCode).toBe(200);
    expect((await record(walk, [23, '2026-05-22', { vote, outcome: 'cancel' }])).statusCode).toBe(200);
    expect((await record(walk, [24, '2026-06-10', { approved: true }])).statusCode).toBe(200);
    expect(walk.detail).toMatchObject({ status: 'cancelled', closeReason: '取消预备党员资格', overdue: false });
    expect(await member(memberId)).toMatchObject({ status: 'left', exitKind: 'probationCancelled', category: 'probationary' });
    expect(await auditActions(memberId)).toEqual(['member.create', 'development.extend', 'member.statusChanged']);
  });

  it('edits the applicant before admission, warns at the vote of a candidate leaving within three months, and refuses edits after', async () => {
    const walk = await caseBefore(15);
    const { gender, ethnicity, idNumber, birthDate, education, jobPost, phone } = walk.detail;
    const edit = { name: unique('改名'), gender, ethnicity, idNumber, birthDate, education, jobPost, phone, expectedLeaveOn: '2025-01-31' };
    const res = await admin.patch(`/api/development/cases/${walk.id}`, { ...edit, version: walk.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: edit.name, expectedLeaveOn: '2025-01-31' });
    walk.version = res.json().version;
    expect((await auditActions(walk.id)).at(-1)).toBe('development.update');
    const voted = await record(walk, [15, '2024-11-20', { vote }]);
    expect(voted.statusCode, voted.body).toBe(200);
    expect((voted.json() as StepResult).warnings.map((w) => w.rule)).toContain('leavingUnit');

    for (const entry of path().filter(([n]) => n === 16 || n === 17)) expect((await record(walk, entry)).statusCode).toBe(200);
    const late = await admin.patch(`/api/development/cases/${walk.id}`, { ...edit, version: walk.version });
    expect(late.statusCode).toBe(409);
  });

  it('stops a case before admission, but not a probationary member’s', async () => {
    const active = await caseBefore(4);
    const stopped = await admin.post(`/api/development/cases/${active.id}/stop`, { version: active.version, stoppedOn: '2024-01-05', reason: '本人撤回申请' });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json()).toMatchObject({ status: 'stopped', closedOn: '2024-01-05', closeReason: '本人撤回申请', nextDueOn: null });
    expect((await record({ ...active, version: stopped.json().version }, [4, '2024-01-06'])).statusCode).toBe(422);

    const admitted = await caseBefore(18);
    const refused = await admin.post(`/api/development/cases/${admitted.id}/stop`, { version: admitted.version, stoppedOn: '2025-01-05', reason: '调离' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('第七条');
  });
});

describe('taking back a step recorded by mistake', () => {
  const withdraw = (walk: Walk, version = walk.version) => admin.post(`/api/development/cases/${walk.id}/steps/withdraw`, { version, reason: '日期登记有误' });

  it('takes back the last step, returning the stage it set, and lets it be recorded again with the right date', async () => {
    const walk = await caseBefore(5);
    expect(walk.detail.stage).toBe('activist');
    const rows = await stepRows(walk.id);
    const res = await withdraw(walk);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as CaseDetail;
    expect(after.stage).toBe('applicant');
    expect(after.steps.find((s) => s.step === 4)?.records).toEqual([]);
    expect(await stepRows(walk.id)).toBe(rows - 1);
    expect((await auditActions(walk.id)).at(-1)).toBe('development.stepWithdrawn');
    expect((await withdraw(walk)).statusCode).toBe(409);

    walk.version = after.version;
    expect((await record(walk, [4, '2023-09-11'])).statusCode).toBe(200);
    expect(walk.detail.stage).toBe('activist');
    expect(walk.detail.steps.find((s) => s.step === 4)?.records.map((r) => r.doneOn)).toEqual(['2023-09-11']);
  });

  it('leaves an admission that changed the member registry, and an application on its own, in place (422)', async () => {
    const admitted = await caseBefore(18);
    const rows = await stepRows(admitted.id);
    const refused = await withdraw(admitted);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('党员名册');
    expect(await stepRows(admitted.id)).toBe(rows);
    expect((await admin.get(`/api/development/cases/${admitted.id}`)).json()).toMatchObject({ status: 'admitted', version: admitted.version });

    const fresh = await open(admin, applicant(branch.id));
    expect((await withdraw(fresh)).statusCode).toBe(422);
  });
});

describe('refusals cite their rule (发展党员工作细则 2014)', () => {
  it('refuses an application at 17 (党章 第一条；细则 第五条) and opens no case', async () => {
    const body = applicant(branch.id, { appliedOn: '2026-11-01' }, '2009-01-10');
    const res = await admin.post('/api/development/cases', body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rule_violation', errors: [{ path: 'body.appliedOn', message: expect.stringContaining('第五条') }] });
    const rows = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from development_cases where name = ${body.name}`);
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses a candidate decision less than a year after the activist decision (第十三条)', async () => {
    await expectRefused(await caseBefore(7), [7, '2024-09-09'], 'body.doneOn', '第十三条');
  });

  it('refuses missing sponsors and a sponsor the registry shows as probationary (第十四条)', async () => {
    const walk = await caseBefore(8);
    await expectRefused(walk, [8, '2024-09-20', {}], 'body.data.sponsors', '第十四条');
    const claimed = [
      { memberId: sponsors[0]?.id, name: '—', category: 'full' },
      { memberId: probationary.id, name: '—', category: 'full' },
    ];
    const problem = await expectRefused(walk, [8, '2024-09-20', { sponsors: claimed }], 'body.data.sponsors', '第十四条');
    expect(problem.detail).toContain(probationary.name);
  });

  it('refuses a public notice of 3 working days across the 2024 National Day holiday (local rule: 5 working days)', async () => {
    const walk = await caseBefore(10);
    const problem = await expectRefused(walk, [10, '2024-10-09', { notice: { startOn: '2024-09-30', endOn: '2024-10-09' } }], 'body.data.notice', '5 个工作日');
    expect(problem.detail).toContain('只有 3 个工作日');
  });

  it('refuses concentrated training of two days (第十七条)', async () => {
    await expectRefused(await caseBefore(11), [11, '2024-10-25', { training: { days: 2, hours: 16 } }], 'body.data.training', '第十七条');
  });

  it('refuses a vote without quorum and one whose yes votes are not more than half of those entitled (第二十条、第二十一条)', async () => {
    const walk = await caseBefore(15);
    await expectRefused(walk, [15, '2024-11-20', { vote: { entitled: 9, present: 4, yes: 4, no: 0, abstain: 0 } }], 'body.data.vote', '第二十条');
    const problem = await expectRefused(
      walk,
      [15, '2024-11-20', { vote: { entitled: 9, present: 8, yes: 4, no: 4, abstain: 0 } }],
      'body.data.vote',
      '第二十一条',
    );
    expect(problem.detail).toContain('决议未获通过');
  });

  it('refuses a conversion vote before probation has run a year from the admission vote (党章 第七条；第三十二条)', async () => {
    const walk = await caseBefore(23);
    await expectRefused(walk, [23, '2025-11-19', { vote, outcome: 'convert' }], 'body.doneOn', '第三十二条');
  });

  it('refuses a step out of order, a future date (422) and a stale version (409)', async () => {
    const walk = await open(admin, applicant(branch.id));
    await expectRefused(walk, [8, '2024-09-20', { sponsors: [] }], 'body.step', '第五条');
    const future = await record(walk, [2, addDays(shanghaiDate(new Date()), 2)]);
    expect(future.statusCode).toBe(422);
    expect(future.json().code).toBe('validation_failed');
    const stale = await admin.post(`/api/development/cases/${walk.id}/steps`, { version: walk.version + 1, step: 2, doneOn: '2023-03-20' });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses the same person twice while a case is open (409)', async () => {
    const body = applicant(branch.id);
    await open(admin, body);
    const again = await admin.post('/api/development/cases', { ...body, name: unique('重复') });
    expect(again.statusCode).toBe(409);
  });
});

describe('board, lists and scope', () => {
  it('counts cases per stage, flags the overdue ones and filters by subtree', async () => {
    const d = await t.newDepartment();
    const own = await t.newOrg(d.dept, { unitId: d.unitId });
    const other = await t.newOrg(d.dept, { unitId: d.unitId });
    const ownSponsors = await Promise.all([t.newMember(own.id), t.newMember(own.id)]);
    const fresh = await open(d.admin, applicant(own.id, { appliedOn: addDays(shanghaiDate(new Date()), -5) }));
    const late = await open(d.admin, applicant(own.id));
    const activist = await open(d.admin, applicant(own.id));
    for (const entry of path(ownSponsors).slice(0, 5)) expect((await record(activist, entry, {}, d.admin)).statusCode).toBe(200);
    const converted = await open(d.admin, applicant(own.id));
    for (const entry of path(ownSponsors).slice(0, -1)) expect((await record(converted, entry, {}, d.admin)).statusCode).toBe(200);
    const elsewhere = await open(d.admin, applicant(other.id));

    const board = (await d.admin.get(`/api/development/board?under=${own.id}`)).json() as DevelopmentBoard;
    const counts = Object.fromEntries(board.stages.map((s) => [s.stage, [s.count, s.overdue]]));
    expect(counts).toEqual({ applicant: [2, 1], activist: [1, 1], candidate: [0, 0], probationary: [0, 0], full: [1, 0] });
    expect(board.stages[0]?.cards.map((c) => c.id)).toEqual([late.id, fresh.id]);
    expect(board.overdue.map((c) => [c.id, c.nextDueStep])).toEqual([
      [late.id, 2],
      [activist.id, 6],
    ]);

    const whole = (await d.admin.get('/api/development/board')).json() as DevelopmentBoard;
    expect(whole.stages[0]?.count).toBe(3);
    expect(whole.stages[0]?.cards.map((c) => c.id)).toContain(elsewhere.id);

    const overdue = (await d.admin.get(`/api/development/cases?under=${own.id}&overdue=true`)).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toEqual([late.id, activist.id]);
    const activists = (await d.admin.get(`/api/development/cases?stage=activist`)).json();
    expect(activists.items.map((c: { id: string }) => c.id)).toEqual([activist.id]);
    expect(converted.detail.status).toBe('converted');
  });

  it('answers 403 for another department’s cases, board and steps, masks ID numbers without members.sensitive', async () => {
    const walk = await open(admin, applicant(branch.id));
    const d = await t.newDepartment();
    const stranger = await t.as('org_admin', d.dept.id);
    expect((await stranger.get(`/api/development/cases/${walk.id}`)).statusCode).toBe(403);
    expect((await record(walk, [2, '2023-03-20'], {}, stranger)).statusCode).toBe(403);
    expect((await stranger.get(`/api/development/board?under=${branch.id}`)).statusCode).toBe(403);
    expect((await stranger.get(`/api/development/cases?under=${branch.id}`)).statusCode).toBe(403);
    expect((await stranger.get('/api/development/cases?pageSize=200')).json().items).toEqual([]);

    const inspector = await t.as('inspector', dept.id);
    const seen = (await inspector.get(`/api/development/cases/${walk.id}`)).json() as CaseDetail;
    expect(seen.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(seen.unmasked).toBe(false);
    expect((await record(walk, [2, '2023-03-20'], {}, inspector)).statusCode).toBe(403);
    const full = (await admin.get(`/api/development/cases/${walk.id}`)).json() as CaseDetail;
    expect(full.idNumber).toMatch(/^\d{17}[\dX]$/);
  });
});
