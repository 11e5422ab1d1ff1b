import type { AttachmentType, Rectification } from '@hangbiao/shared/contracts/orglife';
import type { AttachmentKind, AttendanceStatus, MeetingKind, MeetingStatus, ObserverRating, ReviewGrade } from '@hangbiao/shared/glossary';
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';

/**
 * Meetings of every kind of organisational life. `expected_count` and `present_count` are kept in the same
 * transaction as the attendance rows they count, so figures read them instead of re-aggregating attendance.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').$type<MeetingKind>().notNull(),
    status: text('status').$type<MeetingStatus>().notNull().default('planned'),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** The Asia/Shanghai date of `starts_at`: the day compliance periods count the meeting on. */
    heldOn: date('held_on').notNull(),
    place: text('place'),
    hostName: text('host_name'),
    recorderName: text('recorder_name'),
    expectedCount: integer('expected_count').notNull().default(0),
    presentCount: integer('present_count').notNull().default(0),
    /** The random part of the check-in link `/checkin/<token>` that the meeting's QR code carries (rows written elsewhere get one by default). */
    checkinToken: text('checkin_token').notNull().default(sql`replace(gen_random_uuid()::text, '-', '')`),
    agenda: jsonb('agenda').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** 第一议题: what was studied first. */
    firstTopic: text('first_topic'),
    /** Main points of the discussion, dissent included. */
    minutes: text('minutes'),
    theme: text('theme'),
    speakerName: text('speaker_name'),
    speakerIsLeadingCadre: boolean('speaker_is_leading_cadre').notNull().default(false),
    /** An org-life meeting's rectification list (整改清单). */
    rectifications: jsonb('rectifications').$type<Rectification[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meetings_org_kind_idx').on(t.orgId, t.kind, t.heldOn),
    index('meetings_committee_day_idx').on(t.committeeId, t.heldOn),
    // The compliance matrix reads a committee's meetings grouped by org from this index alone, already in org order:
    // a province's year (1.2 million meetings) without a sort or a heap visit.
    index('meetings_committee_org_idx').on(t.committeeId, t.orgId, t.heldOn, t.kind, t.status),
    uniqueIndex('meetings_checkin_token_uq').on(t.checkinToken),
  ],
);

/** One row per expected attendee (and any other member who came); unique per meeting and member. */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    status: text('status').$type<AttendanceStatus>().notNull(),
    reason: text('reason'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_attendance_uq').on(t.meetingId, t.memberId), index('meeting_attendance_member_idx').on(t.memberId)],
);

/** People attending without being expected members (列席): observers the committee sends to a central-group session. */
export const meetingObservers = pgTable(
  'meeting_observers',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    fromOrg: text('from_org').notNull(),
    notes: text('notes'),
    rating: text('rating').$type<ObserverRating>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_observers_meeting_idx').on(t.meetingId)],
);

/** A resolution put to the vote, with its counts and the entitled/present figures it was judged on. */
export const meetingResolutions = pgTable(
  'meeting_resolutions',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    votesFor: integer('votes_for').notNull(),
    votesAgainst: integer('votes_against').notNull(),
    votesAbstain: integer('votes_abstain').notNull(),
    writtenOpinions: integer('written_opinions').notNull(),
    entitled: integer('entitled').notNull(),
    presentVoters: integer('present_voters').notNull(),
    passed: boolean('passed').notNull(),
    ruleSource: text('rule_source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_resolutions_meeting_idx').on(t.meetingId)],
);

/** Democratic review grades (民主评议): one row per member reviewed at the meeting. */
export const meetingReviews = pgTable(
  'meeting_reviews',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    selfGrade: text('self_grade').$type<ReviewGrade>(),
    peerGrade: text('peer_grade').$type<ReviewGrade>(),
    grade: text('grade').$type<ReviewGrade>().notNull(),
  },
  (t) => [uniqueIndex('meeting_reviews_uq').on(t.meetingId, t.memberId), index('meeting_reviews_member_idx').on(t.memberId)],
);

/** Photos and scans of a meeting; the bytes live once per content hash under DATA_DIR/files (platform/files.ts). */
export const meetingAttachments = pgTable(
  'meeting_attachments',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AttachmentKind>().notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').$type<AttachmentType>().notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_attachments_meeting_idx').on(t.meetingId), index('meeting_attachments_sha_idx').on(t.sha256)],
);
