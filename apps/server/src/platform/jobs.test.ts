import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, unique } from '../../test/harness';
import { rowsOf } from '../db/client';
import { type JobDefinition, nextShanghaiTime, runDueJobs, startScheduler } from './jobs';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const hour = 3_600_000;

/** A job that counts its runs and, when given a gate, waits on it mid-run. */
function countingJob(gate?: Promise<void>) {
  const job = {
    runs: 0,
    definition: {
      name: unique('测试任务'),
      next: (from: Date) => new Date(from.getTime() + hour),
      leaseMs: 5 * 60_000,
      run: async () => {
        job.runs += 1;
        await gate;
      },
    } satisfies JobDefinition,
  };
  return job;
}

const jobRow = async (name: string) =>
  (
    await rowsOf<{ next_run_at: string; locked_by: string | null; last_error: string | null; runs: number }>(
      t.database.db,
      sql`select next_run_at::text, locked_by, last_error, runs from jobs where name = ${name}`,
    )
  )[0];

describe('table-backed scheduler', () => {
  it('runs a due job once, then not again until its next time', async () => {
    const job = countingJob();
    const now = new Date('2026-03-26T00:00:00Z');
    const run = (at: Date) => runDueJobs(t.database, t.app.config, [job.definition], { now: at, node: 'node-a' });
    expect(await run(now)).toEqual([job.definition.name]);
    expect(await run(new Date(now.getTime() + 1000))).toEqual([]);
    expect(job.runs).toBe(1);
    expect(await jobRow(job.definition.name)).toMatchObject({ locked_by: null, last_error: null, runs: 1 });
    expect(await run(new Date(now.getTime() + hour))).toEqual([job.definition.name]);
    expect(job.runs).toBe(2);
  });

  it('runs a job marked not at start first at its next time, not when the server starts', async () => {
    const job = countingJob();
    const definition: JobDefinition = { ...job.definition, notAtStart: true };
    const now = new Date('2026-03-26T00:00:00Z');
    const run = (at: Date) => runDueJobs(t.database, t.app.config, [definition], { now: at, node: 'node-a' });
    expect(await run(now)).toEqual([]);
    expect(await run(new Date(now.getTime() + hour))).toEqual([definition.name]);
    expect(job.runs).toBe(1);
  });

  it('skips a job another node holds the lease of, and takes it over once the lease has run out', async () => {
    let release: () => void = () => undefined;
    const job = countingJob(
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    const now = new Date('2026-03-26T00:00:00Z');
    const first = runDueJobs(t.database, t.app.config, [job.definition], { now, node: 'node-a' });
    while (job.runs === 0) await new Promise((r) => setTimeout(r, 5));
    expect(await jobRow(job.definition.name)).toMatchObject({ locked_by: 'node-a' });
    expect(await runDueJobs(t.database, t.app.config, [job.definition], { now: new Date(now.getTime() + 1000), node: 'node-b' })).toEqual([]);
    release();
    expect(await first).toEqual([job.definition.name]);
    expect(job.runs).toBe(1);

    // Node a dies mid-run: its lease (5 minutes) ends, and node b runs the job.
    await t.database.db.execute(
      sql`update jobs set locked_by = 'node-a', locked_until = ${new Date(now.getTime() + 2 * hour).toISOString()}, next_run_at = ${now.toISOString()} where name = ${job.definition.name}`,
    );
    const during = new Date(now.getTime() + 2 * hour - 1000);
    expect(await runDueJobs(t.database, t.app.config, [job.definition], { now: during, node: 'node-b' })).toEqual([]);
    const after = new Date(now.getTime() + 2 * hour + 1000);
    expect(await runDueJobs(t.database, t.app.config, [job.definition], { now: after, node: 'node-b' })).toEqual([job.definition.name]);
    expect(job.runs).toBe(2);
  });

  it('runs a job on exactly one of two nodes polling at the same moment', async () => {
    const job = countingJob();
    const now = new Date('2026-03-26T00:00:00Z');
    const [a, b] = await Promise.all([
      runDueJobs(t.database, t.app.config, [job.definition], { now, node: 'node-a' }),
      runDueJobs(t.database, t.app.config, [job.definition], { now, node: 'node-b' }),
    ]);
    expect([...(a ?? []), ...(b ?? [])]).toEqual([job.definition.name]);
    expect(job.runs).toBe(1);
  });

  it('records a failed run and tries again within 10 minutes rather than at its next regular time', async () => {
    const name = unique('失败任务');
    const errors: string[] = [];
    const failing: JobDefinition = {
      name,
      next: (from) => new Date(from.getTime() + 24 * hour),
      leaseMs: 60_000,
      run: async () => {
        throw new Error('数据库暂时不可用');
      },
    };
    const now = new Date('2026-03-26T00:00:00Z');
    await runDueJobs(t.database, t.app.config, [failing], { now, onError: (_, job) => errors.push(job) });
    expect(errors).toEqual([name]);
    const row = await jobRow(name);
    expect(row?.last_error).toBe('数据库暂时不可用');
    expect(new Date(row?.next_run_at ?? '').getTime()).toBe(now.getTime() + 10 * 60_000);
  });

  it('polls while started and stops cleanly', async () => {
    const job = countingJob();
    const scheduler = startScheduler(t.database, t.app.config, [job.definition], { pollMs: 20 });
    while (job.runs === 0) await new Promise((r) => setTimeout(r, 10));
    await scheduler.stop();
    expect(job.runs).toBe(1);
  });

  it('schedules the morning run at the next 07:00 in Asia/Shanghai', () => {
    expect(nextShanghaiTime(new Date('2026-03-25T22:59:00Z'), 7).toISOString()).toBe('2026-03-25T23:00:00.000Z');
    expect(nextShanghaiTime(new Date('2026-03-25T23:00:00Z'), 7).toISOString()).toBe('2026-03-26T23:00:00.000Z');
    expect(nextShanghaiTime(new Date('2026-03-26T15:30:00Z'), 7).toISOString()).toBe('2026-03-26T23:00:00.000Z');
  });
});
