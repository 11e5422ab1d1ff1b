import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness';
import { rowsOf } from '../../db/client';
import { branchWithMembers, countersAndRows, fromNow, memberLogin, plan } from './orglife.fixtures';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const auditRows = async (meetingId: string) =>
  (await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where entity_id = ${meetingId}`))[0]?.n ?? 0;

describe('checking in from a phone', () => {
  it('checks an expected member in within the window, moves the counter once and writes no audit row', async () => {
    const b = await branchWithMembers(t, 3);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(20) });
    const member = await memberLogin(t, b.branch.id, b.full[0]?.id as string);
    const token = meeting.checkin?.token;
    const info = (await member.get(`/api/checkin/${token}`)).json();
    expect(info).toMatchObject({ meetingId: meeting.id, state: 'open', linked: true, expected: true, checkedInAt: null });
    const audited = await auditRows(meeting.id);
    const res = await member.post(`/api/checkin/${token}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ meetingId: meeting.id, alreadyCheckedIn: false });
    expect(await countersAndRows(t, meeting.id)).toMatchObject({ expected_count: 3, rows: 3, present_count: 1, present_rows: 1 });
    expect(await auditRows(meeting.id)).toBe(audited);

    const again = await member.post(`/api/checkin/${token}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyCheckedIn: true, checkedInAt: res.json().checkedInAt });
    expect(await countersAndRows(t, meeting.id)).toMatchObject({ present_count: 1, present_rows: 1 });
    const detail = (await b.admin.get(`/api/meetings/${meeting.id}`)).json();
    expect(detail.attendance.find((a: { memberId: string }) => a.memberId === b.full[0]?.id)).toMatchObject({
      status: 'present',
      checkedInAt: res.json().checkedInAt,
    });
  });

  it('refuses a check-in before the window opens and after it closes with 422 naming the window', async () => {
    const b = await branchWithMembers(t, 1);
    const member = await memberLogin(t, b.branch.id, b.full[0]?.id as string);
    const early = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(45) });
    const tooEarly = await member.post(`/api/checkin/${early.checkin?.token}`);
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json().code).toBe('rule_violation');
    expect(tooEarly.json().detail).toMatch(/签到时间为 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const late = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(-180), endsAt: fromNow(-60) });
    const tooLate = await member.post(`/api/checkin/${late.checkin?.token}`);
    expect(tooLate.statusCode).toBe(422);
    expect((await member.get(`/api/checkin/${late.checkin?.token}`)).json().state).toBe('closed');
    expect(await countersAndRows(t, early.id)).toMatchObject({ present_count: 0, present_rows: 0 });
    expect(await countersAndRows(t, late.id)).toMatchObject({ present_count: 0, present_rows: 0 });
  });

  it("refuses a check-in to another org's meeting with 403: the member is not expected there", async () => {
    const mine = await branchWithMembers(t, 1);
    const other = await branchWithMembers(t, 2);
    const member = await memberLogin(t, mine.branch.id, mine.full[0]?.id as string);
    const theirs = await plan(other.admin, { orgId: other.branch.id, kind: 'themeDay', startsAt: fromNow(10) });
    expect((await member.get(`/api/checkin/${theirs.checkin?.token}`)).json()).toMatchObject({ expected: false });
    const res = await member.post(`/api/checkin/${theirs.checkin?.token}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('不是本次会议的应到人员');
    expect(await countersAndRows(t, theirs.id)).toMatchObject({ expected_count: 2, rows: 2, present_count: 0 });
  });

  it('refuses a login not linked to a member (403), a cancelled meeting (422) and an unknown token (404)', async () => {
    const b = await branchWithMembers(t, 1);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(10) });
    const unlinked = await t.as('member', b.branch.id);
    expect((await unlinked.post(`/api/checkin/${meeting.checkin?.token}`)).statusCode).toBe(403);
    const member = await memberLogin(t, b.branch.id, b.full[0]?.id as string);
    await b.admin.patch(`/api/meetings/${meeting.id}`, { version: meeting.version, status: 'cancelled' });
    expect((await member.post(`/api/checkin/${meeting.checkin?.token}`)).statusCode).toBe(422);
    expect((await member.post('/api/checkin/AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });

  it('adds a member who joined the branch after the meeting was planned, counting them as expected and present', async () => {
    const b = await branchWithMembers(t, 2);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'generalMeeting', startsAt: fromNow(5) });
    const newcomer = await t.newMember(b.branch.id);
    const member = await memberLogin(t, b.branch.id, newcomer.id);
    const res = await member.post(`/api/checkin/${meeting.checkin?.token}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await countersAndRows(t, meeting.id)).toEqual({ expected_count: 3, rows: 3, present_count: 1, present_rows: 1 });
  });

  it('writes exactly one row and moves the counter once for 20 concurrent check-ins of one member', async () => {
    const b = await branchWithMembers(t, 2);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(5) });
    // The member was not on the list: each request races to insert the row, not only to update it.
    const newcomer = await t.newMember(b.branch.id);
    const member = await memberLogin(t, b.branch.id, newcomer.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => member.post(`/api/checkin/${meeting.checkin?.token}`)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(results.filter((r) => !r.json().alreadyCheckedIn)).toHaveLength(1);
    const [rows] = await rowsOf<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from meeting_attendance where meeting_id = ${meeting.id} and member_id = ${newcomer.id}`,
    );
    expect(rows?.n).toBe(1);
    expect(await countersAndRows(t, meeting.id)).toEqual({ expected_count: 3, rows: 3, present_count: 1, present_rows: 1 });

    const listed = await memberLogin(t, b.branch.id, b.full[0]?.id as string);
    await Promise.all(Array.from({ length: 20 }, () => listed.post(`/api/checkin/${meeting.checkin?.token}`)));
    expect(await countersAndRows(t, meeting.id)).toEqual({ expected_count: 3, rows: 3, present_count: 2, present_rows: 2 });
  });
});

describe('corrections by the branch administrator', () => {
  it('keeps the counters equal to the attendance rows through corrections, additions and removals, and audits each', async () => {
    const b = await branchWithMembers(t, 4);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'generalMeeting', startsAt: fromNow(10) });
    const [m1, m2, m3, m4] = b.full.map((m) => m.id);
    const member = await memberLogin(t, b.branch.id, m1 as string);
    await member.post(`/api/checkin/${meeting.checkin?.token}`);
    const put = (id: string | undefined, body: unknown) => b.admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${id}`, body);
    expect((await put(m2, { status: 'present' })).statusCode).toBe(200);
    expect((await put(m3, { status: 'leave', reason: '病假' })).statusCode).toBe(200);
    expect((await put(m1, { status: 'absent' })).statusCode).toBe(200);
    expect((await put(m2, { status: 'present' })).statusCode).toBe(200);
    expect((await b.admin.del(`/api/meetings/${meeting.id}/attendance/${m4}`)).statusCode).toBe(200);
    const after = await countersAndRows(t, meeting.id);
    expect(after).toEqual({ expected_count: 3, rows: 3, present_count: 1, present_rows: 1 });
    const detail = (await b.admin.get(`/api/meetings/${meeting.id}`)).json();
    expect(detail.attendance.find((a: { memberId: string }) => a.memberId === m3)).toMatchObject({ status: 'leave', reason: '病假' });
    expect(detail.attendance.find((a: { memberId: string }) => a.memberId === m1)).toMatchObject({ status: 'absent', checkedInAt: null });
    const log = (await b.admin.get(`/api/audit?entityId=${meeting.id}&pageSize=50`)).json();
    const actions = log.items.map((i: { action: string }) => i.action);
    expect(actions.filter((a: string) => a === 'meeting.attendanceCorrected')).toHaveLength(4);
    expect(actions).toContain('meeting.attendeeRemoved');
  });

  it('requires a reason for leave and refuses to list a member of another org', async () => {
    const b = await branchWithMembers(t, 1);
    const stranger = (await branchWithMembers(t, 1)).full[0]?.id;
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(10) });
    const noReason = await b.admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${b.full[0]?.id}`, { status: 'leave' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toContainEqual(expect.objectContaining({ path: 'body.reason' }));
    const outsider = await b.admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${stranger}`, { status: 'present' });
    expect(outsider.statusCode).toBe(422);
    expect(await countersAndRows(t, meeting.id)).toEqual({ expected_count: 1, rows: 1, present_count: 0, present_rows: 0 });
  });
});
