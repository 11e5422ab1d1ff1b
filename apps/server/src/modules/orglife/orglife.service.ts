import { randomBytes } from 'node:crypto';
import {
  type Attendee,
  defaultMeetingTitle,
  type MeetingCalendar,
  type MeetingCreate,
  type MeetingDetail,
  type MeetingListItem,
  type MeetingListQuery,
  type MeetingUpdate,
  orglifeLimits,
} from '@hangbiao/shared/contracts/orglife';
import { addDays, addMonths, shanghaiDate } from '@hangbiao/shared/dates';
import { type MeetingKind, type MeetingStatus, meetingKinds, meetingStatuses } from '@hangbiao/shared/glossary';
import { roleGrants } from '@hangbiao/shared/permissions';
import { attendingStatuses, checkinWindow, type MeetingRecordRule, meetingRecordRuleFor, type QuorumRule, quorumRuleFor } from '@hangbiao/shared/rules';
import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import { covers, pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pageOf, updateVersioned } from '../../platform/rows';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';
import { meetingAttachments, meetingAttendance, meetingObservers, meetingResolutions, meetingReviews, meetings } from './orglife.tables';

export type MeetingRow = typeof meetings.$inferSelect;
type Access = 'orglife.read' | 'orglife.write';

export interface ScopedMeeting {
  meeting: MeetingRow;
  orgName: string;
  orgPath: string;
}

/**
 * Loads a meeting whose org lies in the scope of `permission`. A missing meeting and one outside the scope get
 * the same 403, as with orgs, so the answer never reveals whether a meeting exists.
 */
export async function requireMeeting(ctx: Ctx, permission: Access, id: string, options: { forUpdate?: boolean } = {}): Promise<ScopedMeeting> {
  const paths = scopeOf(ctx, permission);
  const query = ctx.db
    .select({ meeting: meetings, orgName: orgs.name, orgPath: orgs.path })
    .from(meetings)
    .innerJoin(orgs, eq(orgs.id, meetings.orgId))
    .where(and(eq(meetings.id, id), pathInScope(paths, orgs.path)));
  const [row] = options.forUpdate ? await query.for('update', { of: meetings }) : await query;
  if (!row) throw new AppError('forbidden', '无权访问该会议，或该会议不存在');
  return row;
}

/** The record rule of a kind on a day; a meeting dated before the rules took effect expects the org's members and no first topic. */
export function recordRuleOf(kind: MeetingKind, heldOn: string): Pick<MeetingRecordRule, 'attendees' | 'firstTopicRequired' | 'source'> {
  return meetingRecordRuleFor(kind, heldOn) ?? { attendees: 'members', firstTopicRequired: false, source: '' };
}

/** `column` (an org path) lies in the subtree at `path`: a range scan on the "C"-collated paths, '0' following '/'. */
export function inSubtree(column: SQL, path: string | SQL): SQL {
  const end = typeof path === 'string' ? sql`${`${path.slice(0, -1)}0`}` : sql`left(${path}, -1) || '0'`;
  return sql`(${column} >= ${path} and ${column} < ${end})`;
}

/**
 * Whether the member `m` may vote at a meeting held on `heldOn`: every attendee where the rule says so, else a full
 * member on that day (a member converted later was probationary then); no rule, no vote.
 */
export function voterCondition(rule: QuorumRule | undefined, heldOn: string): SQL {
  if (!rule) return sql`false`;
  if (rule.voters === 'attendees') return sql`true`;
  return sql`(m.category = 'full' and (m.full_on is null or m.full_on <= ${heldOn}))`;
}

interface AttendanceRead {
  member_id: string;
  name: string;
  category: Attendee['category'];
  has_vote: boolean;
  status: Attendee['status'];
  reason: string | null;
  checked_in_at: Date | string | null;
}

/** "2026-05-12 08:30" in Asia/Shanghai, for messages. */
export function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function toListItem(row: MeetingRow, orgName: string): MeetingListItem {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    kind: row.kind,
    status: row.status,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    heldOn: row.heldOn,
    place: row.place,
    expectedCount: row.expectedCount,
    presentCount: row.presentCount,
  };
}

// ── Lists and the calendar ─────────────────────────────────────────

async function listWhere(
  ctx: Ctx,
  query: { under?: string | undefined; kind?: MeetingKind | undefined; status?: MeetingStatus | undefined; from?: string; to?: string },
) {
  const paths = scopeOf(ctx, 'orglife.read');
  const under = query.under ? await requireOrg(ctx, 'orglife.read', query.under) : undefined;
  return and(
    eq(meetings.committeeId, requireActor(ctx).committeeId),
    pathInScope(under ? [under.path] : paths, orgs.path),
    query.kind ? eq(meetings.kind, query.kind) : undefined,
    query.status ? eq(meetings.status, query.status) : undefined,
    query.from ? gte(meetings.heldOn, query.from) : undefined,
    query.to ? lte(meetings.heldOn, query.to) : undefined,
  );
}

export async function listMeetings(ctx: Ctx, query: MeetingListQuery) {
  const where = await listWhere(ctx, query);
  const order = query.sort === 'startsAt' ? [asc(meetings.startsAt), asc(meetings.id)] : [desc(meetings.startsAt), desc(meetings.id)];
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select({ meeting: meetings, orgName: orgs.name })
      .from(meetings)
      .innerJoin(orgs, eq(orgs.id, meetings.orgId))
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: count() }).from(meetings).innerJoin(orgs, eq(orgs.id, meetings.orgId)).where(where),
  ]);
  return pageOf(
    rows.map((r) => toListItem(r.meeting, r.orgName)),
    total?.n ?? 0,
    query,
  );
}

/** Planned, held and cancelled meetings of one month in an org's subtree, in time order. */
export async function meetingCalendar(ctx: Ctx, query: { under?: string | undefined; month: string }): Promise<MeetingCalendar> {
  const from = `${query.month}-01`;
  const to = addDays(`${addMonths(query.month, 1)}-01`, -1);
  const where = await listWhere(ctx, { under: query.under, from, to });
  const rows = await ctx.read
    .select({ meeting: meetings, orgName: orgs.name })
    .from(meetings)
    .innerJoin(orgs, eq(orgs.id, meetings.orgId))
    .where(where)
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(orglifeLimits.calendarItems + 1);
  return {
    month: query.month,
    items: rows.slice(0, orglifeLimits.calendarItems).map((r) => toListItem(r.meeting, r.orgName)),
    truncated: rows.length > orglifeLimits.calendarItems,
  };
}

// ── One meeting ────────────────────────────────────────────────────

export async function getMeeting(ctx: Ctx, id: string): Promise<MeetingDetail> {
  const { meeting, orgName, orgPath } = await requireMeeting(ctx, 'orglife.read', id);
  const voteRule = quorumRuleFor(meeting.kind, meeting.heldOn);
  const [attendance, observers, resolutions, reviews, attachments, pathNames] = await Promise.all([
    rowsOf<AttendanceRead>(
      ctx.read,
      sql`select a.member_id, m.name, m.category, ${voterCondition(voteRule, meeting.heldOn)} as has_vote, a.status, a.reason, a.checked_in_at
        from meeting_attendance a join members m on m.id = a.member_id
        where a.meeting_id = ${id} order by m.name_pinyin, a.member_id`,
    ),
    ctx.read.select().from(meetingObservers).where(eq(meetingObservers.meetingId, id)).orderBy(asc(meetingObservers.id)),
    ctx.read.select().from(meetingResolutions).where(eq(meetingResolutions.meetingId, id)).orderBy(asc(meetingResolutions.id)),
    ctx.read
      .select({ row: meetingReviews, name: members.name })
      .from(meetingReviews)
      .innerJoin(members, eq(members.id, meetingReviews.memberId))
      .where(eq(meetingReviews.meetingId, id))
      .orderBy(asc(members.namePinyin)),
    ctx.read.select().from(meetingAttachments).where(eq(meetingAttachments.meetingId, id)).orderBy(asc(meetingAttachments.id)),
    ctx.read
      .select({ name: orgs.name })
      .from(orgs)
      .where(inArray(orgs.id, orgPath.split('/').filter(Boolean)))
      .orderBy(asc(orgs.depth)),
  ]);
  const writePaths = requireActor(ctx)
    .roles.filter((r) => roleGrants(r.role, 'orglife.write'))
    .map((r) => r.orgPath);
  const canWrite = covers(writePaths, orgPath);
  const window = checkinWindow(meeting.startsAt, meeting.endsAt, meeting.heldOn);
  return {
    ...toListItem(meeting, orgName),
    orgPathNames: pathNames.map((p) => p.name),
    hostName: meeting.hostName,
    recorderName: meeting.recorderName,
    agenda: meeting.agenda,
    firstTopic: meeting.firstTopic,
    firstTopicRequired: recordRuleOf(meeting.kind, meeting.heldOn).firstTopicRequired,
    minutes: meeting.minutes,
    theme: meeting.theme,
    speakerName: meeting.speakerName,
    speakerIsLeadingCadre: meeting.speakerIsLeadingCadre,
    rectifications: meeting.rectifications,
    version: meeting.version,
    voteRule: voteRule ? { source: voteRule.source, text: voteRule.text, voters: voteRule.voters } : null,
    attendance: attendance.map((a) => ({
      memberId: a.member_id,
      name: a.name,
      category: a.category,
      hasVote: a.has_vote,
      status: a.status,
      reason: a.reason,
      checkedInAt: a.checked_in_at ? new Date(a.checked_in_at).toISOString() : null,
    })),
    observers: observers.map((o) => ({ id: o.id, name: o.name, fromOrg: o.fromOrg, notes: o.notes, rating: o.rating })),
    resolutions: resolutions.map((r) => ({
      id: r.id,
      title: r.title,
      votesFor: r.votesFor,
      votesAgainst: r.votesAgainst,
      votesAbstain: r.votesAbstain,
      writtenOpinions: r.writtenOpinions,
      entitled: r.entitled,
      presentVoters: r.presentVoters,
      passed: r.passed,
      ruleSource: r.ruleSource,
    })),
    reviews: reviews.map((r) => ({ memberId: r.row.memberId, name: r.name, selfGrade: r.row.selfGrade, peerGrade: r.row.peerGrade, grade: r.row.grade })),
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      sha256: a.sha256,
      uploadedAt: a.createdAt.toISOString(),
    })),
    canWrite,
    checkin: canWrite ? { token: meeting.checkinToken, opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() } : null,
  };
}

/** The meeting as a write just left it: read from the primary, as a replica may not have the write yet. */
export function writtenMeeting(ctx: Ctx, id: string): Promise<MeetingDetail> {
  return getMeeting({ ...ctx, read: ctx.db }, id);
}

// ── Planning ───────────────────────────────────────────────────────

/** The members expected at a meeting of the org at `path` on `heldOn`: in its subtree, attending, and joined by then. */
async function expectedMembers(ctx: Ctx, path: string, heldOn: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: members.id })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(
      and(
        inSubtree(sql`${orgs.path}`, path),
        sql`${members.deletedAt} is null`,
        inArray(members.status, [...attendingStatuses]),
        lte(members.joinedOn, heldOn),
      ),
    );
  return rows.map((r) => r.id);
}

export async function planMeeting(ctx: Ctx, input: MeetingCreate): Promise<MeetingDetail> {
  const org = await requireOrg(ctx, 'orglife.write', input.orgId);
  if (org.dissolvedOn)
    throw new AppError('rule_violation', `${org.name}已于 ${org.dissolvedOn} 撤销，不能再安排会议`, [{ path: 'body.orgId', message: '组织已撤销' }]);
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(startsAt.getTime() + orglifeLimits.defaultDurationMinutes * 60_000);
  const heldOn = shanghaiDate(startsAt);
  const id = newId();
  await transact(ctx, async (tx) => {
    const expected = recordRuleOf(input.kind, heldOn).attendees === 'members' ? await expectedMembers(tx, org.path, heldOn) : [];
    const values = {
      id,
      committeeId: org.committeeId,
      orgId: org.id,
      kind: input.kind,
      title: input.title ?? defaultMeetingTitle(input.kind, heldOn),
      startsAt,
      endsAt,
      heldOn,
      place: input.place,
      hostName: input.hostName ?? null,
      recorderName: input.recorderName ?? null,
      expectedCount: expected.length,
      checkinToken: randomBytes(18).toString('base64url'),
    };
    await tx.db.insert(meetings).values(values);
    for (let i = 0; i < expected.length; i += 1000) {
      await tx.db
        .insert(meetingAttendance)
        .values(
          expected.slice(i, i + 1000).map((memberId) => ({ id: newId(), committeeId: org.committeeId, meetingId: id, memberId, status: 'absent' as const })),
        );
    }
    await audit(tx, {
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { kind: input.kind, title: values.title, startsAt: input.startsAt, place: input.place, expectedCount: expected.length },
    });
  });
  return writtenMeeting(ctx, id);
}

// ── Editing the record ─────────────────────────────────────────────

/** Which status changes a record may make: a planned meeting is held or cancelled; a cancelled one may be planned again. */
const statusMoves: Record<MeetingStatus, readonly MeetingStatus[]> = {
  planned: ['planned', 'held', 'cancelled'],
  held: ['held'],
  cancelled: ['cancelled', 'planned'],
};

/** Long free text is named in the audit row, not copied into it. */
const longFields = new Set(['minutes', 'firstTopic']);

export async function updateMeeting(ctx: Ctx, id: string, input: MeetingUpdate): Promise<MeetingDetail> {
  scopeOf(ctx, 'orglife.write');
  await transact(ctx, async (tx) => {
    const { meeting: before, orgPath } = await requireMeeting(tx, 'orglife.write', id);
    const { version, ...changes } = input;
    const status = changes.status ?? before.status;
    if (!statusMoves[before.status].includes(status))
      throw new AppError('rule_violation', `会议已${meetingStatuses.label(before.status)}，不能改为${meetingStatuses.label(status)}`, [
        { path: 'body.status', message: '不允许的状态变更' },
      ]);
    const startsAt = changes.startsAt ? new Date(changes.startsAt) : before.startsAt;
    const endsAt = changes.endsAt ? new Date(changes.endsAt) : before.endsAt;
    if (endsAt <= startsAt) throw new AppError('validation_failed', '结束时间须晚于开始时间', [{ path: 'body.endsAt', message: '结束时间须晚于开始时间' }]);
    const heldOn = shanghaiDate(startsAt);
    if (status === 'held') {
      if (startsAt > ctx.now)
        throw new AppError('rule_violation', `会议定于 ${shanghaiTime(startsAt)} 开始，尚未召开，不能标记为已召开`, [
          { path: 'body.status', message: '会议尚未开始' },
        ]);
      const rule = recordRuleOf(before.kind, heldOn);
      const firstTopic = changes.firstTopic === undefined ? before.firstTopic : changes.firstTopic;
      if (rule.firstTopicRequired && !firstTopic?.trim())
        throw new AppError('rule_violation', `${meetingKinds.label(before.kind)}须以第一议题开篇，请先填写第一议题（${rule.source}）`, [
          { path: 'body.firstTopic', message: '请填写第一议题' },
        ]);
    }
    const values: Record<string, unknown> = { ...changes, startsAt, endsAt, heldOn };
    const row = await updateVersioned(tx, meetings, id, version, values);
    const changed = Object.keys(changes).filter(
      (key) => JSON.stringify(changes[key as keyof typeof changes]) !== JSON.stringify(before[key as keyof MeetingRow]),
    );
    const pick = (source: Record<string, unknown>) => Object.fromEntries(changed.filter((key) => !longFields.has(key)).map((key) => [key, source[key]]));
    await audit(tx, {
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      orgId: row.orgId,
      orgPath,
      committeeId: row.committeeId,
      summary: { changed, before: pick({ ...before, startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString() }), after: pick(changes) },
    });
  });
  return writtenMeeting(ctx, id);
}
