import { sql } from 'drizzle-orm';
import { type JobDefinition, nextShanghaiTime } from '../../platform/jobs';

/**
 * Extends the dues rollup into the coming year for members whose rows end this year (the triggers write through
 * next year on every change, so this only reaches members without one for a year): runs at start and daily.
 */
export const indicatorJobs: JobDefinition[] = [
  {
    name: 'indicators.duesRollupYear',
    next: (from) => nextShanghaiTime(from, 0, 30),
    leaseMs: 30 * 60_000,
    run: async (ctx) => {
      await ctx.db.execute(sql`select refresh_dues_member_years(array(
        select member_id from dues_member_years group by member_id
        having max(year) <= extract(year from ${ctx.now.toISOString()}::timestamptz at time zone 'Asia/Shanghai')::int))`);
    },
  },
];
