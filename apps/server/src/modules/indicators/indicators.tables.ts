import { bigint, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
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
