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

describe('planning a meeting', () => {
  it('expects the members of the branch on its day, excluding suspended members, former members and those who joined later', async () => {
    const b = await branchWithMembers(t, 3, 1);
    const suspended = await t.newMember(b.branch.id, { status: 'suspended' });
    const lateJoiner = await t.newMember(b.branch.id, { joinedOn: '2026-01-10' });
    const group = await t.newOrg(b.branch, { kind: 'group' });
    const inGroup = await t.newMember(group.id);
    const res = await b.admin.post('/api/meetings', { orgId: b.branch.id, kind: 'generalMeeting', startsAt: '2025-12-20T09:00:00+08:00', place: '三楼会议室' });
    expect(res.statusCode, res.body).toBe(200);
    const meeting = res.json();
    const expected = [...b.full, ...b.probationary, inGroup].map((m) => m.id).sort();
    expect(meeting.attendance.map((a: { memberId: string }) => a.memberId).sort()).toEqual(expected);
    expect(meeting.attendance.map((a: { memberId: string }) => a.memberId)).not.toContain(suspended.id);
    expect(meeting.attendance.map((a: { memberId: string }) => a.memberId)).not.toContain(lateJoiner.id);
    expect(meeting).toMatchObject({ expectedCount: 5, presentCount: 0, status: 'planned', title: '2025年12月20日支部党员大会', heldOn: '2025-12-20' });
    // Probationary members attend without a vote (党章 第七条).
    const prob = meeting.attendance.find((a: { memberId: string }) => a.memberId === b.probationary[0]?.id);
    expect(prob).toMatchObject({ category: 'probationary', hasVote: false });
    expect(meeting.endsAt).toBe('2025-12-20T03:00:00.000Z');
    expect(meeting.checkin.token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(await countersAndRows(t, meeting.id)).toMatchObject({ expected_count: 5, rows: 5, present_count: 0, present_rows: 0 });
    const log = (await b.admin.get(`/api/audit?entityId=${meeting.id}`)).json();
    expect(log.items[0]).toMatchObject({ action: 'meeting.create', entityType: 'meeting' });
  });

  it('expects nobody at a central-group session until the administrator lists the attendees', async () => {
    const b = await branchWithMembers(t, 2);
    const meeting = await plan(b.admin, { orgId: b.dept.id, kind: 'centralGroupStudy', startsAt: fromNow(60) });
    expect(meeting.expectedCount).toBe(0);
    const member = b.full[0]?.id;
    const res = await b.admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${member}`, { status: 'present' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ expectedCount: 1, presentCount: 1 });
  });

  it('refuses a meeting of another department with 403 and writes nothing', async () => {
    const mine = await branchWithMembers(t, 1);
    const other = await branchWithMembers(t, 1);
    const res = await mine.admin.post('/api/meetings', { orgId: other.branch.id, kind: 'themeDay', startsAt: fromNow(60), place: '会议室' });
    expect(res.statusCode).toBe(403);
    const [row] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from meetings where org_id = ${other.branch.id}`);
    expect(row?.n).toBe(0);
  });

  it('refuses an end before the start with the field named', async () => {
    const b = await branchWithMembers(t, 1);
    const res = await b.admin.post('/api/meetings', {
      orgId: b.branch.id,
      kind: 'themeDay',
      startsAt: '2026-03-01T09:00:00+08:00',
      endsAt: '2026-03-01T08:00:00+08:00',
      place: '会议室',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ path: 'body.endsAt' }));
  });
});

describe('the meeting record', () => {
  it('keeps minutes, agenda, first topic, theme, speaker and rectifications, and refuses a stale edit with 409', async () => {
    const b = await branchWithMembers(t, 2);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'orgLifeMeeting', startsAt: '2026-01-15T14:00:00+08:00' });
    const edit = {
      version: meeting.version,
      agenda: ['学习党的二十届四中全会精神', '开展批评和自我批评'],
      minutes: '与会党员逐一发言，王某对整改时限提出不同意见。',
      theme: '对照检查',
      speakerName: '李书记',
      speakerIsLeadingCadre: true,
      rectifications: [{ content: '学习不够深入', owner: '张三', dueOn: '2026-03-31' }],
      hostName: '李书记',
      recorderName: '赵组织委员',
    };
    const res = await b.admin.patch(`/api/meetings/${meeting.id}`, edit);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ...edit, version: meeting.version + 1 });
    const stale = await b.admin.patch(`/api/meetings/${meeting.id}`, { version: meeting.version, minutes: '另一人的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect((await b.admin.get(`/api/meetings/${meeting.id}`)).json().minutes).toBe(edit.minutes);
  });

  it('holds a general meeting only with its first agenda item (第一议题), citing the rule, and never before it starts', async () => {
    const b = await branchWithMembers(t, 2);
    const past = await plan(b.admin, { orgId: b.branch.id, kind: 'generalMeeting', startsAt: fromNow(-120) });
    const refused = await b.admin.patch(`/api/meetings/${past.id}`, { version: past.version, status: 'held' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'rule_violation', errors: [{ path: 'body.firstTopic' }] });
    expect(refused.json().detail).toContain('第一议题');
    const held = await b.admin.patch(`/api/meetings/${past.id}`, { version: past.version, status: 'held', firstTopic: '学习习近平总书记最新重要讲话精神' });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().status).toBe('held');

    const future = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(24 * 60) });
    const early = await b.admin.patch(`/api/meetings/${future.id}`, { version: future.version, status: 'held' });
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toContain('尚未召开');
  });

  it('records observers with a rating and review grades only of attendees', async () => {
    const b = await branchWithMembers(t, 2);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'memberReview', startsAt: '2026-01-20T09:00:00+08:00' });
    const observed = await b.admin.post(`/api/meetings/${meeting.id}/observers`, {
      name: '周督导',
      fromOrg: '市直机关工委',
      rating: 'good',
      notes: '程序规范',
    });
    expect(observed.statusCode, observed.body).toBe(200);
    expect(observed.json().observers).toEqual([expect.objectContaining({ name: '周督导', fromOrg: '市直机关工委', rating: 'good' })]);
    const [first, second] = b.full;
    const grades = await b.admin.request('PUT', `/api/meetings/${meeting.id}/reviews`, {
      grades: [
        { memberId: first?.id, selfGrade: 'excellent', peerGrade: 'qualified', grade: 'qualified' },
        { memberId: second?.id, grade: 'excellent' },
      ],
    });
    expect(grades.statusCode, grades.body).toBe(200);
    expect(grades.json().reviews).toHaveLength(2);
    const outsider = await t.newMember((await branchWithMembers(t, 0)).branch.id);
    const refused = await b.admin.request('PUT', `/api/meetings/${meeting.id}/reviews`, { grades: [{ memberId: outsider.id, grade: 'qualified' }] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([{ path: 'body.grades.0.memberId', message: '不是本次会议的应到人员' }]);
    expect((await b.admin.get(`/api/meetings/${meeting.id}`)).json().reviews).toHaveLength(2);
  });
});

describe('votes (支部工作条例 2018 第十一条)', () => {
  async function generalMeetingWith(full: number, probationary: number, present: number) {
    const b = await branchWithMembers(t, full, probationary);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'generalMeeting', startsAt: fromNow(-30) });
    // Probationary members are marked present too: they attend, but do not count as voters.
    for (const m of [...b.full.slice(0, present), ...b.probationary]) {
      const res = await b.admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${m.id}`, { status: 'present' });
      expect(res.statusCode, res.body).toBe(200);
    }
    return { b, meeting };
  }
  const vote = (yes: number, no = 0) => ({ title: '接收张某为预备党员', votesFor: yes, votesAgainst: no, votesAbstain: 0 });

  it('refuses a vote with 5 of 10 entitled voters present, citing the rule, though 2 probationary members are present too', async () => {
    const { b, meeting } = await generalMeetingWith(10, 2, 5);
    const res = await b.admin.post(`/api/meetings/${meeting.id}/resolutions`, vote(5));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('rule_violation');
    expect(res.json().detail).toContain('应到会有表决权 10 人，实到 5 人');
    expect(res.json().detail).toContain('中国共产党支部工作条例（试行）(2018) 第十一条');
    const [row] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from meeting_resolutions where meeting_id = ${meeting.id}`);
    expect(row?.n).toBe(0);
  });

  it('with 6 of 10 present: 5 yes fails, 6 yes passes (half of the entitled, not of those present)', async () => {
    const { b, meeting } = await generalMeetingWith(10, 2, 6);
    const failed = await b.admin.post(`/api/meetings/${meeting.id}/resolutions`, vote(5, 1));
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().resolutions[0]).toMatchObject({ passed: false, entitled: 10, presentVoters: 6 });
    const passed = await b.admin.post(`/api/meetings/${meeting.id}/resolutions`, vote(6));
    expect(passed.json().resolutions[1]).toMatchObject({ passed: true, entitled: 10, presentVoters: 6 });
    const log = (await b.admin.get(`/api/audit?entityId=${meeting.id}`)).json();
    expect(log.items.filter((i: { action: string }) => i.action === 'meeting.resolutionAdded')).toHaveLength(2);
  });

  it('refuses more votes than voters present plus written opinions', async () => {
    const { b, meeting } = await generalMeetingWith(10, 0, 6);
    const res = await b.admin.post(`/api/meetings/${meeting.id}/resolutions`, { ...vote(6, 1), writtenOpinions: 0 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.votesFor' })]);
    const withWritten = await b.admin.post(`/api/meetings/${meeting.id}/resolutions`, { ...vote(6, 1), writtenOpinions: 1 });
    expect(withWritten.statusCode, withWritten.body).toBe(200);
  });

  it('takes no votes at a theme day', async () => {
    const b = await branchWithMembers(t, 3);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(-30) });
    const res = await b.admin.post(`/api/meetings/${meeting.id}/resolutions`, vote(3));
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('不进行表决');
  });
});

describe('lists, calendar, rates and scope', () => {
  it('shows a month of meetings in an org subtree, and none of another department', async () => {
    const b = await branchWithMembers(t, 2);
    const other = await branchWithMembers(t, 1);
    const inMonth = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: '2026-02-10T09:00:00+08:00' });
    await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: '2026-03-01T09:00:00+08:00' });
    await plan(other.admin, { orgId: other.branch.id, kind: 'themeDay', startsAt: '2026-02-11T09:00:00+08:00' });
    const calendar = (await b.admin.get(`/api/meetings/calendar?month=2026-02&under=${b.dept.id}`)).json();
    expect(calendar.items.map((m: { id: string }) => m.id)).toEqual([inMonth.id]);
    expect(calendar.truncated).toBe(false);
    expect((await b.admin.get(`/api/meetings/calendar?month=2026-02&under=${other.dept.id}`)).statusCode).toBe(403);
    const list = (await b.admin.get('/api/meetings?pageSize=200')).json();
    expect(list.items.every((m: { orgId: string }) => m.orgId === b.branch.id)).toBe(true);
    expect(list.total).toBe(2);
  });

  it("answers 403 for another department's meeting, to read it or to write it", async () => {
    const mine = await branchWithMembers(t, 1);
    const other = await branchWithMembers(t, 1);
    const theirs = await plan(other.admin, { orgId: other.branch.id, kind: 'themeDay', startsAt: fromNow(60) });
    expect((await mine.admin.get(`/api/meetings/${theirs.id}`)).statusCode).toBe(403);
    expect((await mine.admin.patch(`/api/meetings/${theirs.id}`, { version: 1, minutes: 'x' })).statusCode).toBe(403);
  });

  it('computes rates per org from the counters and per member from their rows, over held meetings of the period', async () => {
    const b = await branchWithMembers(t, 4);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: '2026-01-05T09:00:00+08:00' });
    const [a, c, d] = b.full;
    await b.admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${a?.id}`, { status: 'present' });
    await b.admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${c?.id}`, { status: 'present' });
    await b.admin.request('PUT', `/api/meetings/${meeting.id}/attendance/${d?.id}`, { status: 'leave', reason: '出差' });
    await b.admin.patch(`/api/meetings/${meeting.id}`, { version: meeting.version, status: 'held' });
    const orgs = (await b.admin.get(`/api/orglife/attendance/orgs?under=${b.dept.id}&from=2026-01-01&to=2026-01-31`)).json();
    expect(orgs.items).toEqual([{ orgId: b.branch.id, orgName: b.branch.name, meetings: 1, expected: 4, present: 2, rate: 0.5 }]);
    const people = (await b.admin.get(`/api/orglife/attendance/members?under=${b.dept.id}&from=2026-01-01&to=2026-01-31`)).json();
    expect(people.total).toBe(4);
    expect(people.items.find((p: { memberId: string }) => p.memberId === d?.id)).toMatchObject({ meetings: 1, present: 0, leave: 1, rate: 0 });
  });

  it('lets a member see their own meetings, and nothing when their login is not linked', async () => {
    const b = await branchWithMembers(t, 2);
    const meeting = await plan(b.admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(60) });
    const member = await memberLogin(t, b.branch.id, b.full[0]?.id as string);
    const mine = (await member.get('/api/orglife/mine')).json();
    expect(mine).toMatchObject({ linked: true, total: 1, items: [{ meetingId: meeting.id, status: 'absent' }] });
    expect((await member.get(`/api/meetings/${meeting.id}`)).statusCode).toBe(403);
    const unlinked = await t.as('member', b.branch.id);
    expect((await unlinked.get('/api/orglife/mine')).json()).toMatchObject({ linked: false, total: 0 });
  });
});
