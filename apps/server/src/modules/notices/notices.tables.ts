import type { NoticeKind, WebhookDeliveryState, WebhookFormat } from '@hangbiao/shared/glossary';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.tables';
import { users } from '../users/users.tables';

/**
 * A user's inbox. One row per user and subject (`compliance:<org>:<month due>`, `term:<org>:<due day>`,
 * `digest:<week>`): the reminder job creates it once, updates it while its subject changes and resolves it
 * when the subject is settled, so nobody is told the same thing every day.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').references(() => orgs.id),
    kind: text('kind').$type<NoticeKind>().notNull(),
    subject: text('subject').notNull(),
    severity: text('severity').$type<'info' | 'warning' | 'danger'>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    /** The keys of what the item lists (cells, terms); a new key or a worse severity makes it unread again. */
    items: jsonb('items').$type<string[]>().notNull().default([]),
    readAt: timestamp('read_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('notices_user_subject_uq').on(t.userId, t.subject), index('notices_user_open_idx').on(t.userId, t.resolvedAt, t.updatedAt)],
);

/** Enterprise chat robots (WeCom, DingTalk, Feishu) that receive the reminder summaries of an org subtree. */
export const noticeWebhooks = pgTable(
  'notice_webhooks',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    /** The address carries the robot's key: sealed at rest, shown masked. */
    urlSealed: text('url_sealed').notNull(),
    urlMasked: text('url_masked').notNull(),
    format: text('format').$type<WebhookFormat>().notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notice_webhooks_org_idx').on(t.orgId)],
);

/** The delivery log: every message queued for a webhook, its attempts and outcome. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    committeeId: uuid('committee_id').notNull(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => noticeWebhooks.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    /** What the message is about when it must go once only, e.g. `digest:2026-W48`. */
    subject: text('subject'),
    state: text('state').$type<WebhookDeliveryState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.state, t.nextAttemptAt),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
    uniqueIndex('webhook_deliveries_subject_uq').on(t.webhookId, t.subject),
  ],
);
