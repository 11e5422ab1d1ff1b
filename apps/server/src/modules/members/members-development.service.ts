import type {
  BoardCard,
  CaseCreate,
  CaseDetail,
  CaseListQuery,
  CaseStop,
  CaseUpdate,
  DevelopmentBoard,
  DevelopmentCase,
  StepData,
  StepInput,
  StepPerson,
  StepRecordOut,
  StepResult,
  StepWithdrawal,
} from '@hangbiao/shared/contracts/development';
import { boardCardLimit } from '@hangbiao/shared/contracts/development';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { type AuditAction, developmentStages, developmentSteps, memberStatuses, orgKinds } from '@hangbiao/shared/glossary';
import { maskIdNumber, maskPhone } from '@hangbiao/shared/id-number';
import {
  type CaseState,
  checkStep,
  type DevelopmentFinding,
  effectOf,
  nextDueOf,
  probationEndOf,
  type StepEffect,
  type StepRecord,
  stepDefinition,
  stepSchedule,
} from '@hangbiao/shared/rules';
import { and, asc, count, desc, eq, inArray, isNull, like, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { type OrgRow, pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError, type FieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { likePrefix, pageOf, updateVersioned } from '../../platform/rows';
import { sealerFor } from '../../platform/secrets';
import { orgs } from '../orgs/orgs.tables';
import { changeMemberStatus, createMember, personValues, unmaskerOf } from './members.service';
import { memberEvents, members } from './members.tables';
import { developmentCases, developmentStepRecords } from './members-development.tables';

type CaseRow = typeof developmentCases.$inferSelect;
type MemberRow = typeof members.$inferSelect;
type StepRow = typeof developmentStepRecords.$inferSelect & { orgName: string };

interface ScopedCase {
  row: CaseRow;
  orgName: string;
  orgPath: string;
}

const open = (status: CaseRow['status']) => status === 'active' || status === 'admitted';

/** Members in the registry with their rights: a suspended member (停止党籍) neither votes nor stays on probation. */
const withRights: MemberRow['status'][] = ['active', 'mobile', 'lostContact'];

function toCase(ctx: Ctx, row: CaseRow, orgName: string, unmasked: boolean): DevelopmentCase {
  const sealer = sealerFor(ctx.config);
  const today = shanghaiDate(ctx.now);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    idNumber: unmasked ? sealer.open(row.idNumberSealed) : row.idNumberMasked,
    birthDate: row.birthDate,
    education: row.education,
    jobPost: row.jobPost,
    phone: unmasked && row.phoneSealed ? sealer.open(row.phoneSealed) : row.phoneMasked,
    appliedOn: row.appliedOn,
    stage: row.stage,
    status: row.status,
    memberId: row.memberId,
    probationEndsOn: row.probationEndsOn,
    expectedLeaveOn: row.expectedLeaveOn,
    nextDueOn: row.nextDueOn,
    nextDueStep: row.nextDueStep,
    overdue: open(row.status) && !!row.nextDueOn && row.nextDueOn < today,
    closedOn: row.closedOn,
    closeReason: row.closeReason,
    unmasked,
    version: row.version,
  };
}

function toRecord(row: StepRow): StepRecordOut {
  return { id: row.id, step: row.step, doneOn: row.doneOn, orgId: row.orgId, orgName: row.orgName, documents: row.documents, note: row.note, data: row.data };
}

/**
 * A case of the actor's committee whose branch lies in the scope of `permission`. A missing case and one out of
 * scope get the same 403, as with orgs and members.
 */
async function findCase(ctx: Ctx, id: string, permission: 'members.read' | 'members.write', options: { forUpdate?: boolean } = {}): Promise<ScopedCase> {
  const paths = scopeOf(ctx, permission);
  const query = ctx.db
    .select({ row: developmentCases, orgName: orgs.name, orgPath: orgs.path })
    .from(developmentCases)
    .innerJoin(orgs, eq(orgs.id, developmentCases.orgId))
    .where(and(eq(developmentCases.id, id), eq(developmentCases.committeeId, requireActor(ctx).committeeId), pathInScope(paths, orgs.path)));
  const [found] = options.forUpdate ? await query.for('update', { of: developmentCases }) : await query;
  if (!found) throw new AppError('forbidden', '无权访问该发展党员档案，或该档案不存在');
  return found;
}

async function recordsOf(ctx: Ctx, caseId: string): Promise<StepRow[]> {
  const rows = await ctx.db
    .select({ record: developmentStepRecords, orgName: orgs.name })
    .from(developmentStepRecords)
    .innerJoin(orgs, eq(orgs.id, developmentStepRecords.orgId))
    .where(eq(developmentStepRecords.caseId, caseId))
    .orderBy(asc(developmentStepRecords.seq));
  return rows.map((r) => ({ ...r.record, orgName: r.orgName }));
}

function stateOf(row: CaseRow, records: readonly StepRecord[], branchFullMembers?: number): CaseState {
  return {
    birthDate: row.birthDate,
    status: row.status,
    records,
    expectedLeaveOn: row.expectedLeaveOn,
    ...(branchFullMembers !== undefined && { branchFullMembers }),
  };
}

/** The fields the schedule keeps on the case row so lists can filter and sort by them. */
function derived(state: CaseState, today: string) {
  const next = open(state.status) ? nextDueOf(stepSchedule(state, today)) : null;
  return { probationEndsOn: probationEndOf(state), nextDueOn: next?.dueOn ?? null, nextDueStep: next?.step ?? null };
}

/** An audit row of a change to a case, filed under the case's branch. */
function auditCase(ctx: Ctx, found: ScopedCase, action: AuditAction, summary: Record<string, unknown>) {
  return audit(ctx, {
    action,
    entityType: 'developmentCase',
    entityId: found.row.id,
    orgId: found.row.orgId,
    orgPath: found.orgPath,
    committeeId: found.row.committeeId,
    summary,
  });
}

function detailOf(ctx: Ctx, found: ScopedCase, records: StepRow[]): CaseDetail {
  const schedule = stepSchedule(stateOf(found.row, records), shanghaiDate(ctx.now));
  return {
    ...toCase(ctx, found.row, found.orgName, unmaskerOf(ctx)(found.orgPath)),
    steps: schedule.map((s) => ({
      step: s.number,
      key: s.key,
      phase: s.phase,
      status: s.status,
      dueOn: s.dueOn,
      earliestOn: s.earliestOn,
      source: s.source,
      records: records.filter((r) => r.step === s.number).map(toRecord),
    })),
  };
}

export async function getCase(ctx: Ctx, id: string): Promise<CaseDetail> {
  const found = await findCase(ctx, id, 'members.read');
  return detailOf(ctx, found, await recordsOf(ctx, id));
}

// ── Refusals ─────────────────────────────────────────────────────

/** 422 with every refusal on its field, each citing the rule it applies. */
function refusal(findings: DevelopmentFinding[]): AppError {
  const cited = (f: DevelopmentFinding) => `${f.message}（依据：${f.source}）`;
  return new AppError(
    'rule_violation',
    findings.map(cited).join('；'),
    findings.map((f) => ({ path: `body.${f.field ?? 'step'}`, message: cited(f) })),
  );
}

function refuseBlocks(findings: DevelopmentFinding[]): DevelopmentFinding[] {
  const blocks = findings.filter((f) => f.severity === 'block');
  if (blocks.length) throw refusal(blocks);
  return findings.filter((f) => f.severity === 'warn');
}

function assertNotFuture(ctx: Ctx, fields: Record<string, string | null | undefined>) {
  const today = shanghaiDate(ctx.now);
  const errors: FieldError[] = Object.entries(fields)
    .filter(([, value]) => value && value > today)
    .map(([path, value]) => ({ path: `body.${path}`, message: `${value} 晚于今天` }));
  if (errors.length) throw new AppError('validation_failed', '日期不能晚于今天', errors);
}

/** 党章 第五条: Party members are admitted through a branch; the case belongs to one. */
function assertBranch(org: OrgRow) {
  if (org.kind !== 'branch' && org.kind !== 'jointBranch')
    throw new AppError('rule_violation', `发展党员必须经过党的支部（中国共产党章程 第五条），不能由${orgKinds.label(org.kind)}直接办理`, [
      { path: 'body.orgId', message: '请选择党支部或联合党支部' },
    ]);
  if (org.dissolvedOn) throw new AppError('rule_violation', `${org.name}已于 ${org.dissolvedOn} 撤销`, [{ path: 'body.orgId', message: '该组织已撤销' }]);
}

/** The same person may have one open case, and may not be in the member registry already. */
async function assertPersonFree(ctx: Ctx, committeeId: string, hash: string, exceptId?: string) {
  const [openCase] = await ctx.db
    .select({ id: developmentCases.id })
    .from(developmentCases)
    .where(
      and(
        eq(developmentCases.committeeId, committeeId),
        eq(developmentCases.idNumberHash, hash),
        inArray(developmentCases.status, ['active', 'admitted']),
        exceptId ? ne(developmentCases.id, exceptId) : undefined,
      ),
    );
  if (openCase) throw new AppError('conflict', '此人已有正在办理的发展党员档案', [{ path: 'body.idNumber', message: '已有发展党员档案' }]);
  const [member] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.committeeId, committeeId), eq(members.idNumberHash, hash), isNull(members.deletedAt)));
  if (member) throw new AppError('conflict', '该身份证号已登记在党员名册中', [{ path: 'body.idNumber', message: '已在党员名册中' }]);
}

function caseValues(ctx: Ctx, input: CaseUpdate | CaseCreate) {
  return {
    ...personValues(sealerFor(ctx.config), input),
    gender: input.gender,
    ethnicity: input.ethnicity,
    birthDate: input.birthDate,
    education: input.education,
    jobPost: input.jobPost,
    expectedLeaveOn: input.expectedLeaveOn ?? null,
  };
}

/** A person's fields as the audit log keeps them: ID and phone numbers masked. */
function audited(input: CaseUpdate | CaseCreate) {
  const { idNumber, phone, ...plain } = input;
  return { ...plain, idNumber: maskIdNumber(idNumber), phone: phone ? maskPhone(phone) : null };
}

/** The stored person's fields before an edit, as the audit log keeps them. */
function personBefore(row: CaseRow) {
  const { name, gender, ethnicity, birthDate, idNumberMasked, education, jobPost, phoneMasked, expectedLeaveOn } = row;
  return { name, gender, ethnicity, birthDate, idNumber: idNumberMasked, education, jobPost, phone: phoneMasked, expectedLeaveOn };
}

// ── Opening and editing a case ───────────────────────────────────

/** 登记入党申请: opens the case with step 1 recorded. */
export async function createCase(ctx: Ctx, input: CaseCreate): Promise<CaseDetail> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'members.write', input.orgId);
    assertBranch(org);
    assertNotFuture(tx, { appliedOn: input.appliedOn, birthDate: input.birthDate });
    const first: StepRecord = { step: 1, doneOn: input.appliedOn, data: {} };
    const state: CaseState = { birthDate: input.birthDate, status: 'active', records: [], expectedLeaveOn: input.expectedLeaveOn ?? null };
    refuseBlocks(checkStep(state, 1, {}, input.appliedOn).map((f) => ({ ...f, field: f.field === 'doneOn' ? 'appliedOn' : f.field })));
    const values = caseValues(tx, input);
    await assertPersonFree(tx, org.committeeId, values.idNumberHash);
    const id = newId();
    const [row] = await tx.db
      .insert(developmentCases)
      .values({
        id,
        committeeId: org.committeeId,
        orgId: org.id,
        ...values,
        appliedOn: input.appliedOn,
        stage: 'applicant',
        status: 'active',
        ...derived({ ...state, records: [first] }, shanghaiDate(ctx.now)),
      })
      // A concurrent application of the same person loses on the unique index instead of failing the request.
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', '此人已有正在办理的发展党员档案', [{ path: 'body.idNumber', message: '已有发展党员档案' }]);
    await tx.db.insert(developmentStepRecords).values({
      id: newId(),
      committeeId: org.committeeId,
      caseId: id,
      seq: 1,
      step: 1,
      doneOn: input.appliedOn,
      orgId: org.id,
      documents: input.documents,
      note: input.note ?? null,
    });
    const found = { row, orgName: org.name, orgPath: org.path };
    await auditCase(tx, found, 'development.create', { after: audited(input) });
    return detailOf(tx, found, await recordsOf(tx, id));
  });
}

/** Edits the person's fields while they are not yet a member; after admission the member record is the one to edit. */
export async function updateCase(ctx: Ctx, id: string, input: CaseUpdate): Promise<CaseDetail> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const found = await findCase(tx, id, 'members.write', { forUpdate: true });
    if (found.row.status !== 'active') throw new AppError('conflict', '已接收为预备党员或已结束的档案不能修改个人信息；党员信息请在党员名册中修改');
    assertNotFuture(tx, { birthDate: input.birthDate });
    const values = caseValues(tx, input);
    if (values.idNumberHash !== found.row.idNumberHash) await assertPersonFree(tx, found.row.committeeId, values.idNumberHash, id);
    const records = await recordsOf(tx, id);
    const state = stateOf({ ...found.row, birthDate: values.birthDate, expectedLeaveOn: values.expectedLeaveOn }, records);
    const applied = records[0];
    if (applied) refuseBlocks(checkStep({ ...state, records: [] }, 1, {}, applied.doneOn).map((f) => ({ ...f, field: 'birthDate' })));
    const row = await updateVersioned(tx, developmentCases, id, input.version, { ...values, ...derived(state, shanghaiDate(ctx.now)) });
    await auditCase(tx, found, 'development.update', { name: row.name, before: personBefore(found.row), after: audited(input) });
    return detailOf(tx, { ...found, row }, records);
  });
}

/** 终止: the process ends before admission (withdrawn, moved away, not fit); a probationary member is cancelled by steps 23–24 instead. */
export async function stopCase(ctx: Ctx, id: string, input: CaseStop): Promise<CaseDetail> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const found = await findCase(tx, id, 'members.write', { forUpdate: true });
    if (found.row.status === 'admitted')
      throw new AppError(
        'rule_violation',
        '预备党员不能直接终止：取消预备党员资格须经支部党员大会讨论通过和上级党组织批准（中国共产党章程 第七条），请记录第 23、24 步',
      );
    if (found.row.status !== 'active') throw new AppError('conflict', '该发展程序已结束');
    assertNotFuture(tx, { stoppedOn: input.stoppedOn });
    if (input.stoppedOn < found.row.appliedOn)
      throw new AppError('validation_failed', '终止日期不能早于申请日期', [{ path: 'body.stoppedOn', message: `申请日期为 ${found.row.appliedOn}` }]);
    const row = await updateVersioned(tx, developmentCases, id, input.version, {
      status: 'stopped',
      closedOn: input.stoppedOn,
      closeReason: input.reason,
      nextDueOn: null,
      nextDueStep: null,
    });
    await auditCase(tx, found, 'development.stop', { name: row.name, stage: row.stage, stoppedOn: input.stoppedOn, reason: input.reason });
    return detailOf(tx, { ...found, row }, await recordsOf(tx, id));
  });
}

// ── Recording a step ─────────────────────────────────────────────

/** Only the data the step records, so a form's leftovers are not stored. */
function dataOf(step: number, data: StepData): StepData {
  const fields = stepDefinition(step).data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => (fields as readonly string[]).includes(key))) as StepData;
}

/**
 * Contacts and sponsors picked from the registry take their name and category from it, so a probationary or
 * former member cannot pass as a full one; the discipline flag stays as entered (the registry does not hold it).
 */
async function withRegistryFacts(ctx: Ctx, committeeId: string, data: StepData): Promise<StepData> {
  const lists = (['contacts', 'sponsors'] as const).filter((key) => data[key]?.some((p) => p.memberId));
  if (lists.length === 0) return data;
  const ids = lists.flatMap((key) => (data[key] ?? []).map((p) => p.memberId).filter((m): m is string => !!m));
  const found = await ctx.db
    .select({ id: members.id, name: members.name, category: members.category, status: members.status })
    .from(members)
    .where(and(eq(members.committeeId, committeeId), inArray(members.id, ids), isNull(members.deletedAt)));
  const byId = new Map(found.map((m) => [m.id, m]));
  const errors: FieldError[] = [];
  const resolve = (key: 'contacts' | 'sponsors') =>
    (data[key] ?? []).map((person, i): StepPerson => {
      if (!person.memberId) return person;
      const member = byId.get(person.memberId);
      if (!member) errors.push({ path: `body.data.${key}.${i}.memberId`, message: '党员名册中没有此人' });
      else if (member.status !== 'active' && member.status !== 'mobile')
        errors.push({ path: `body.data.${key}.${i}.memberId`, message: `${member.name}当前为“${memberStatuses.label(member.status)}”，不能担任` });
      return member ? { ...person, name: member.name, category: member.category } : person;
    });
  const resolved = { ...data, ...Object.fromEntries(lists.map((key) => [key, resolve(key)])) };
  if (errors.length) throw new AppError('validation_failed', '所选党员不符合要求', errors);
  return resolved;
}

/** Full members in the branch's registry: those who may vote at its general meeting. */
async function fullMembersOf(ctx: Ctx, orgId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.category, 'full'), isNull(members.deletedAt), inArray(members.status, withRights)));
  return row?.n ?? 0;
}

/**
 * Who did the step: the org given, which must be the case's branch or one above it; by default the branch, or for
 * the upper committee's steps the nearest unit committee (or the working committee) above it.
 */
async function responsibleOrg(ctx: Ctx, found: ScopedCase, step: number, orgId: string | undefined): Promise<string> {
  const lineage = found.orgPath.split('/').filter(Boolean);
  if (orgId) {
    if (!lineage.includes(orgId))
      throw new AppError('validation_failed', '办理组织应为本支部或其上级党组织', [{ path: 'body.orgId', message: '不是本支部或其上级党组织' }]);
    return orgId;
  }
  if (stepDefinition(step).by !== 'upper') return found.row.orgId;
  const [upper] = await ctx.db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(inArray(orgs.id, lineage), ne(orgs.id, found.row.orgId), inArray(orgs.kind, ['unitCommittee', 'committee'])))
    .orderBy(desc(orgs.depth))
    .limit(1);
  return upper?.id ?? found.row.orgId;
}

/** What admission, conversion, extension and cancellation do to the member registry. */
async function applyToMember(ctx: Ctx, found: ScopedCase, effect: StepEffect, record: StepRecord): Promise<string | null> {
  const { row } = found;
  if (effect.admit) {
    const sealer = sealerFor(ctx.config);
    const member = await createMember(ctx, {
      orgId: row.orgId,
      name: row.name,
      gender: row.gender,
      ethnicity: row.ethnicity,
      idNumber: sealer.open(row.idNumberSealed),
      birthDate: row.birthDate,
      education: row.education,
      category: 'probationary',
      joinedOn: effect.admit.joinedOn,
      fullOn: null,
      jobPost: row.jobPost,
      phone: row.phoneSealed ? sealer.open(row.phoneSealed) : null,
    });
    return member.id;
  }
  if (!row.memberId || !(effect.convert || effect.extend || effect.cancel)) return row.memberId;
  const [member] = await ctx.db
    .select()
    .from(members)
    .where(and(eq(members.id, row.memberId), isNull(members.deletedAt)))
    .for('update');
  if (member?.category !== 'probationary' || !withRights.includes(member.status))
    throw new AppError('conflict', '该预备党员已不在本支部的党员名册中（已转出、出党或已转正），请核对党员名册');
  const auditMember = (action: 'development.convert' | 'development.extend', summary: Record<string, unknown>) =>
    audit(ctx, { action, entityType: 'member', entityId: member.id, orgId: row.orgId, orgPath: found.orgPath, committeeId: row.committeeId, summary });
  if (effect.convert) {
    await ctx.db
      .update(members)
      .set({ category: 'full', fullOn: effect.convert.fullOn, version: sql`${members.version} + 1`, updatedAt: ctx.now })
      .where(eq(members.id, member.id));
    await ctx.db.insert(memberEvents).values({
      id: newId(),
      committeeId: row.committeeId,
      memberId: member.id,
      kind: 'converted',
      occurredOn: effect.convert.fullOn,
      note: `上级党委于 ${record.doneOn} 批准按期转为正式党员`,
    });
    await auditMember('development.convert', { name: member.name, caseId: row.id, fullOn: effect.convert.fullOn, approvedOn: record.doneOn });
  }
  if (effect.extend) {
    const note = `延长预备期 ${effect.extend.months} 个月，至 ${effect.extend.probationEndsOn}`;
    await ctx.db
      .insert(memberEvents)
      .values({ id: newId(), committeeId: row.committeeId, memberId: member.id, kind: 'probationExtended', occurredOn: record.doneOn, note });
    await auditMember('development.extend', {
      name: member.name,
      caseId: row.id,
      months: effect.extend.months,
      probationEndsOn: effect.extend.probationEndsOn,
    });
  }
  if (effect.cancel)
    await changeMemberStatus(ctx, member.id, {
      version: member.version,
      status: 'left',
      exitKind: 'probationCancelled',
      occurredOn: record.doneOn,
      note: '经支部党员大会讨论、上级党委批准，取消预备党员资格',
    });
  return member.id;
}

const closing = (effect: StepEffect, record: StepRecord) =>
  effect.status === 'stopped'
    ? { closedOn: record.doneOn, closeReason: '上级党委不予批准接收为预备党员' }
    : effect.status === 'cancelled'
      ? { closedOn: record.doneOn, closeReason: '取消预备党员资格' }
      : effect.status === 'converted'
        ? { closedOn: record.doneOn, closeReason: null }
        : {};

/** Records a step: refused (422, each rule cited) when a rule says no; warnings come back with the case. */
export async function recordStep(ctx: Ctx, id: string, input: StepInput): Promise<StepResult> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const found = await findCase(tx, id, 'members.write', { forUpdate: true });
    if (found.row.version !== input.version) throw new AppError('stale_version');
    assertNotFuture(tx, { doneOn: input.doneOn });
    const records = await recordsOf(tx, id);
    const data = await withRegistryFacts(tx, found.row.committeeId, dataOf(input.step, input.data));
    const voting = stepDefinition(input.step).data.includes('vote');
    const state = stateOf(found.row, records, voting ? await fullMembersOf(tx, found.row.orgId) : undefined);
    const warnings = refuseBlocks(checkStep(state, input.step, data, input.doneOn));
    const record: StepRecord = { step: input.step, doneOn: input.doneOn, data };
    const orgId = await responsibleOrg(tx, found, input.step, input.orgId);
    await tx.db.insert(developmentStepRecords).values({
      id: newId(),
      committeeId: found.row.committeeId,
      caseId: id,
      seq: records.length + 1,
      step: input.step,
      doneOn: input.doneOn,
      orgId,
      documents: input.documents,
      note: input.note ?? null,
      data,
    });
    const effect = effectOf(state, record);
    const memberId = await applyToMember(tx, found, effect, record);
    const after = { ...state, status: effect.status ?? state.status, records: [...records, record] };
    const row = await updateVersioned(tx, developmentCases, id, input.version, {
      stage: effect.stage ?? found.row.stage,
      status: after.status,
      memberId,
      ...derived(after, shanghaiDate(ctx.now)),
      ...closing(effect, record),
    });
    await auditCase(tx, found, 'development.step', {
      name: row.name,
      step: input.step,
      stepName: developmentSteps.label(stepDefinition(input.step).key),
      doneOn: input.doneOn,
      orgId,
      data,
      documents: input.documents.map((d) => d.name),
      ...(effect.stage && { stage: { before: found.row.stage, after: effect.stage } }),
      ...(effect.status && { status: { before: found.row.status, after: effect.status } }),
      ...(warnings.length && { warnings: warnings.map((w) => w.rule) }),
    });
    return { case: detailOf(tx, { ...found, row }, await recordsOf(tx, id)), warnings };
  });
}

/** The stage and status the records lead to, each step's effect applied in order from the application. */
function replayed(row: CaseRow, records: readonly StepRecord[]): Pick<CaseRow, 'stage' | 'status'> {
  let state = stateOf({ ...row, status: 'active' }, []);
  let stage: CaseRow['stage'] = 'applicant';
  for (const record of records) {
    const effect = effectOf(state, record);
    stage = effect.stage ?? stage;
    state = { ...state, status: effect.status ?? state.status, records: [...state.records, record] };
  }
  return { stage, status: state.status };
}

/**
 * Takes back the last step of an open case, so it can be recorded again. A step that changed the member registry
 * (admission, conversion, extension, cancellation) stands: undoing those is a matter for the registry itself.
 */
export async function withdrawStep(ctx: Ctx, id: string, input: StepWithdrawal): Promise<CaseDetail> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const found = await findCase(tx, id, 'members.write', { forUpdate: true });
    if (found.row.version !== input.version) throw new AppError('stale_version');
    if (!open(found.row.status)) throw new AppError('conflict', '该发展程序已结束，不能撤销步骤');
    const records = await recordsOf(tx, id);
    const last = records.at(-1);
    if (!last || records.length === 1) throw new AppError('rule_violation', '没有可撤销的步骤：入党申请是档案的起点，如登记有误请终止发展程序');
    const earlier = records.slice(0, -1);
    const effect = effectOf(stateOf(found.row, earlier), last);
    if (effect.admit || effect.convert || effect.extend || effect.cancel) {
      throw new AppError('rule_violation', `「${developmentSteps.label(stepDefinition(last.step).key)}」已变更党员名册，不能撤销；如有错误请在党员名册中更正`);
    }
    await tx.db.delete(developmentStepRecords).where(eq(developmentStepRecords.id, last.id));
    const after = { ...stateOf(found.row, earlier), ...replayed(found.row, earlier) };
    const row = await updateVersioned(tx, developmentCases, id, input.version, {
      stage: after.stage,
      status: after.status,
      ...derived({ ...after, records: earlier }, shanghaiDate(ctx.now)),
    });
    await auditCase(tx, found, 'development.stepWithdrawn', {
      name: row.name,
      reason: input.reason,
      before: { step: last.step, stepName: developmentSteps.label(stepDefinition(last.step).key), doneOn: last.doneOn, data: last.data },
      ...(row.stage !== found.row.stage && { stage: { before: found.row.stage, after: row.stage } }),
    });
    return detailOf(tx, { ...found, row }, await recordsOf(tx, id));
  });
}

// ── Lists and the board ──────────────────────────────────────────

/** The cases a list or board reads: the actor's committee, within scope or under one org of it. */
async function casesWhere(ctx: Ctx, under: string | undefined): Promise<SQL> {
  const paths = scopeOf(ctx, 'members.read');
  const root = under ? await requireOrg(ctx, 'members.read', under) : undefined;
  return and(eq(developmentCases.committeeId, requireActor(ctx).committeeId), pathInScope(root ? [root.path] : paths, orgs.path)) as SQL;
}

const overdueNow = (today: string) => and(inArray(developmentCases.status, ['active', 'admitted']), lt(developmentCases.nextDueOn, today)) as SQL;

const caseOrder = {
  nextDueOn: [sql`${developmentCases.nextDueOn} asc nulls last`, asc(developmentCases.appliedOn), asc(developmentCases.id)],
  '-nextDueOn': [sql`${developmentCases.nextDueOn} desc nulls last`, desc(developmentCases.appliedOn), desc(developmentCases.id)],
  appliedOn: [asc(developmentCases.appliedOn), asc(developmentCases.id)],
  '-appliedOn': [desc(developmentCases.appliedOn), desc(developmentCases.id)],
  name: [asc(developmentCases.namePinyin), asc(developmentCases.id)],
  '-name': [desc(developmentCases.namePinyin), desc(developmentCases.id)],
} as const;

/** Cases still under way in an org: applicants being considered, and members on probation. */
const openCase = (orgId: string) => and(eq(developmentCases.orgId, orgId), inArray(developmentCases.status, ['active', 'admitted']));

export async function openCaseCount(ctx: Ctx, orgId: string): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(developmentCases).where(openCase(orgId));
  return row?.n ?? 0;
}

/**
 * An org merged into another hands its cases under way over with its members; returns how many moved. Runs in the
 * reform's transaction, whose audit row records the reform.
 */
export async function moveOpenCases(ctx: Ctx, move: { fromOrgId: string; toOrgId: string }): Promise<number> {
  const moved = await ctx.db
    .update(developmentCases)
    .set({ orgId: move.toOrgId, version: sql`${developmentCases.version} + 1`, updatedAt: ctx.now })
    .where(openCase(move.fromOrgId))
    .returning({ id: developmentCases.id });
  return moved.length;
}

export async function listCases(ctx: Ctx, query: CaseListQuery) {
  const today = shanghaiDate(ctx.now);
  const q = query.q?.replace(/\s+/g, '');
  const where = and(
    await casesWhere(ctx, query.under),
    q && /^[a-z]+$/i.test(q)
      ? or(like(developmentCases.namePinyin, likePrefix(q.toLowerCase())), like(developmentCases.nameInitials, likePrefix(q.toLowerCase())))
      : q
        ? like(developmentCases.name, likePrefix(q))
        : undefined,
    query.stage ? eq(developmentCases.stage, query.stage) : undefined,
    query.status ? eq(developmentCases.status, query.status) : undefined,
    query.overdue ? overdueNow(today) : undefined,
  );
  const unmasked = unmaskerOf(ctx);
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select({ row: developmentCases, orgName: orgs.name, orgPath: orgs.path })
      .from(developmentCases)
      .innerJoin(orgs, eq(orgs.id, developmentCases.orgId))
      .where(where)
      .orderBy(...caseOrder[query.sort])
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: count() }).from(developmentCases).innerJoin(orgs, eq(orgs.id, developmentCases.orgId)).where(where),
  ]);
  return pageOf(
    rows.map((r) => toCase(ctx, r.row, r.orgName, unmasked(r.orgPath))),
    total?.n ?? 0,
    query,
  );
}

interface CardRow {
  id: string;
  name: string;
  orgName: string;
  stage: BoardCard['stage'];
  status: BoardCard['status'];
  appliedOn: string;
  nextDueOn: string | null;
  nextDueStep: number | null;
}

const toCard = (row: CardRow, today: string): BoardCard => ({
  ...row,
  overdue: (row.status === 'active' || row.status === 'admitted') && !!row.nextDueOn && row.nextDueOn < today,
});

/**
 * 发展党员看板 for a subtree: per stage the open cases (and the converted under `full`), how many are overdue, the most
 * urgent cards, and every overdue case by how long ago its deadline passed.
 */
export async function developmentBoard(ctx: Ctx, query: { under?: string | undefined }): Promise<DevelopmentBoard> {
  const today = shanghaiDate(ctx.now);
  const where = and(await casesWhere(ctx, query.under), inArray(developmentCases.status, ['active', 'admitted', 'converted']));
  const card = {
    id: developmentCases.id,
    name: developmentCases.name,
    orgName: orgs.name,
    stage: developmentCases.stage,
    status: developmentCases.status,
    appliedOn: developmentCases.appliedOn,
    nextDueOn: developmentCases.nextDueOn,
    nextDueStep: developmentCases.nextDueStep,
  };
  const urgency = sql`${developmentCases.nextDueOn} asc nulls last, ${developmentCases.appliedOn} asc, ${developmentCases.id} asc`;
  const ranked = ctx.read
    .select({
      ...card,
      // Both tables have a "name": the subquery needs its own column name for the org's.
      orgName: sql<string>`${orgs.name}`.as('org_name'),
      rank: sql<number>`row_number() over (partition by ${developmentCases.stage} order by ${urgency})`.as('rank'),
    })
    .from(developmentCases)
    .innerJoin(orgs, eq(orgs.id, developmentCases.orgId))
    .where(where)
    .as('ranked');
  const [counts, cards, overdue] = await Promise.all([
    ctx.read
      .select({
        stage: developmentCases.stage,
        n: count(),
        overdue: sql<number>`count(*) filter (where ${overdueNow(today)})`.mapWith(Number),
      })
      .from(developmentCases)
      .innerJoin(orgs, eq(orgs.id, developmentCases.orgId))
      .where(where)
      .groupBy(developmentCases.stage),
    ctx.read.select().from(ranked).where(sql`${ranked.rank} <= ${boardCardLimit}`).orderBy(ranked.rank),
    ctx.read
      .select(card)
      .from(developmentCases)
      .innerJoin(orgs, eq(orgs.id, developmentCases.orgId))
      .where(and(where, overdueNow(today)))
      .orderBy(asc(developmentCases.nextDueOn), asc(developmentCases.id))
      .limit(100),
  ]);
  return {
    stages: developmentStages.keys.map((stage) => {
      const counted = counts.find((c) => c.stage === stage);
      return {
        stage,
        count: counted?.n ?? 0,
        overdue: counted?.overdue ?? 0,
        cards: cards.filter((c) => c.stage === stage).map(({ rank: _rank, ...c }) => toCard(c, today)),
      };
    }),
    overdue: overdue.map((c) => toCard(c, today)),
  };
}
