import type { OrgEventKind, OrgKind, Post, RegionLevel, UnitType } from '@hangbiao/shared/glossary';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type').$type<UnitType>().notNull(),
    regionLevel: text('region_level').$type<RegionLevel>().notNull(),
    regionName: text('region_name').notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('units_committee_name_uq').on(t.committeeId, t.name)],
);

export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    parentId: uuid('parent_id'),
    /** Materialized path of ids, `/root/…/self/`: a subtree is a prefix match (collation "C", set in migration 0002). */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    kind: text('kind').$type<OrgKind>().notNull(),
    name: text('name').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    establishedOn: date('established_on').notNull(),
    dissolvedOn: date('dissolved_on'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** Kept current so the tree browser never counts children per node. */
    childCount: integer('child_count').notNull().default(0),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('orgs_path_idx').on(t.path),
    index('orgs_parent_idx').on(t.parentId, t.name),
    index('orgs_unit_idx').on(t.unitId),
    index('orgs_committee_name_idx').on(t.committeeId, t.name),
  ],
);

/** Units covered by a joint branch (联合党支部). */
export const orgUnits = pgTable(
  'org_units',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    committeeId: uuid('committee_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.unitId] })],
);

/** How an org looked over time: one row per stretch of unchanged name and parent. */
export const orgVersions = pgTable(
  'org_versions',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    kind: text('kind').$type<OrgKind>().notNull(),
    validFrom: date('valid_from').notNull(),
    /** Exclusive; null while current. */
    validTo: date('valid_to'),
  },
  (t) => [index('org_versions_org_idx').on(t.orgId, t.validFrom), index('org_versions_parent_idx').on(t.parentId, t.validFrom)],
);

export const orgEvents = pgTable(
  'org_events',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').$type<OrgEventKind>().notNull(),
    occurredOn: date('occurred_on').notNull(),
    /** What changed, e.g. { from, to } names or parent ids, related orgs of a merge or split. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    summary: text('summary').notNull(),
    note: text('note'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('org_events_org_idx').on(t.orgId, t.occurredOn)],
);

export const orgPosts = pgTable(
  'org_posts',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    post: text('post').$type<Post>().notNull(),
    holderName: text('holder_name').notNull(),
    termStart: date('term_start').notNull(),
    /** When the term is due for renewal, from the term rule in force at its start. */
    termEnd: date('term_end'),
    endedOn: date('ended_on'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('org_posts_org_idx').on(t.orgId, t.endedOn)],
);
