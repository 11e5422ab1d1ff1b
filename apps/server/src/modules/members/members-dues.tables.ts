import type { DuesCategory, DuesPaymentMethod, DuesReliefKind, SpecialDuesReason } from '@hangbiao/shared/glossary';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.tables';
import { members } from './members.tables';

/** Rows edited in place: a version for optimistic concurrency, and when they were created and last changed. */
const editable = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** The member a row is about, and the org it is kept at (each table says which org that is). */
const memberAtOrg = {
  orgId: uuid('org_id')
    .notNull()
    .references(() => orgs.id),
  memberId: uuid('member_id')
    .notNull()
    .references(() => members.id),
};

/**
 * A member's dues base (党费基数) from a month on, until the next row, kept at the member's org when it was set.
 * Months are stored as their first day.
 * The monthly amount and the rule that gave it are reckoned by the shared calculator when the row is written,
 * so ledgers read them instead of running the rules per row.
 */
export const duesBases = pgTable(
  'dues_bases',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    ...memberAtOrg,
    effectiveMonth: date('effective_month').notNull(),
    category: text('category').$type<DuesCategory>().notNull(),
    baseFen: integer('base_fen'),
    fixedFen: integer('fixed_fen'),
    monthlyFen: integer('monthly_fen').notNull(),
    ruleKey: text('rule_key').notNull(),
    ruleText: text('rule_text').notNull(),
    ruleSource: text('rule_source').notNull(),
    confirmedOn: date('confirmed_on').notNull(),
    note: text('note'),
    ...editable,
  },
  (t) => [
    uniqueIndex('dues_bases_member_month_uq').on(t.memberId, t.effectiveMonth),
    // The base in force of each member of a ledger, with what the ledger reads of it, from the index alone.
    index('dues_bases_member_month_idx').on(t.memberId, t.effectiveMonth, t.id, t.monthlyFen, t.confirmedOn),
  ],
);

/** Hardship relief (少交/免交): decided by the branch it is kept at, approved one level up, for a span of months. */
export const duesReliefs = pgTable(
  'dues_reliefs',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    ...memberAtOrg,
    kind: text('kind').$type<DuesReliefKind>().notNull(),
    /** The reduced amount; null when exempt. */
    monthlyFen: integer('monthly_fen'),
    fromMonth: date('from_month').notNull(),
    /** Inclusive; null while open. */
    toMonth: date('to_month'),
    reason: text('reason').notNull(),
    decidedOn: date('decided_on').notNull(),
    approvedByOrgId: uuid('approved_by_org_id')
      .notNull()
      .references(() => orgs.id),
    approvedOn: date('approved_on').notNull(),
    ...editable,
  },
  (t) => [index('dues_reliefs_member_idx').on(t.memberId, t.fromMonth)],
);

/**
 * One member's dues for one month, kept at the org that collected them. `expected_fen` follows the bases and reliefs
 * (kept current when either changes), so a ledger compares it with `paid_fen` without recomputing.
 */
export const duesPayments = pgTable(
  'dues_payments',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    ...memberAtOrg,
    month: date('month').notNull(),
    expectedFen: integer('expected_fen').notNull(),
    paidFen: integer('paid_fen').notNull(),
    paidOn: date('paid_on').notNull(),
    method: text('method').$type<DuesPaymentMethod>().notNull(),
    ...editable,
  },
  (t) => [
    uniqueIndex('dues_payments_member_month_uq').on(t.memberId, t.month),
    index('dues_payments_org_idx').on(t.orgId, t.month),
    // A month's payments of a whole committee, which a city's ledger reads at once from the index alone.
    index('dues_payments_committee_month_idx').on(t.committeeId, t.month, t.memberId, t.id, t.paidFen),
  ],
);

/** A call for special dues (特殊党费), e.g. after a disaster: voluntary gifts, never a quota. */
export const specialDuesCampaigns = pgTable(
  'special_dues_campaigns',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    /** The org that called for it. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    reason: text('reason').$type<SpecialDuesReason>().notNull(),
    description: text('description'),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    ...editable,
  },
  (t) => [index('special_dues_campaigns_committee_idx').on(t.committeeId, t.startedOn)],
);

/** A member's gift to a call, kept at the member's org when giving; unit totals go through its unit. */
export const specialDuesContributions = pgTable(
  'special_dues_contributions',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => specialDuesCampaigns.id),
    ...memberAtOrg,
    amountFen: integer('amount_fen').notNull(),
    paidOn: date('paid_on').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('special_dues_contributions_campaign_idx').on(t.campaignId, t.orgId), index('special_dues_contributions_member_idx').on(t.memberId)],
);
