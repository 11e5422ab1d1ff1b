import type { CheckinInfo, CheckinResult } from '@hangbiao/shared/contracts/orglife';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { type AttendanceStatus, type MeetingKind, type MeetingStatus, meetingKinds } from '@hangbiao/shared/glossary';
import { attendingStatuses, checkinWindow, checkinWindowRuleOn } from '@hangbiao/shared/rules';
import { and, count, desc, eq, ne, sql } from 'drizzle-orm';
import { preparedRowsOf, rowsOf } from '../../db/client';
import { requireActor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pageOf } from '../../platform/rows';
import { orgs } from '../orgs/orgs.tables';
import { users } from '../users/users.tables';
import { inSubtree, recordRuleOf, shanghaiTime } from './orglife.service';
import { meetingAttendance, meetings } from './orglife.tables';

interface CheckinRead {
  id: string;
  committee_id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  title: string;
  org_name: string;
  place: string | null;
  starts_at: Date | string;
  ends_at: Date | string;
  held_on: string;
  member_id: string | null;
  /** The member belongs to the meeting's org (subtree) and attends organisational life there. */
  in_org: boolean;
  attendance: AttendanceStatus | null;
  checked_in_at: Date | string | null;
}

/** The meeting behind a check-in token, seen from the signed-in user: their member record and their attendance row. */
function target(actorId: string, token: string) {
  return sql`select mt.id, mt.committee_id, mt.kind, mt.status, mt.title, o.name as org_name, mt.place, mt.starts_at, mt.ends_at,
      mt.held_on::text as held_on, m.id as member_id,
      coalesce(m.status in ${[...attendingStatuses]} and ${inSubtree(sql`mo.path`, sql`o.path`)}, false) as in_org,
      a.status as attendance, a.checked_in_at
    from meetings mt join orgs o on o.id = mt.org_id
      left join users u on u.id = ${actorId}
      left join members m on m.id = u.member_id and m.deleted_at is null
      left join orgs mo on mo.id = m.org_id
      left join meeting_attendance a on a.meeting_id = mt.id and a.member_id = m.id
    where mt.checkin_token = ${token}`;
}

/** What the rules say about a check-in read by `target`: its window and whether the member is expected there. */
function judged(row: CheckinRead) {
  const startsAt = new Date(row.starts_at);
  const endsAt = new Date(row.ends_at);
  const window = checkinWindow(startsAt, endsAt, row.held_on);
  // Members of the org who joined after the meeting was planned are expected too, where the kind expects the org's members.
  const expected = row.attendance !== null || (row.in_org && recordRuleOf(row.kind, row.held_on).attendees === 'members');
  return { row, startsAt, endsAt, window, expected };
}

const invalidToken = () => new AppError('not_found', '签到码无效，请向会议组织者确认');

export async function checkinInfo(ctx: Ctx, token: string): Promise<CheckinInfo> {
  const [read] = await preparedRowsOf<CheckinRead>(ctx.db, target(requireActor(ctx).id, token));
  if (!read) throw invalidToken();
  const { row, startsAt, endsAt, window, expected } = judged(read);
  const state = row.status === 'cancelled' ? 'cancelled' : ctx.now < window.opensAt ? 'notYet' : ctx.now > window.closesAt ? 'closed' : ('open' as const);
  return {
    meetingId: row.id,
    title: row.title,
    kind: row.kind,
    orgName: row.org_name,
    place: row.place,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    opensAt: window.opensAt.toISOString(),
    closesAt: window.closesAt.toISOString(),
    state,
    linked: row.member_id !== null,
    expected,
    checkedInAt: row.attendance === 'present' && row.checked_in_at ? new Date(row.checked_in_at).toISOString() : null,
  };
}

/**
 * A member checks in from their phone, in one statement: it reads the meeting, the member and their attendance row,
 * writes the row (insert, or turn an expected attendee's row to present) when the rules allow, and moves the meeting's
 * counters. The unique (meeting, member) index and the `status <> 'present'` guard make a repeated or concurrent
 * check-in change nothing. The attendance row itself is the record of a member's own check-in: it is not an
 * administrative write, so it takes no audit-chain lock. Only when nothing was written is the refusal worked out.
 */
export async function checkIn(ctx: Ctx, token: string): Promise<CheckinResult> {
  const actor = requireActor(ctx);
  // Check-in happens around the meeting, so the statement applies today's rules; the refusal below uses the meeting day's.
  const today = shanghaiDate(ctx.now);
  const window = checkinWindowRuleOn(today);
  const membersKinds = meetingKinds.keys.filter((kind) => recordRuleOf(kind, today).attendees === 'members');
  const now = ctx.now.toISOString();
  const [row] = await preparedRowsOf<CheckinRead & { written_at: Date | string | null }>(
    ctx.db,
    sql`with t as (${target(actor.id, token)}),
      hit as (
        insert into meeting_attendance (id, committee_id, meeting_id, member_id, status, checked_in_at, updated_at)
        select ${newId()}, t.committee_id, t.id, t.member_id, 'present', ${now}, ${now} from t
        where t.member_id is not null and t.status <> 'cancelled' and t.attendance is distinct from 'present'
          and ${now}::timestamptz between t.starts_at - make_interval(mins => ${window.opensMinutesBefore}::int)
            and t.ends_at + make_interval(mins => ${window.closesMinutesAfterEnd}::int)
          and (t.attendance is not null or (t.in_org and t.kind in ${membersKinds}))
        on conflict (meeting_id, member_id) do update set status = 'present', reason = null, checked_in_at = excluded.checked_in_at,
          updated_at = excluded.updated_at
          where meeting_attendance.status <> 'present'
        returning (xmax = 0) as inserted, checked_in_at),
      counted as (
        update meetings set present_count = present_count + 1, expected_count = expected_count + (select count(*)::int from hit where inserted)
        where id = (select id from t) and exists (select 1 from hit))
      select t.*, hit.checked_in_at as written_at from t left join hit on true`,
  );
  if (!row) throw invalidToken();
  const done = (checkedInAt: Date | string | null, alreadyCheckedIn: boolean) => ({
    meetingId: row.id,
    title: row.title,
    checkedInAt: new Date(checkedInAt ?? ctx.now).toISOString(),
    alreadyCheckedIn,
  });
  if (row.written_at) return done(row.written_at, false);
  const { window: exact, expected } = judged(row);
  if (!row.member_id) throw new AppError('forbidden', '当前账户尚未关联党员信息，不能签到，请联系所在党组织的党务管理员');
  if (row.attendance === 'present') return done(row.checked_in_at, true);
  if (row.status === 'cancelled') throw new AppError('rule_violation', '会议已取消，无需签到');
  const outside = new AppError(
    'rule_violation',
    `不在签到时间内：本次会议签到时间为 ${shanghaiTime(exact.opensAt)} 至 ${shanghaiTime(exact.closesAt)}（北京时间）`,
  );
  if (ctx.now < exact.opensAt || ctx.now > exact.closesAt) throw outside;
  if (!expected) throw new AppError('forbidden', '您不是本次会议的应到人员，不能签到；如需参会请联系会议组织者');
  // Another request of the same member got there first.
  const [current] = await rowsOf<{ status: AttendanceStatus; checked_in_at: Date | string | null }>(
    ctx.db,
    sql`select status, checked_in_at from meeting_attendance where meeting_id = ${row.id} and member_id = ${row.member_id}`,
  );
  if (current?.status === 'present') return done(current.checked_in_at, true);
  throw outside;
}

/** The signed-in member's own meetings, newest first; a login not linked to a member record has none. */
export async function myMeetings(ctx: Ctx, query: { page: number; pageSize: number }) {
  const actor = requireActor(ctx);
  const [user] = await ctx.read.select({ memberId: users.memberId }).from(users).where(eq(users.id, actor.id));
  if (!user?.memberId) return { ...pageOf([], 0, query), linked: false };
  const where = and(eq(meetingAttendance.memberId, user.memberId), ne(meetings.status, 'cancelled'));
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select({ attendance: meetingAttendance, meeting: meetings, orgName: orgs.name })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .innerJoin(orgs, eq(orgs.id, meetings.orgId))
      .where(where)
      .orderBy(desc(meetings.startsAt), desc(meetings.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: count() }).from(meetingAttendance).innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId)).where(where),
  ]);
  const items = rows.map(({ attendance, meeting, orgName }) => ({
    meetingId: meeting.id,
    title: meeting.title,
    kind: meeting.kind,
    orgName,
    startsAt: meeting.startsAt.toISOString(),
    meetingStatus: meeting.status,
    status: attendance.status,
    checkedInAt: attendance.checkedInAt?.toISOString() ?? null,
  }));
  return { ...pageOf(items, total?.n ?? 0, query), linked: true };
}
