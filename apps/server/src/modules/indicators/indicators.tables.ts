import type { MeetingKind, RequirementPeriod } from '@hangbiao/shared/glossary';
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgSequence, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../members/members.tables';

/**
 * A rollup of the dues tables for the dues figures: per member and calendar year, running totals through each month
 * (12 entries, January first) of what was due, what was paid, what was paid towards what was due, and of the months
 * with something due and with something paid; a period's sums are then two array reads per member. Triggers keep it
 * in the transaction of every change to bases, reliefs, payments or a member's join date (migration 0019), through
 * the next calendar year, and a daily job extends it into a new year; so it is never stale.
 */
export const duesMemberYears = pgTable(
  'dues_member_years',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    committeeId: uuid('committee_id').notNull(),
    expectedFen: bigint('expected_fen', { mode: 'number' }).array().notNull(),
    paidFen: bigint('paid_fen', { mode: 'number' }).array().notNull(),
    coveredFen: bigint('covered_fen', { mode: 'number' }).array().notNull(),
    dueMonths: integer('due_months').array().notNull(),
    paidMonths: integer('paid_months').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.year] }), index('dues_member_years_committee_idx').on(t.committeeId, t.year)],
);

/**
 * A rollup of held meetings for the meeting and attendance figures of whole units: per unit (the path of the org at
 * depth 1 over the meeting's org, or the committee's own path for its own meetings) and month, the meetings held, and
 * of those with expected attendees, how many and their expected and present person-times. Triggers keep it in the
 * transaction of every change to a meeting and of every org moved to another unit (migration 0025), so it is never
 * stale; months without a held meeting have no row.
 */
export const meetingUnitMonths = pgTable(
  'meeting_unit_months',
  {
    /** Collation "C" (migration 0025), as orgs' paths: a scope is a prefix range of the key. */
    unitPath: text('unit_path').notNull(),
    month: date('month').notNull(),
    held: integer('held').notNull(),
    rated: integer('rated').notNull(),
    expected: bigint('expected', { mode: 'number' }).notNull(),
    present: bigint('present', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitPath, t.month] })],
);

/**
 * A rollup of the registry per org for the member count of whole units: the members in the registry (not deleted, in a
 * registry status) of each org. Triggers add each change's difference in its transaction (migration 0031): a member
 * added, removed, moved to another org, or changed in status; orgs with none have no row. So it is never stale.
 */
export const memberOrgCounts = pgTable('member_org_counts', {
  orgId: uuid('org_id').primaryKey(),
  members: integer('members').notNull(),
});

/**
 * A rollup of the missed-requirements figure: the requirement cells left unmet (fewer meetings held than owed) of every
 * org, for the periods falling due from `rolled_from` to `rolled_until` (`compliance_rollup_state`), judged by the rules
 * `rules` names. A cell is missed once `closes_on` (the due day plus the grace days) has passed, so the rows hold
 * whatever the day. An org whose inputs change (meetings held, exemptions, its own dates and kind, its full members) is
 * marked in `compliance_dirty_orgs` in the same transaction (migration 0029); the figure judges marked orgs from the
 * records, so it is never stale, and a job re-judges them into the rollup every minute.
 */
export const complianceMisses = pgTable(
  'compliance_misses',
  {
    orgId: uuid('org_id').notNull(),
    /** The org's path when judged (collation "C", as orgs' paths): moving an org marks it, so a kept row's path is current. */
    orgPath: text('org_path').notNull(),
    kind: text('kind').$type<MeetingKind>().notNull(),
    period: text('period').$type<RequirementPeriod>().notNull(),
    periodFrom: date('p_from').notNull(),
    dueOn: date('due_on').notNull(),
    closesOn: date('closes_on').notNull(),
    required: integer('required').notNull(),
    held: integer('held').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.kind, t.dueOn] }),
    // What the figure reads of a year's cells, from this index alone (a province's 70,000 rows lie all over the table).
    index('compliance_misses_due_idx').on(t.dueOn, t.closesOn, t.orgId, t.orgPath),
  ],
);

/**
 * The same unmet cells counted per unit (`unit_path_of` the org's path, migration 0025), due day and grace end: what
 * the figure of whole units reads. Written with `compliance_misses`, in the same transactions, by the differences of
 * the rows removed and added there; totals at zero are removed.
 */
export const complianceUnitMisses = pgTable(
  'compliance_unit_misses',
  {
    /** Collation "C" (migration 0033), as orgs' paths. */
    unitPath: text('unit_path').notNull(),
    dueOn: date('due_on').notNull(),
    closesOn: date('closes_on').notNull(),
    misses: integer('misses').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitPath, t.dueOn, t.closesOn] }), index('compliance_unit_misses_due_idx').on(t.dueOn, t.closesOn, t.unitPath, t.misses)],
);

export const complianceRollupState = pgTable('compliance_rollup_state', {
  rules: text('rules').primaryKey(),
  rolledFrom: date('rolled_from').notNull(),
  rolledUntil: date('rolled_until').notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each mark takes a new number, so a refresh clears only the marks it read: a later change keeps its org marked. */
export const complianceDirtyMarks = pgSequence('compliance_dirty_marks');

export const complianceDirtyOrgs = pgTable('compliance_dirty_orgs', {
  orgId: uuid('org_id').primaryKey(),
  marked: bigint('marked', { mode: 'number' }).notNull().default(sql`nextval('compliance_dirty_marks')`),
});
