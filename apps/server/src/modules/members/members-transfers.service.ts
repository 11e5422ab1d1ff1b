import type {
  InboxBox,
  InboxCounts,
  MobileMember,
  MobileMemberQuery,
  Transfer,
  TransferDestination,
  TransferInboxQuery,
  TransferListQuery,
  TransferRegister,
  TransferStart,
} from '@hangbiao/shared/contracts/transfers';
import { addDays, shanghaiDate } from '@hangbiao/shared/dates';
import {
  type MemberStatus,
  memberOrgKinds,
  memberStatuses,
  orgKinds,
  type TransferAction,
  type TransferKind,
  type TransferSide,
  transferActions,
  transferKinds,
  transferReasons,
  transferSides,
} from '@hangbiao/shared/glossary';
import { roleGrants } from '@hangbiao/shared/permissions';
import {
  actionSide,
  deadlineRuleOf,
  describeTransferRule,
  finishingSide,
  monthsAfter,
  openActions,
  startingSide,
  transferableStatuses,
  transferDeadline,
  transferRule,
  transferTransition,
} from '@hangbiao/shared/rules';
import { and, asc, count, desc, eq, gte, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../db/client';
import { covers, type OrgRow, pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { likeText, pageOf, updateVersioned } from '../../platform/rows';
import { sealerFor } from '../../platform/secrets';
import { orgs } from '../orgs/orgs.tables';
import { users } from '../users/users.tables';
import { createMember, idNumberHash, registryValues } from './members.service';
import { memberEvents, members } from './members.tables';
import { transfers } from './members-transfers.tables';

type TransferRow = typeof transfers.$inferSelect;
type MemberRow = typeof members.$inferSelect;

const fromOrg = alias(orgs, 'from_org');
const toOrg = alias(orgs, 'to_org');
const sidePath = { source: fromOrg.path, destination: toOrg.path } as const;

const columns = {
  transfer: transfers,
  fromOrgName: fromOrg.name,
  fromPath: fromOrg.path,
  toOrgName: toOrg.name,
  toPath: toOrg.path,
  createdByName: users.displayName,
};

interface TransferRead {
  transfer: TransferRow;
  fromOrgName: string | null;
  fromPath: string | null;
  toOrgName: string | null;
  toPath: string | null;
  createdByName: string | null;
}

function selectTransfers(db: Ctx['db']) {
  return db
    .select(columns)
    .from(transfers)
    .leftJoin(fromOrg, eq(fromOrg.id, transfers.fromOrgId))
    .leftJoin(toOrg, eq(toOrg.id, transfers.toOrgId))
    .leftJoin(users, eq(users.id, transfers.createdBy))
    .$dynamic();
}

function countTransfers(db: Ctx['db'], where: SQL | undefined) {
  return db
    .select({ n: count() })
    .from(transfers)
    .leftJoin(fromOrg, eq(fromOrg.id, transfers.fromOrgId))
    .leftJoin(toOrg, eq(toOrg.id, transfers.toOrgId))
    .where(where);
}

/** Org paths where the actor holds `members.write`, without refusing when there are none (a reader sees no actions). */
function writePathsOf(ctx: Ctx): string[] {
  return requireActor(ctx)
    .roles.filter((r) => roleGrants(r.role, 'members.write'))
    .map((r) => r.orgPath);
}

function sidesOf(paths: readonly string[], read: Pick<TransferRead, 'fromPath' | 'toPath'>): TransferSide[] {
  const sides: TransferSide[] = [];
  if (read.fromPath && covers(paths, read.fromPath)) sides.push('source');
  if (read.toPath && covers(paths, read.toPath)) sides.push('destination');
  return sides;
}

/** The last day a deadline counts as coming up (即将办理) today, by the reminder lead time in force. */
const dueSoonUntil = (today: string) => addDays(today, transferRule('reminderDays', today)?.value ?? 0);

/** Maps rows to the contract for this caller: the actions open to their sides, and where each deadline stands today. */
function viewer(ctx: Ctx): (read: TransferRead) => Transfer {
  const writePaths = writePathsOf(ctx);
  const today = shanghaiDate(ctx.now);
  const soon = dueSoonUntil(today);
  return (read) => {
    const t = read.transfer;
    const rule = transferRule(deadlineRuleOf[t.kind], t.issuedOn);
    return {
      id: t.id,
      kind: t.kind,
      state: t.state,
      memberId: t.memberId,
      personName: t.personName,
      reason: t.reason,
      fromOrgId: t.fromOrgId,
      fromOrgName: read.fromOrgName,
      toOrgId: t.toOrgId,
      toOrgName: read.toOrgName,
      outsideOrgName: t.outsideOrgName,
      letterNumber: t.letterNumber,
      issuedOn: t.issuedOn,
      arrivedOn: t.arrivedOn,
      endedOn: t.endedOn,
      deadline: t.deadline,
      deadlineRule: rule ? describeTransferRule(rule) : '',
      timing: t.state !== 'pending' ? null : t.deadline < today ? 'overdue' : t.deadline <= soon ? 'dueSoon' : 'onTime',
      endReason: t.endReason,
      note: t.note,
      createdByName: read.createdByName,
      actions: openActions(t.kind, t.state, sidesOf(writePaths, read)),
      version: t.version,
    };
  };
}

// ── Reading ─────────────────────────────────────────────────────

/** The caller's read scope, or the one subtree `under` when given (403 when it lies outside the scope). */
async function readScope(ctx: Ctx, under: string | undefined): Promise<string[]> {
  const paths = scopeOf(ctx, 'members.read');
  return under ? [(await requireOrg(ctx, 'members.read', under)).path] : paths;
}

const ofCommittee = (ctx: Ctx) => eq(transfers.committeeId, requireActor(ctx).committeeId);

/** Transfers out of or into the scope: each side sees what crosses its border, no one sees another department's moves. */
const eitherSide = (paths: readonly string[]) => or(pathInScope(paths, fromOrg.path), pathInScope(paths, toOrg.path));

/** Transfers where the given side of each kind lies in the scope. */
function bySide(paths: readonly string[], sideOf: Record<TransferKind, TransferSide>) {
  return or(...transferKinds.keys.map((kind) => and(eq(transfers.kind, kind), pathInScope(paths, sidePath[sideOf[kind]]))));
}

function boxWhere(ctx: Ctx, box: InboxBox, paths: readonly string[]): SQL | undefined {
  const today = shanghaiDate(ctx.now);
  const pending = and(ofCommittee(ctx), eq(transfers.state, 'pending'));
  switch (box) {
    case 'todo':
      return and(pending, bySide(paths, finishingSide));
    case 'inProgress':
      return and(pending, bySide(paths, startingSide));
    case 'upcoming':
      return and(pending, eitherSide(paths), gte(transfers.deadline, today), lte(transfers.deadline, dueSoonUntil(today)));
    case 'overdue':
      return and(pending, eitherSide(paths), lt(transfers.deadline, today));
  }
}

async function transferPage(ctx: Ctx, where: SQL | undefined, order: SQL[], query: { page: number; pageSize: number }) {
  const [rows, [total]] = await Promise.all([
    selectTransfers(ctx.read)
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    countTransfers(ctx.read, where),
  ]);
  return pageOf(rows.map(viewer(ctx)), total?.n ?? 0, query);
}

/** 全部: every transfer crossing the scope, newest first, by kind, state, org subtree, member and issue dates. */
export async function listTransfers(ctx: Ctx, query: TransferListQuery) {
  const paths = await readScope(ctx, query.under);
  const where = and(
    ofCommittee(ctx),
    eitherSide(paths),
    query.kind ? eq(transfers.kind, query.kind) : undefined,
    query.state ? eq(transfers.state, query.state) : undefined,
    query.memberId ? eq(transfers.memberId, query.memberId) : undefined,
    query.issuedFrom ? gte(transfers.issuedOn, query.issuedFrom) : undefined,
    query.issuedTo ? lte(transfers.issuedOn, query.issuedTo) : undefined,
  );
  return transferPage(ctx, where, [desc(transfers.issuedOn), desc(transfers.id)], query);
}

/** One box of the inbox, the most pressing deadline first. */
export async function transferInbox(ctx: Ctx, query: TransferInboxQuery) {
  const paths = await readScope(ctx, query.under);
  return transferPage(ctx, boxWhere(ctx, query.box, paths), [asc(transfers.deadline), asc(transfers.id)], query);
}

export async function inboxCounts(ctx: Ctx, query: { under?: string | undefined }): Promise<InboxCounts> {
  const paths = await readScope(ctx, query.under);
  const counted = (box: InboxBox) => countTransfers(ctx.read, boxWhere(ctx, box, paths)).then(([row]) => row?.n ?? 0);
  const mobile = mobileWhere(ctx, paths);
  const countMobile = (where: SQL | undefined) =>
    ctx.read
      .select({ n: count() })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(where)
      .then(([row]) => row?.n ?? 0);
  const [todo, inProgress, upcoming, overdue, all, awayLong] = await Promise.all([
    counted('todo'),
    counted('inProgress'),
    counted('upcoming'),
    counted('overdue'),
    countMobile(mobile.where),
    countMobile(and(mobile.where, mobile.awayLong)),
  ]);
  return { todo, inProgress, upcoming, overdue, mobile: all, mobileAwayLong: awayLong };
}

async function findVisible(ctx: Ctx, id: string, options: { forUpdate?: boolean } = {}): Promise<TransferRead> {
  const paths = scopeOf(ctx, 'members.read');
  const query = selectTransfers(ctx.db).where(and(eq(transfers.id, id), ofCommittee(ctx), eitherSide(paths)));
  const [row] = options.forUpdate ? await query.for('update', { of: transfers }) : await query;
  // A transfer the caller may not see gets the same answer as one that does not exist.
  if (!row) throw new AppError('forbidden', '无权查看该组织关系转接，或该转接不存在');
  return row;
}

export async function getTransfer(ctx: Ctx, id: string): Promise<Transfer> {
  return viewer(ctx)(await findVisible(ctx, id));
}

/** Branches of the committee a member may be sent to, by name. */
export async function transferDestinations(ctx: Ctx, query: { q?: string | undefined }): Promise<TransferDestination[]> {
  scopeOf(ctx, 'members.write');
  const committeeId = requireActor(ctx).committeeId;
  return rowsOf<TransferDestination>(
    ctx.read,
    sql`select o.id, o.name, o.kind,
        (select array_agg(a.name order by a.depth) from orgs a where a.id = any(string_to_array(trim(both '/' from o.path), '/')::uuid[])) as "pathNames"
      from orgs o
      where o.committee_id = ${committeeId} and o.deleted_at is null and o.dissolved_on is null and o.kind in ${memberOrgKinds}
        ${query.q ? sql`and o.name ilike ${likeText(query.q)}` : sql``}
      order by o.name, o.id limit 20`,
  );
}

// ── Mobile members (流动党员) ───────────────────────────────────

function mobileWhere(ctx: Ctx, paths: readonly string[]) {
  const today = shanghaiDate(ctx.now);
  const rule = transferRule('awayMonths', today);
  const cutoff = rule ? monthsAfter(today, -rule.value) : undefined;
  return {
    cutoff,
    where: and(eq(members.committeeId, requireActor(ctx).committeeId), isNull(members.deletedAt), eq(members.status, 'mobile'), pathInScope(paths, orgs.path)),
    awayLong: cutoff ? lte(members.statusSince, cutoff) : sql`false`,
  };
}

function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}

/** Mobile members in the scope, longest away first; those away the rule's months should move their relationship. */
export async function mobileMembers(ctx: Ctx, query: MobileMemberQuery) {
  const paths = await readScope(ctx, query.under);
  const today = shanghaiDate(ctx.now);
  const mobile = mobileWhere(ctx, paths);
  const where = and(mobile.where, query.awayLongOnly ? mobile.awayLong : undefined);
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select({ member: members, orgName: orgs.name })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(where)
      .orderBy(asc(members.statusSince), asc(members.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: count() }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(where),
  ]);
  const items = rows.map(
    ({ member, orgName }): MobileMember => ({
      memberId: member.id,
      name: member.name,
      orgId: member.orgId,
      orgName,
      destination: member.mobileDestination,
      since: member.statusSince,
      months: wholeMonths(member.statusSince, today),
      awayLong: mobile.cutoff !== undefined && member.statusSince <= mobile.cutoff,
    }),
  );
  return pageOf(items, total?.n ?? 0, query);
}

// ── Starting ────────────────────────────────────────────────────

const fieldError = (code: 'validation_failed' | 'rule_violation', path: string, message: string) => new AppError(code, message, [{ path, message }]);

/** A date a user gives must not lie ahead; `path` names the field. */
function notAfterToday(ctx: Ctx, date: string, path: string) {
  if (date > shanghaiDate(ctx.now)) throw fieldError('validation_failed', path, '日期不能晚于今天');
}

function deadlineOf(kind: TransferKind, issuedOn: string): string {
  const found = transferDeadline(kind, issuedOn);
  if (!found) throw fieldError('rule_violation', 'body.issuedOn', '该日期早于组织关系转接规定的施行日期，无法确定办理期限');
  return found.deadline;
}

/** A live branch where members can be placed, `path` naming the field that chose it. */
function assertPlacement(org: OrgRow, path: string) {
  if (!memberOrgKinds.includes(org.kind)) throw fieldError('rule_violation', path, `党员须编入党支部或联合党支部，不能直接编入${orgKinds.label(org.kind)}`);
  if (org.dissolvedOn) throw fieldError('rule_violation', path, `${org.name}已于 ${org.dissolvedOn} 撤销`);
}

/** The member to be moved, locked, in the caller's write scope, reachable, and with no other transfer under way. */
async function movableMember(ctx: Ctx, memberId: string): Promise<{ member: MemberRow; org: OrgRow }> {
  const [row] = await ctx.db
    .select({ member: members, org: orgs })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        eq(members.id, memberId),
        eq(members.committeeId, requireActor(ctx).committeeId),
        isNull(members.deletedAt),
        pathInScope(scopeOf(ctx, 'members.write'), orgs.path),
      ),
    )
    .for('update', { of: members });
  if (!row) throw new AppError('forbidden', '无权办理该党员的组织关系转接，或该党员不存在');
  assertTransferable(row.member.status, 'body.memberId');
  const [open] = await ctx.db
    .select({ kind: transfers.kind, issuedOn: transfers.issuedOn })
    .from(transfers)
    .where(and(eq(transfers.memberId, memberId), eq(transfers.state, 'pending')));
  if (open)
    throw new AppError('conflict', `该党员已有一笔办理中的${transferKinds.label(open.kind)}（${open.issuedOn} 发起），办结或撤销后才能再次发起`, [
      { path: 'body.memberId', message: '已有办理中的组织关系转接' },
    ]);
  return row;
}

function assertTransferable(status: MemberStatus, path: string) {
  if (!transferableStatuses.includes(status))
    throw fieldError('rule_violation', path, `该党员当前为“${memberStatuses.label(status)}”状态，不能办理组织关系转接`);
}

async function auditTransfer(ctx: Ctx, action: `transfer.${'create' | TransferAction}`, row: TransferRow, org: OrgRow, summary: Record<string, unknown>) {
  await audit(ctx, {
    action,
    entityType: 'transfer',
    entityId: row.id,
    orgId: org.id,
    orgPath: org.path,
    committeeId: row.committeeId,
    summary: { kind: row.kind, personName: row.personName, memberId: row.memberId, ...summary },
  });
}

type Started = { org: OrgRow; values: Omit<typeof transfers.$inferInsert, 'id' | 'reason' | 'note' | 'createdBy'> };

/** A letter in, recorded by the receiving org on the day the member reports within the letter's validity. */
async function arrival(ctx: Ctx, input: Extract<TransferStart, { kind: 'inbound' }>): Promise<Started> {
  const org = await requireOrg(ctx, 'members.write', input.toOrgId);
  if (org.dissolvedOn) throw fieldError('rule_violation', 'body.toOrgId', `${org.name}已于 ${org.dissolvedOn} 撤销`);
  notAfterToday(ctx, input.arrivedOn, 'body.arrivedOn');
  const deadline = deadlineOf('inbound', input.issuedOn);
  if (input.arrivedOn > deadline)
    throw fieldError('rule_violation', 'body.arrivedOn', `介绍信有效期至 ${deadline}，已过期报到，请持原党组织重新开具的介绍信办理`);
  const { outsideOrgName, letterNumber, issuedOn, arrivedOn, personName } = input;
  return {
    org,
    values: {
      committeeId: org.committeeId,
      orgId: org.id,
      kind: 'inbound',
      personName,
      toOrgId: org.id,
      outsideOrgName,
      letterNumber,
      issuedOn,
      arrivedOn,
      deadline,
    },
  };
}

/** A member leaving their branch: for another branch of the committee, or out of the system with a letter. */
async function departure(ctx: Ctx, input: Exclude<TransferStart, { kind: 'inbound' }>): Promise<Started> {
  const { member, org } = await movableMember(ctx, input.memberId);
  const issuedOn = input.issuedOn ?? shanghaiDate(ctx.now);
  notAfterToday(ctx, issuedOn, 'body.issuedOn');
  const common = { committeeId: org.committeeId, orgId: org.id, memberId: member.id, personName: member.name, fromOrgId: org.id, issuedOn };
  if (input.kind === 'outbound') {
    const { outsideOrgName, letterNumber } = input;
    return { org, values: { ...common, kind: 'outbound', outsideOrgName, letterNumber, deadline: deadlineOf('outbound', issuedOn) } };
  }
  const [destination] = await ctx.db
    .select()
    .from(orgs)
    .where(and(eq(orgs.id, input.toOrgId), eq(orgs.committeeId, org.committeeId), isNull(orgs.deletedAt)));
  if (!destination) throw fieldError('validation_failed', 'body.toOrgId', '转入党组织不存在');
  assertPlacement(destination, 'body.toOrgId');
  if (destination.id === org.id) throw fieldError('rule_violation', 'body.toOrgId', '转入党组织不能是党员当前所在的党组织');
  return { org, values: { ...common, kind: 'internal', toOrgId: destination.id, deadline: deadlineOf('internal', issuedOn) } };
}

/** 发起: within the system, a letter out, or a letter in recorded on arrival. */
export async function startTransfer(ctx: Ctx, input: TransferStart): Promise<Transfer> {
  scopeOf(ctx, 'members.write');
  const actor = requireActor(ctx);
  return transact(ctx, async (tx) => {
    const { org, values } = input.kind === 'inbound' ? await arrival(tx, input) : await departure(tx, input);
    const [row] = await tx.db
      .insert(transfers)
      .values({ ...values, id: newId(), reason: input.reason, note: input.note ?? null, createdBy: actor.id })
      .returning();
    if (!row) throw new AppError('internal');
    await auditTransfer(tx, 'transfer.create', row, org, { after: { ...input, deadline: row.deadline } });
    return getTransfer(tx, row.id);
  });
}

// ── Acting ──────────────────────────────────────────────────────

/**
 * Loads and locks a transfer for `action`: the caller must act for the side the action belongs to (403), at the
 * version they read (409), and the state machine must allow the step (422).
 */
async function actOn(ctx: Ctx, id: string, action: TransferAction, version: number) {
  const read = await findVisible(ctx, id, { forUpdate: true });
  const t = read.transfer;
  const side = actionSide(t.kind, action);
  if (side && !sidesOf(writePathsOf(ctx), read).includes(side))
    throw new AppError('forbidden', `只有${transferSides.label(side)}可以对该转接办理“${transferActions.label(action)}”`);
  if (t.version !== version) throw new AppError('stale_version');
  const step = transferTransition(t.kind, t.state, action);
  if (!step.ok) throw new AppError('rule_violation', step.message);
  const orgId = side === 'source' ? t.fromOrgId : t.toOrgId;
  const [org] = await ctx.db
    .select()
    .from(orgs)
    .where(eq(orgs.id, orgId ?? ''));
  if (!org) throw new AppError('internal');
  return { transfer: t, org, next: step.transition.to };
}

/** The member a finishing step changes, locked; refused when the registry moved on since the transfer started. */
async function memberToFinish(ctx: Ctx, t: TransferRow): Promise<MemberRow> {
  const [member] = await ctx.db
    .select()
    .from(members)
    .where(eq(members.id, t.memberId ?? ''))
    .for('update');
  if (!member || member.deletedAt || member.orgId !== t.fromOrgId || !transferableStatuses.includes(member.status))
    throw new AppError('rule_violation', '该党员的所在组织或党籍状态已在转接发起后变更，请转出党组织撤销本次转接后重新发起');
  return member;
}

async function finish(ctx: Ctx, t: TransferRow, values: Partial<TransferRow>): Promise<TransferRow> {
  return updateVersioned(ctx, transfers, t.id, t.version, values);
}

/** 接收: the destination accepts; the member moves there in the same transaction, with an org-changed event. */
export async function acceptTransfer(ctx: Ctx, id: string, input: { version: number }): Promise<Transfer> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const { transfer: t, org: destination, next } = await actOn(tx, id, 'accept', input.version);
    if (destination.deletedAt || destination.dissolvedOn) throw new AppError('rule_violation', `${destination.name}已撤销，请退回本次转接`);
    const member = await memberToFinish(tx, t);
    const today = shanghaiDate(tx.now);
    await tx.db
      .update(members)
      .set({ orgId: destination.id, version: sql`${members.version} + 1`, updatedAt: tx.now })
      .where(eq(members.id, member.id));
    await tx.db.insert(memberEvents).values({
      id: newId(),
      committeeId: t.committeeId,
      memberId: member.id,
      kind: 'orgChanged',
      occurredOn: today,
      fromOrgId: t.fromOrgId,
      toOrgId: destination.id,
      note: `${transferKinds.label('internal')}（${transferReasons.label(t.reason)}）`,
    });
    const row = await finish(tx, t, { state: next, endedOn: today });
    await auditTransfer(tx, 'transfer.accept', row, destination, { fromOrgId: t.fromOrgId, toOrgId: destination.id, endedOn: today });
    return getTransfer(tx, row.id);
  });
}

/** 退回: the destination turns it down with a reason; the member stays where they are. */
export async function rejectTransfer(ctx: Ctx, id: string, input: { version: number; reason: string }): Promise<Transfer> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const { transfer: t, org, next } = await actOn(tx, id, 'reject', input.version);
    const row = await finish(tx, t, { state: next, endedOn: shanghaiDate(tx.now), endReason: input.reason });
    await auditTransfer(tx, 'transfer.reject', row, org, { reason: input.reason });
    return getTransfer(tx, row.id);
  });
}

/** 撤销: the source withdraws it while it waits; the member stays. */
export async function cancelTransfer(ctx: Ctx, id: string, input: { version: number; reason?: string | undefined }): Promise<Transfer> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const { transfer: t, org, next } = await actOn(tx, id, 'cancel', input.version);
    const row = await finish(tx, t, { state: next, endedOn: shanghaiDate(tx.now), endReason: input.reason ?? null });
    await auditTransfer(tx, 'transfer.cancel', row, org, { reason: input.reason ?? null });
    return getTransfer(tx, row.id);
  });
}

/**
 * 登记回执: the receipt of a letter out came back. Until then the old org still manages the member (DOMAIN §2), so
 * the member's status becomes `transferredOut` only now, dated the day of the receipt.
 */
export async function recordReceipt(ctx: Ctx, id: string, input: { version: number; receivedOn: string }): Promise<Transfer> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const { transfer: t, org, next } = await actOn(tx, id, 'receipt', input.version);
    notAfterToday(tx, input.receivedOn, 'body.receivedOn');
    if (input.receivedOn < t.issuedOn) throw fieldError('validation_failed', 'body.receivedOn', `回执日期不能早于介绍信开具日期 ${t.issuedOn}`);
    const member = await memberToFinish(tx, t);
    if (input.receivedOn < member.statusSince)
      throw fieldError('validation_failed', 'body.receivedOn', `回执日期不能早于党员当前状态的起始日期 ${member.statusSince}`);
    await tx.db
      .update(members)
      .set({ status: 'transferredOut', statusSince: input.receivedOn, mobileDestination: null, version: sql`${members.version} + 1`, updatedAt: tx.now })
      .where(eq(members.id, member.id));
    await tx.db.insert(memberEvents).values({
      id: newId(),
      committeeId: t.committeeId,
      memberId: member.id,
      kind: 'statusChanged',
      occurredOn: input.receivedOn,
      fromOrgId: t.fromOrgId,
      fromStatus: member.status,
      toStatus: 'transferredOut',
      note: `转往${t.outsideOrgName}（介绍信 ${t.letterNumber}）`,
    });
    const row = await finish(tx, t, { state: next, endedOn: input.receivedOn });
    await auditTransfer(tx, 'transfer.receipt', row, org, {
      receivedOn: input.receivedOn,
      before: { status: member.status },
      after: { status: 'transferredOut' },
    });
    return getTransfer(tx, row.id);
  });
}

/** A person who once left with a letter comes back: their record, brought up to date, is active again in `org`. */
async function rejoin(ctx: Ctx, former: MemberRow, record: Omit<TransferRegister, 'version'>, org: OrgRow, t: TransferRow): Promise<string> {
  assertPlacement(org, 'body.orgId');
  for (const key of ['birthDate', 'joinedOn', 'fullOn'] as const) {
    const value = record[key];
    if (value) notAfterToday(ctx, value, `body.${key}`);
  }
  const today = shanghaiDate(ctx.now);
  const { orgId: _org, category, ...fields } = record;
  await ctx.db
    .update(members)
    .set({
      ...registryValues(sealerFor(ctx.config), fields),
      orgId: org.id,
      category,
      status: 'active',
      statusSince: today,
      exitKind: null,
      mobileDestination: null,
      version: sql`${members.version} + 1`,
      updatedAt: ctx.now,
    })
    .where(eq(members.id, former.id));
  await ctx.db.insert(memberEvents).values({
    id: newId(),
    committeeId: t.committeeId,
    memberId: former.id,
    kind: 'orgChanged',
    occurredOn: today,
    toOrgId: org.id,
    fromStatus: former.status,
    toStatus: 'active',
    note: `从${t.outsideOrgName}转回（介绍信 ${t.letterNumber}）`,
  });
  return former.id;
}

/**
 * 登记入册 of a member who arrived with a letter from outside, in the destination or one of its branches: a new record
 * through the registry, or the old one of a person who once left with a letter and comes back.
 */
export async function registerTransfer(ctx: Ctx, id: string, input: TransferRegister): Promise<Transfer> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const { transfer: t, org: destination, next } = await actOn(tx, id, 'register', input.version);
    const { version: _version, ...record } = input;
    const org = await requireOrg(tx, 'members.write', record.orgId);
    if (!org.path.startsWith(destination.path)) throw fieldError('rule_violation', 'body.orgId', `须为${destination.name}或其下级党支部`);
    const [former] = await tx.db
      .select()
      .from(members)
      .where(and(eq(members.committeeId, t.committeeId), eq(members.idNumberHash, idNumberHash(tx, record.idNumber)), isNull(members.deletedAt)))
      .for('update');
    if (former && former.status !== 'transferredOut')
      throw new AppError('conflict', `该身份证号已登记在本工委的党员名册中（${former.name}，${memberStatuses.label(former.status)}），同一人不能重复登记`, [
        { path: 'body.idNumber', message: '身份证号已登记' },
      ]);
    const memberId = former ? await rejoin(tx, former, record, org, t) : (await createMember(tx, record)).id;
    const row = await finish(tx, t, { state: next, endedOn: shanghaiDate(tx.now), memberId, personName: record.name, toOrgId: org.id });
    await auditTransfer(tx, 'transfer.register', row, org, { orgId: org.id, rejoined: Boolean(former) });
    return getTransfer(tx, row.id);
  });
}
