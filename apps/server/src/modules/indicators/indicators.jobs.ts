import { sql } from 'drizzle-orm';
import { type JobDefinition, nextShanghaiTime } from '../../platform/jobs';

/**
 * The figures' jobs, each run at start and daily. The dues rollup reaches into the coming year for members whose rows
 * end this year (the triggers write through next year on every change, so this only reaches members untouched for a
 * year). The planner's statistics are refreshed: the figures join a committee's largest tables, and embedded PGlite
 * runs no autovacuum, so without this a freshly loaded database plans them a hundred times slower (PostgreSQL's own
 * autovacuum makes it redundant there, and cheap: ANALYZE samples each table).
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
  {
    name: 'indicators.statistics',
    next: (from) => nextShanghaiTime(from, 3),
    leaseMs: 30 * 60_000,
    run: async (ctx) => {
      await ctx.db.execute(sql`analyze`);
    },
  },
];
