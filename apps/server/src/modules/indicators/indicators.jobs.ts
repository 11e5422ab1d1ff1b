import { shanghaiDate } from '@hangbiao/shared/dates';
import { sql } from 'drizzle-orm';
import { isEmbedded } from '../../db/client';
import { type JobDefinition, nextShanghaiTime } from '../../platform/jobs';
import { refreshMissedRollup } from '../orglife/orglife-missed.service';

/**
 * The figures' jobs. The dues rollup, at start and daily, reaches into the coming year for members whose rows end this
 * year (the triggers write through next year on every change, so this only reaches members untouched for a year). The
 * planner's statistics, daily: embedded PGlite runs no autovacuum, and without them a grown database plans the figures
 * a hundred times slower (on PostgreSQL autovacuum makes it redundant, and it is cheap: ANALYZE samples each table).
 * On PGlite the job vacuums too, as autovacuum would: dead rows are reclaimed, and pages marked all-visible let index-only
 * scans skip the table (a city's missed-requirements figure 120 → 85 ms). The missed-requirements rollup, every
 * minute: its figure judges the orgs marked since from the records, which is exact but slower the more there are.
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
    name: 'indicators.missedRollup',
    next: (from) => new Date(from.getTime() + 60_000),
    leaseMs: 30 * 60_000,
    run: async (ctx) => {
      await refreshMissedRollup(ctx.db, shanghaiDate(ctx.now));
    },
  },
  {
    name: 'indicators.statistics',
    next: (from) => nextShanghaiTime(from, 3),
    // Not at start: on PGlite it holds the only connection for seconds; a bulk load analyses when it finishes.
    notAtStart: true,
    leaseMs: 30 * 60_000,
    run: async (ctx) => {
      await ctx.db.execute(isEmbedded(ctx.db) ? sql`vacuum analyze` : sql`analyze`);
    },
  },
];
