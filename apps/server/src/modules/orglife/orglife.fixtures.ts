import { sql } from 'drizzle-orm';
import type { Session, TestContext } from '../../../test/harness';
import { rowsOf } from '../../db/client';

/** A time `minutes` from now, as the API takes it. */
export const fromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

export interface Branch {
  committee: { id: string; path: string };
  dept: { id: string; path: string; name: string };
  branch: { id: string; path: string; name: string };
  /** An org_admin of the department. */
  admin: Session;
  full: { id: string; name: string }[];
  probationary: { id: string; name: string }[];
}

/** A new department with one branch holding `full` full and `probationary` probationary members. */
export async function branchWithMembers(t: TestContext, full: number, probationary = 0): Promise<Branch> {
  const { committee, unitId, dept } = await t.newDepartment();
  const branch = await t.newOrg(dept, { kind: 'branch', unitId });
  const made: Branch = { committee, dept, branch, admin: await t.as('org_admin', dept.id), full: [], probationary: [] };
  for (let i = 0; i < full; i++) made.full.push(await t.newMember(branch.id));
  for (let i = 0; i < probationary; i++) made.probationary.push(await t.newMember(branch.id, { category: 'probationary' }));
  return made;
}

/** A member-role login linked to `memberId` (users.member_id), as a member signs in on a phone. */
export async function memberLogin(t: TestContext, orgId: string, memberId: string): Promise<Session> {
  const user = await t.newUser('member', orgId);
  await t.database.db.execute(sql`update users set member_id = ${memberId} where id = ${user.id}`);
  return t.login(user);
}

export interface PlannedMeeting {
  id: string;
  version: number;
  expectedCount: number;
  presentCount: number;
  checkin: { token: string } | null;
  attendance: { memberId: string; status: string; hasVote: boolean }[];
}

/** Plans a meeting through the API; fails the test when that is refused. */
export async function plan(admin: Session, body: Record<string, unknown>): Promise<PlannedMeeting> {
  const res = await admin.post('/api/meetings', { place: '党员活动室', ...body });
  if (res.statusCode !== 200) throw new Error(`planning failed: ${res.statusCode} ${res.body}`);
  return res.json() as PlannedMeeting;
}

/** The meeting's counters and the counts of its attendance rows, read from the database. */
export async function countersAndRows(t: TestContext, meetingId: string) {
  const [row] = await rowsOf<{ expected_count: number; present_count: number; rows: number; present_rows: number }>(
    t.database.db,
    sql`select m.expected_count, m.present_count,
        (select count(*)::int from meeting_attendance a where a.meeting_id = m.id) as rows,
        (select count(*)::int from meeting_attendance a where a.meeting_id = m.id and a.status = 'present') as present_rows
      from meetings m where m.id = ${meetingId}`,
  );
  return row;
}
