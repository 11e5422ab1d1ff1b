import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { type Ctx, systemCtx } from './context';
import { jobs } from './jobs.tables';

export interface JobDefinition {
  name: string;
  /** When the job runs next after a run that started at `from`. */
  next(from: Date): Date;
  /** A job that must not run as the server starts runs first at `next(now)`; others run at once. */
  notAtStart?: true;
  /** How long a claim holds: another node takes the job over only after this, should this node die mid-run. */
  leaseMs: number;
  run(ctx: Ctx): Promise<void>;
}

/** After a failed run, the job is tried again this much later (or at its next regular time, if sooner). */
const retryMs = 10 * 60_000;

/** This process among the app nodes, for the `locked_by` column. */
export const nodeId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Runs each job that is due and not leased by another node, once, and returns the names it ran. A job is
 * claimed by one UPDATE of its row whose subquery locks it `for update skip locked`: of two nodes polling
 * at the same moment, one claims it and the other skips it; the lease then keeps others off until it ends.
 */
export async function runDueJobs(
  database: Pick<Database, 'db'>,
  config: Config,
  definitions: readonly JobDefinition[],
  options: { now?: Date; node?: string; onError?: (error: unknown, job: string) => void } = {},
) {
  const { db } = database;
  const now = options.now ?? new Date();
  const node = options.node ?? nodeId;
  if (definitions.length === 0) return [];
  await db
    .insert(jobs)
    .values(definitions.map((d) => ({ name: d.name, nextRunAt: d.notAtStart ? d.next(now) : now })))
    .onConflictDoNothing();
  const ran: string[] = [];
  for (const definition of definitions) {
    const leaseEnd = new Date(now.getTime() + definition.leaseMs);
    const claimed = await db.execute(sql`
      update jobs set locked_by = ${node}, locked_until = ${leaseEnd.toISOString()}, last_started_at = ${now.toISOString()}
      where name = (select name from jobs where name = ${definition.name} and next_run_at <= ${now.toISOString()}
        and (locked_until is null or locked_until < ${now.toISOString()}) for update skip locked)
      returning name`);
    if ((claimed as unknown as { rows: unknown[] }).rows.length === 0) continue;
    let error: string | null = null;
    try {
      await definition.run({ ...systemCtx(db, config), now });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      options.onError?.(e, definition.name);
    }
    const regular = definition.next(now);
    const retry = new Date(now.getTime() + retryMs);
    await db
      .update(jobs)
      .set({
        nextRunAt: error && retry < regular ? retry : regular,
        lockedBy: null,
        lockedUntil: null,
        lastFinishedAt: new Date(),
        lastError: error,
        runs: sql`${jobs.runs} + 1`,
      })
      .where(and(eq(jobs.name, definition.name), eq(jobs.lockedBy, node)));
    ran.push(definition.name);
  }
  return ran;
}

export interface Scheduler {
  stop(): Promise<void>;
}

/** Polls for due jobs every `pollMs` while the server runs; one poll at a time. */
export function startScheduler(
  database: Pick<Database, 'db'>,
  config: Config,
  definitions: readonly JobDefinition[],
  options: { pollMs?: number; onError?: (error: unknown, job: string) => void } = {},
): Scheduler {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const poll = () => {
    if (busy) return;
    busy = true;
    running = runDueJobs(database, config, definitions, { onError: options.onError })
      .catch((error: unknown) => options.onError?.(error, 'scheduler'))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(poll, options.pollMs ?? 30_000);
  timer.unref();
  poll();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** The next time of day `hh:mm` in Asia/Shanghai strictly after `from`. */
export function nextShanghaiTime(from: Date, hour: number, minute = 0): Date {
  const shanghai = new Date(from.getTime() + 8 * 3_600_000);
  const candidate = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate(), hour, minute) - 8 * 3_600_000;
  return new Date(candidate > from.getTime() ? candidate : candidate + 86_400_000);
}
