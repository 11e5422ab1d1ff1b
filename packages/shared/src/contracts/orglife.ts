import { z } from 'zod';
import {
  attachmentKinds,
  attendanceStatuses,
  type MeetingKind,
  meetingKinds,
  meetingStatuses,
  memberCategories,
  observerRatings,
  reviewGrades,
} from '../glossary';
import { id, isoDate, paged, pageQuery, version } from './common';

export const orglifeLimits = {
  title: 100,
  place: 100,
  person: 50,
  agendaItems: 30,
  agendaItem: 200,
  /** Minutes, first-topic notes and similar free text. */
  text: 20_000,
  reason: 200,
  rectifications: 100,
  attachmentBytes: 10 * 1024 * 1024,
  /** A calendar month shows at most this many meetings (a committee's whole tree in one month stays well below). */
  calendarItems: 2000,
  defaultDurationMinutes: 120,
} as const;

/** The files a meeting record accepts, with the extension each is saved and served under. */
export const attachmentTypes = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const;
export type AttachmentType = keyof typeof attachmentTypes;

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const required = (max: number) => text(max).min(1, '不能为空');
const instant = z.iso.datetime({ offset: true, error: '时间格式应为带时区的 ISO 8601，如 2026-05-12T09:00:00+08:00' });
const count = z.number().int('须为整数').min(0, '不能为负数').max(100_000);

const meetingKind = z.enum(meetingKinds.keys);

/** The title a meeting gets when none is given: its date and kind, e.g. 2026年5月12日支部党员大会. */
export function defaultMeetingTitle(kind: MeetingKind, heldOn: string): string {
  const [y, m, d] = heldOn.split('-').map(Number);
  return `${y}年${m}月${d}日${meetingKinds.label(kind)}`;
}

export const rectification = z.strictObject({
  content: required(500),
  owner: text(orglifeLimits.person).optional(),
  dueOn: isoDate.optional(),
});
export type Rectification = z.infer<typeof rectification>;

function endsAfterStart(value: { startsAt?: string | undefined; endsAt?: string | undefined }, ctx: z.RefinementCtx) {
  if (value.startsAt && value.endsAt && Date.parse(value.endsAt) <= Date.parse(value.startsAt))
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' });
}

/** Planning a meeting: where, when and what kind; the title defaults from the kind and date, the end from a usual length. */
export const meetingCreate = z
  .strictObject({
    orgId: id,
    kind: meetingKind,
    startsAt: instant,
    endsAt: instant.optional(),
    place: required(orglifeLimits.place),
    title: required(orglifeLimits.title).optional(),
    hostName: required(orglifeLimits.person).optional(),
    recorderName: required(orglifeLimits.person).optional(),
  })
  .superRefine(endsAfterStart);
export type MeetingCreate = z.infer<typeof meetingCreate>;

/** Editing the record; only the fields sent change. `status` moves a planned meeting to held or cancelled. */
export const meetingUpdate = z
  .strictObject({
    version,
    status: z.enum(meetingStatuses.keys).optional(),
    title: required(orglifeLimits.title).optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    place: required(orglifeLimits.place).optional(),
    hostName: text(orglifeLimits.person).nullable().optional(),
    recorderName: text(orglifeLimits.person).nullable().optional(),
    agenda: z.array(required(orglifeLimits.agendaItem)).max(orglifeLimits.agendaItems).optional(),
    firstTopic: text(orglifeLimits.text).nullable().optional(),
    minutes: text(orglifeLimits.text).nullable().optional(),
    theme: text(orglifeLimits.title).nullable().optional(),
    speakerName: text(orglifeLimits.person).nullable().optional(),
    speakerIsLeadingCadre: z.boolean().optional(),
    rectifications: z.array(rectification).max(orglifeLimits.rectifications).optional(),
  })
  .superRefine(endsAfterStart);
export type MeetingUpdate = z.infer<typeof meetingUpdate>;

export const meetingListItem = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  kind: meetingKind,
  status: z.enum(meetingStatuses.keys),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  heldOn: isoDate,
  place: z.string().nullable(),
  expectedCount: z.number().int(),
  presentCount: z.number().int(),
});
export type MeetingListItem = z.infer<typeof meetingListItem>;

export const meetingSorts = ['-startsAt', 'startsAt'] as const;
export const meetingListQuery = pageQuery.extend({
  /** Meetings of this org and the orgs under it; all the caller may read when absent. */
  under: id.optional(),
  kind: meetingKind.optional(),
  status: z.enum(meetingStatuses.keys).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: z.enum(meetingSorts).default('-startsAt'),
});
export type MeetingListQuery = z.infer<typeof meetingListQuery>;
export const meetingPage = paged(meetingListItem);

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export const calendarQuery = z.strictObject({ under: id.optional(), month });
export const meetingCalendar = z.object({ month, items: z.array(meetingListItem), truncated: z.boolean() });
export type MeetingCalendar = z.infer<typeof meetingCalendar>;

export const attendee = z.object({
  memberId: id,
  name: z.string(),
  category: z.enum(memberCategories.keys),
  /** Entitled to vote at this meeting: a full member on its day (or any attendee where the kind's rule says so). */
  hasVote: z.boolean(),
  status: z.enum(attendanceStatuses.keys),
  reason: z.string().nullable(),
  /** Set when the member checked in themselves; corrections by an administrator leave it empty. */
  checkedInAt: z.string().nullable(),
});
export type Attendee = z.infer<typeof attendee>;

export const observerInput = z.strictObject({
  name: required(orglifeLimits.person),
  fromOrg: required(orglifeLimits.title),
  notes: text(2000).optional(),
  rating: z.enum(observerRatings.keys).optional(),
});
export type ObserverInput = z.infer<typeof observerInput>;
export const observer = z.object({
  id,
  name: z.string(),
  fromOrg: z.string(),
  notes: z.string().nullable(),
  rating: z.enum(observerRatings.keys).nullable(),
});
export type Observer = z.infer<typeof observer>;
export const observerParams = z.strictObject({ id, observerId: id });

export const resolutionInput = z.strictObject({
  title: required(500),
  votesFor: count,
  votesAgainst: count,
  votesAbstain: count,
  /** Written opinions handed in beforehand by absent voters, already counted in the votes above. */
  writtenOpinions: count.default(0),
});
export type ResolutionInput = z.input<typeof resolutionInput>;
export const resolution = z.object({
  id,
  title: z.string(),
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  votesAbstain: z.number().int(),
  writtenOpinions: z.number().int(),
  /** Expected attendees entitled to vote, and those of them present, when the vote was recorded. */
  entitled: z.number().int(),
  presentVoters: z.number().int(),
  passed: z.boolean(),
  ruleSource: z.string(),
});
export type Resolution = z.infer<typeof resolution>;
export const resolutionParams = z.strictObject({ id, resolutionId: id });

const grade = z.enum(reviewGrades.keys);
export const reviewsInput = z.strictObject({
  grades: z
    .array(z.strictObject({ memberId: id, selfGrade: grade.optional(), peerGrade: grade.optional(), grade }))
    .max(1000)
    .refine((rows) => new Set(rows.map((r) => r.memberId)).size === rows.length, '同一党员只能有一条评议结果'),
});
export type ReviewsInput = z.infer<typeof reviewsInput>;
export const review = z.object({ memberId: id, name: z.string(), selfGrade: grade.nullable(), peerGrade: grade.nullable(), grade });
export type Review = z.infer<typeof review>;

export const attachment = z.object({
  id,
  kind: z.enum(attachmentKinds.keys),
  name: z.string(),
  contentType: z.enum(Object.keys(attachmentTypes) as [AttachmentType, ...AttachmentType[]]),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof attachment>;
/** The file itself is the request body, sent with its own content type; name and kind ride in the query. */
export const attachmentUploadQuery = z.strictObject({ name: required(200), kind: z.enum(attachmentKinds.keys).default('photo') });
export const attachmentParams = z.strictObject({ id, attachmentId: id });

export const voteRule = z.object({ source: z.string(), text: z.string(), voters: z.enum(['fullMembers', 'attendees']) });

export const meetingDetail = meetingListItem.extend({
  orgPathNames: z.array(z.string()),
  hostName: z.string().nullable(),
  recorderName: z.string().nullable(),
  agenda: z.array(z.string()),
  firstTopic: z.string().nullable(),
  /** Whether the kind's record must open with the first agenda item (rules/meetings.ts). */
  firstTopicRequired: z.boolean(),
  minutes: z.string().nullable(),
  theme: z.string().nullable(),
  speakerName: z.string().nullable(),
  speakerIsLeadingCadre: z.boolean(),
  rectifications: z.array(rectification),
  version,
  /** How this kind of meeting votes; null where it takes no votes. */
  voteRule: voteRule.nullable(),
  attendance: z.array(attendee),
  observers: z.array(observer),
  resolutions: z.array(resolution),
  reviews: z.array(review),
  attachments: z.array(attachment),
  /** The caller may edit the record (and display the check-in code). */
  canWrite: z.boolean(),
  /** The check-in link's token and window; shown only to those who may edit. */
  checkin: z.object({ token: z.string(), opensAt: z.string(), closesAt: z.string() }).nullable(),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

export const attendanceParams = z.strictObject({ id, memberId: id });
export const attendanceCorrection = z
  .strictObject({ status: z.enum(attendanceStatuses.keys), reason: text(orglifeLimits.reason).optional() })
  .superRefine((value, ctx) => {
    if (value.status === 'leave' && !value.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请假须写明事由' });
  });
export type AttendanceCorrection = z.infer<typeof attendanceCorrection>;
export const attendanceCounts = z.object({ expectedCount: z.number().int(), presentCount: z.number().int(), version });

// ── Check-in (扫码签到) ──────────────────────────────────────────
export const checkinParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '签到码无效') });
export const checkinStates = ['open', 'notYet', 'closed', 'cancelled'] as const;
export const checkinInfo = z.object({
  meetingId: id,
  title: z.string(),
  kind: meetingKind,
  orgName: z.string(),
  place: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(checkinStates),
  /** The signed-in user's login is linked to a member record. */
  linked: z.boolean(),
  /** That member is (or, checking in, would become) one of the meeting's expected attendees. */
  expected: z.boolean(),
  checkedInAt: z.string().nullable(),
});
export type CheckinInfo = z.infer<typeof checkinInfo>;
export const checkinResult = z.object({ meetingId: id, title: z.string(), checkedInAt: z.string(), alreadyCheckedIn: z.boolean() });
export type CheckinResult = z.infer<typeof checkinResult>;

// ── Attendance rates ───────────────────────────────────────────────
export const ratesQuery = pageQuery.extend({ under: id.optional(), from: isoDate, to: isoDate });
export type RatesQuery = z.infer<typeof ratesQuery>;
const rate = z.number().nullable();
export const orgRate = z.object({
  orgId: id,
  orgName: z.string(),
  meetings: z.number().int(),
  expected: z.number().int(),
  present: z.number().int(),
  rate,
});
export const orgRatePage = paged(orgRate);
export const memberRate = z.object({
  memberId: id,
  name: z.string(),
  orgName: z.string(),
  meetings: z.number().int(),
  present: z.number().int(),
  leave: z.number().int(),
  absent: z.number().int(),
  rate,
});
export const memberRatePage = paged(memberRate);

/** The signed-in member's own meetings. */
export const myMeetingsQuery = pageQuery;
export const myMeeting = z.object({
  meetingId: id,
  title: z.string(),
  kind: meetingKind,
  orgName: z.string(),
  startsAt: z.string(),
  meetingStatus: z.enum(meetingStatuses.keys),
  status: z.enum(attendanceStatuses.keys),
  checkedInAt: z.string().nullable(),
});
export const myMeetingPage = paged(myMeeting).extend({ linked: z.boolean() });
