import type { TransferKind, TransferReason, TransferState } from '@hangbiao/shared/glossary';
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.tables';
import { users } from '../users/users.tables';
import { members } from './members.tables';

/**
 * 组织关系转接: one row per transfer, from its start to its end. An org outside the system is a name only, so
 * `from_org_id` is empty for a letter in and `to_org_id` for a letter out.
 */
export const transfers = pgTable(
  'transfers',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    /** The org that started it: the source within the system or out of it, the destination of a letter in. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** Empty for a letter in until the member is registered. */
    memberId: uuid('member_id').references(() => members.id),
    personName: text('person_name').notNull(),
    kind: text('kind').$type<TransferKind>().notNull(),
    state: text('state').$type<TransferState>().notNull().default('pending'),
    reason: text('reason').$type<TransferReason>().notNull(),
    fromOrgId: uuid('from_org_id').references(() => orgs.id),
    toOrgId: uuid('to_org_id').references(() => orgs.id),
    outsideOrgName: text('outside_org_name'),
    letterNumber: text('letter_number'),
    issuedOn: date('issued_on').notNull(),
    arrivedOn: date('arrived_on'),
    endedOn: date('ended_on'),
    /** Fixed by the rule in force on `issued_on` (rules/transfers.ts), so a later rule change leaves it alone. */
    deadline: date('deadline').notNull(),
    endReason: text('end_reason'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('transfers_from_idx').on(t.fromOrgId, t.state, t.deadline),
    index('transfers_to_idx').on(t.toOrgId, t.state, t.deadline),
    index('transfers_committee_idx').on(t.committeeId, t.issuedOn),
    index('transfers_member_idx').on(t.memberId, t.issuedOn),
    // A member has at most one transfer under way: the old org manages them until it ends.
    uniqueIndex('transfers_member_pending_uq').on(t.memberId).where(sql`${t.state} = 'pending'`),
  ],
);
