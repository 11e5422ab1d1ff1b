import { type JobDefinition, nextShanghaiTime } from '../../platform/jobs';
import { generateReminders } from './notices-reminders.service';
import { deliverWebhooks } from './notices-webhooks.service';

/** Reminders are computed every morning before office hours; queued chat messages go out every minute. */
export const noticeJobs: JobDefinition[] = [
  {
    name: 'notices.reminders',
    next: (from) => nextShanghaiTime(from, 7),
    leaseMs: 30 * 60_000,
    run: async (ctx) => {
      await generateReminders(ctx);
    },
  },
  {
    name: 'notices.webhooks',
    next: (from) => new Date(from.getTime() + 60_000),
    leaseMs: 10 * 60_000,
    run: async (ctx) => {
      await deliverWebhooks(ctx);
    },
  },
];
