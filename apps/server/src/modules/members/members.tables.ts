import type { Education, Ethnicity, ExitKind, Gender, JobPost, MemberCategory, MemberEventKind, MemberStatus } from '@hangbiao/shared/glossary';
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.tables';

/**
 * The member registry (党员名册). ID number, phone and address are stored sealed (AES-GCM); the ID number
 * also as a keyed hash, unique per committee, and as its masked form, so lists never decrypt.
 */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    /** Full pinyin without tones or spaces (zhangsan) and initials (zs), for search and pinyin order. */
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender').$type<Gender>().notNull(),
    ethnicity: text('ethnicity').$type<Ethnicity>().notNull(),
    birthDate: date('birth_date').notNull(),
    idNumberSealed: text('id_number_sealed').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    education: text('education').$type<Education>().notNull(),
    category: text('category').$type<MemberCategory>().notNull(),
    joinedOn: date('joined_on').notNull(),
    fullOn: date('full_on'),
    jobPost: text('job_post').$type<JobPost>().notNull(),
    rank: text('rank'),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    addressSealed: text('address_sealed'),
    status: text('status').$type<MemberStatus>().notNull().default('active'),
    statusSince: date('status_since').notNull(),
    exitKind: text('exit_kind').$type<ExitKind>(),
    mobileDestination: text('mobile_destination'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('members_org_idx').on(t.orgId, t.category),
    // Full members per org over a whole committee (compliance), counted from this index alone in org order.
    index('members_committee_org_idx').on(t.committeeId, t.orgId, t.category, t.status).where(sql`${t.deletedAt} is null`),
    // Live records only: a record deleted as entered by mistake frees its ID number for the correct entry.
    uniqueIndex('members_id_number_uq').on(t.committeeId, t.idNumberHash).where(sql`${t.deletedAt} is null`),
    // name, name_pinyin and name_initials are collated "C" (migration 0004): one btree serves prefix search and pinyin order.
    // Carries what a name search filters on, so counting its matches reads the index alone.
    index('members_name_idx').on(t.committeeId, t.name, t.namePinyin, t.status).where(sql`${t.deletedAt} is null`),
    // A search by letters is two ranges, of these two indexes; each carries the status and the pinyin order, so both
    // its page and its capped count read the indexes alone.
    index('members_pinyin_idx').on(t.committeeId, t.namePinyin, t.id, t.status).where(sql`${t.deletedAt} is null`),
    index('members_initials_idx').on(t.committeeId, t.nameInitials, t.namePinyin, t.id, t.status).where(sql`${t.deletedAt} is null`),
    // The committee-wide list sorted by date reads the first page off these instead of sorting a million rows.
    index('members_joined_idx').on(t.committeeId, t.joinedOn),
    index('members_birth_idx').on(t.committeeId, t.birthDate),
    // A code filter over the whole committee (status, category, education) reads its rows in pinyin order from one
    // of these, and the capped count stops after 10,000 of them, however rare the value. The status last lets that
    // count (of members in the registry) read the index alone: 7 ms instead of 50–70 for a province.
    index('members_status_list_idx').on(t.committeeId, t.status, t.namePinyin, t.id).where(sql`${t.deletedAt} is null`),
    index('members_category_status_idx').on(t.committeeId, t.category, t.namePinyin, t.id, t.status).where(sql`${t.deletedAt} is null`),
    // Gender last: education and gender, filtered together, count from this index alone.
    index('members_education_status_idx').on(t.committeeId, t.education, t.namePinyin, t.id, t.status, t.gender).where(sql`${t.deletedAt} is null`),
  ],
);

/**
 * The member list's totals over a whole committee, per combination of the codes it filters on: a list with no search
 * and no narrower scope counts exactly from these few rows instead of walking an index up to the cap. The members
 * trigger adds each change's differences in its transaction (migration 0037); deleted records are not counted.
 */
export const memberListCounts = pgTable(
  'member_list_counts',
  {
    committeeId: uuid('committee_id').notNull(),
    status: text('status').$type<MemberStatus>().notNull(),
    category: text('category').$type<MemberCategory>().notNull(),
    education: text('education').$type<Education>().notNull(),
    gender: text('gender').$type<Gender>().notNull(),
    members: integer('members').notNull(),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.status, t.category, t.education, t.gender] })],
);

/** A member's history: registration, status changes, org changes (transfers) and conversion. */
export const memberEvents = pgTable(
  'member_events',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    kind: text('kind').$type<MemberEventKind>().notNull(),
    occurredOn: date('occurred_on').notNull(),
    fromOrgId: uuid('from_org_id').references(() => orgs.id),
    toOrgId: uuid('to_org_id').references(() => orgs.id),
    fromStatus: text('from_status').$type<MemberStatus>(),
    toStatus: text('to_status').$type<MemberStatus>(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('member_events_member_idx').on(t.memberId, t.occurredOn)],
);
