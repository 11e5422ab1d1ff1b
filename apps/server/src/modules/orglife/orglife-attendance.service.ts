import type { AttendanceCorrection, MeetingDetail, RatesQuery } from '@hangbiao/shared/contracts/orglife';
import { attendanceStatuses } from '@hangbiao/shared/glossary';
import { attendingStatuses } from '@hangbiao/shared/rules';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import { pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pageOf } from '../../platform/rows';
import { inSubtree, requireMeeting, type ScopedMeeting, writtenMeeting } from './orglife.service';
import { meetingAttendance, meetings } from './orglife.tables';

const presentDelta = (status: string | undefined) => (status === 'present' ? 1 : 0);

/**
 * The meeting, not locked: counters move by increments, and like a check-in (attendance row, then meeting row)
 * a correction locks the attendance row before it touches the meeting, so the two never wait on each other in a circle.
 */
async function openMeeting(ctx: Ctx, id: string): Promise<ScopedMeeting> {
  const found = await requireMeeting(ctx, 'orglife.write', id);
  if (found.meeting.status === 'cancelled') throw new AppError('rule_violation', '会议已取消，不能更正出勤');
  return found;
}

/** A member of the meeting's org, by name, who may be added to its expected attendees. */
async function attendingMemberOf(ctx: Ctx, orgPath: string, memberId: string): Promise<{ name: string } | undefined> {
  const [row] = await rowsOf<{ name: string }>(
    ctx.db,
    sql`select m.name from members m join orgs o on o.id = m.org_id
      where m.id = ${memberId} and m.deleted_at is null and m.status in ${[...attendingStatuses]} and ${inSubtree(sql`o.path`, orgPath)}`,
  );
  return row;
}

/**
 * An administrator sets one member's attendance (present, on leave with a reason, absent), adding the member to
 * the expected attendees if they were not yet; the counters move in the same transaction, by the difference.
 */
export async function correctAttendance(ctx: Ctx, meetingId: string, memberId: string, input: AttendanceCorrection): Promise<MeetingDetail> {
  scopeOf(ctx, 'orglife.write');
  await transact(ctx, async (tx) => {
    const { meeting, orgPath } = await openMeeting(tx, meetingId);
    const [existing] = await tx.db
      .select()
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.memberId, memberId)))
      .for('update');
    const member = existing ? undefined : await attendingMemberOf(tx, orgPath, memberId);
    if (!existing && !member)
      throw new AppError('rule_violation', '该党员不在本组织（或已停止党籍、已转出），不能登记为应到人员；其他到会人员请登记为列席', [
        { path: 'params.memberId', message: '不是本组织的党员' },
      ]);
    const reason = input.status === 'present' ? null : (input.reason ?? null);
    // A self check-in keeps its time while the member stays present; any other status clears it.
    const checkedInAt = input.status === 'present' ? (existing?.checkedInAt ?? null) : null;
    if (existing) {
      await tx.db.update(meetingAttendance).set({ status: input.status, reason, checkedInAt, updatedAt: tx.now }).where(eq(meetingAttendance.id, existing.id));
    } else {
      const inserted = await tx.db
        .insert(meetingAttendance)
        .values({ id: newId(), committeeId: meeting.committeeId, meetingId, memberId, status: input.status, reason })
        .onConflictDoNothing()
        .returning({ id: meetingAttendance.id });
      if (inserted.length === 0) throw new AppError('conflict', '该党员刚刚扫码签到，请刷新后再更正');
    }
    await tx.db
      .update(meetings)
      .set({
        expectedCount: sql`${meetings.expectedCount} + ${existing ? 0 : 1}`,
        presentCount: sql`${meetings.presentCount} + ${presentDelta(input.status) - presentDelta(existing?.status)}`,
      })
      .where(eq(meetings.id, meetingId));
    await audit(tx, {
      action: 'meeting.attendanceCorrected',
      entityType: 'meeting',
      entityId: meetingId,
      orgId: meeting.orgId,
      orgPath,
      committeeId: meeting.committeeId,
      summary: {
        memberId,
        before: existing ? { status: existing.status, reason: existing.reason } : null,
        after: { status: input.status, reason },
        label: attendanceStatuses.label(input.status),
      },
    });
  });
  return writtenMeeting(ctx, meetingId);
}

/** Takes a member off the expected attendees (e.g. not on the branch committee whose meeting this is). */
export async function removeAttendee(ctx: Ctx, meetingId: string, memberId: string): Promise<MeetingDetail> {
  scopeOf(ctx, 'orglife.write');
  await transact(ctx, async (tx) => {
    const { meeting, orgPath } = await openMeeting(tx, meetingId);
    const [removed] = await tx.db
      .delete(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.memberId, memberId)))
      .returning();
    if (!removed) throw new AppError('not_found', '该党员不在本次会议的应到人员中');
    await tx.db
      .update(meetings)
      .set({ expectedCount: sql`${meetings.expectedCount} - 1`, presentCount: sql`${meetings.presentCount} - ${presentDelta(removed.status)}` })
      .where(eq(meetings.id, meetingId));
    await audit(tx, {
      action: 'meeting.attendeeRemoved',
      entityType: 'meeting',
      entityId: meetingId,
      orgId: meeting.orgId,
      orgPath,
      committeeId: meeting.committeeId,
      summary: { memberId, status: removed.status, reason: removed.reason },
    });
  });
  return writtenMeeting(ctx, meetingId);
}

// ── Attendance rates ───────────────────────────────────────────────

const rateOf = (present: number, expected: number) => (expected > 0 ? Math.round((present / expected) * 1000) / 1000 : null);

async function ratesScope(ctx: Ctx, query: RatesQuery) {
  const paths = scopeOf(ctx, 'orglife.read');
  const under = query.under ? await requireOrg(ctx, 'orglife.read', query.under) : undefined;
  return sql`mt.committee_id = ${requireActor(ctx).committeeId} and mt.status = 'held' and mt.held_on between ${query.from} and ${query.to}
    and ${pathInScope(under ? [under.path] : paths, sql`o.path`)}`;
}

/** Per org, from the meetings' counters (never from the attendance rows): held meetings, expected and present person-times. */
export async function orgRates(ctx: Ctx, query: RatesQuery) {
  const where = await ratesScope(ctx, query);
  const rows = await rowsOf<{ org_id: string; org_name: string; meetings: number; expected: number; present: number; total: number }>(
    ctx.read,
    sql`select o.id as org_id, o.name as org_name, count(*)::int as meetings, sum(mt.expected_count)::int as expected,
        sum(mt.present_count)::int as present, count(*) over ()::int as total
      from meetings mt join orgs o on o.id = mt.org_id
      where ${where}
      group by o.id, o.name, o.path order by o.path limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return pageOf(
    rows.map((r) => ({
      orgId: r.org_id,
      orgName: r.org_name,
      meetings: r.meetings,
      expected: r.expected,
      present: r.present,
      rate: rateOf(r.present, r.expected),
    })),
    rows[0]?.total ?? 0,
    query,
  );
}

/** Per member: their rows at the held meetings of the period in scope. */
export async function memberRates(ctx: Ctx, query: RatesQuery) {
  const where = await ratesScope(ctx, query);
  const rows = await rowsOf<{
    member_id: string;
    name: string;
    org_name: string;
    meetings: number;
    present: number;
    leave: number;
    absent: number;
    total: number;
  }>(
    ctx.read,
    sql`select m.id as member_id, m.name, mo.name as org_name, count(*)::int as meetings,
        (count(*) filter (where a.status = 'present'))::int as present, (count(*) filter (where a.status = 'leave'))::int as leave,
        (count(*) filter (where a.status = 'absent'))::int as absent, count(*) over ()::int as total
      from meeting_attendance a join meetings mt on mt.id = a.meeting_id join orgs o on o.id = mt.org_id
        join members m on m.id = a.member_id join orgs mo on mo.id = m.org_id
      where ${where}
      group by m.id, m.name, m.name_pinyin, mo.name order by m.name_pinyin, m.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return pageOf(
    rows.map((r) => ({
      memberId: r.member_id,
      name: r.name,
      orgName: r.org_name,
      meetings: r.meetings,
      present: r.present,
      leave: r.leave,
      absent: r.absent,
      rate: rateOf(r.present, r.meetings),
    })),
    rows[0]?.total ?? 0,
    query,
  );
}
