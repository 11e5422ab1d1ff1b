import type { MeetingKind } from '@hangbiao/shared/glossary';
import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.tables';

/**
 * Approved exemptions from organisational-life requirements (e.g. a branch being reorganised): the days they
 * cover are not owed, and the pro-rating rule decides what remains. Exemptions of one org never overlap for a
 * kind, so their days add up. Not edited: withdrawn and recorded again, both audited.
 */
export const orglifeExemptions = pgTable(
  'orglife_exemptions',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** Null exempts every kind. */
    kind: text('kind').$type<MeetingKind>(),
    /** First day of the first month and last day of the last month covered. */
    fromOn: date('from_on').notNull(),
    toOn: date('to_on').notNull(),
    reason: text('reason').notNull(),
    approvedBy: text('approved_by').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('orglife_exemptions_org_idx').on(t.orgId, t.fromOn)],
);
