import type { StepData, StepDocument } from '@hangbiao/shared/contracts/development';
import type { DevelopmentStage, DevelopmentStatus, Education, Ethnicity, Gender, JobPost } from '@hangbiao/shared/glossary';
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.tables';
import { members } from './members.tables';

/**
 * 发展党员: one person's way into the Party, from the application to conversion, in the branch responsible.
 * The person is not yet a member, so the record keeps their own fields, sealed like the registry's; on admission
 * a member record is made from them. Stage, probation end and the next deadline are kept current with every step.
 */
export const developmentCases = pgTable(
  'development_cases',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender').$type<Gender>().notNull(),
    ethnicity: text('ethnicity').$type<Ethnicity>().notNull(),
    birthDate: date('birth_date').notNull(),
    idNumberSealed: text('id_number_sealed').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    education: text('education').$type<Education>().notNull(),
    jobPost: text('job_post').$type<JobPost>().notNull(),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    appliedOn: date('applied_on').notNull(),
    stage: text('stage').$type<DevelopmentStage>().notNull(),
    status: text('status').$type<DevelopmentStatus>().notNull().default('active'),
    memberId: uuid('member_id').references(() => members.id),
    probationEndsOn: date('probation_ends_on'),
    expectedLeaveOn: date('expected_leave_on'),
    /** The nearest deadline of the case and its step, recomputed on every write: lists filter and sort by it. */
    nextDueOn: date('next_due_on'),
    nextDueStep: integer('next_due_step'),
    closedOn: date('closed_on'),
    closeReason: text('close_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('development_cases_org_idx').on(t.orgId, t.stage),
    index('development_cases_due_idx').on(t.committeeId, t.nextDueOn),
    // One open case per person; a stopped one may be followed by a new application.
    uniqueIndex('development_cases_person_uq').on(t.committeeId, t.idNumberHash).where(sql`${t.status} in ('active', 'admitted')`),
  ],
);

/** Each step done: when, by which org, with which documents and what it decided (sponsors, votes, training …). */
export const developmentStepRecords = pgTable(
  'development_steps',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => developmentCases.id),
    /** The order of recording within the case (1, 2, …), taken under the case's row lock. */
    seq: integer('seq').notNull(),
    step: integer('step').notNull(),
    doneOn: date('done_on').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    documents: jsonb('documents').$type<StepDocument[]>().notNull().default([]),
    note: text('note'),
    data: jsonb('data').$type<StepData>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('development_steps_case_seq_uq').on(t.caseId, t.seq)],
);
