import type { MemberCategory } from '@hangbiao/shared/glossary';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.tables';

/** The registry's core: who belongs to which org. The full member record extends this table. */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    category: text('category').$type<MemberCategory>().notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('members_org_idx').on(t.orgId, t.category)],
);
