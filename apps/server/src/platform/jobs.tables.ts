import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The scheduler's jobs: when each runs next and who holds its lease. A node claims a due job by setting
 * `locked_until`; another node skips it until the lease has passed, so a crashed node's job is taken over.
 */
export const jobs = pgTable('jobs', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  lockedBy: text('locked_by'),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
});
