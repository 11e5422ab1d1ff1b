import { bigint, index, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
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
