import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness';
import type { Ctx } from './context';
import { cachedRead } from './read-cache';

let t: TestContext;
let ctx: Ctx;

beforeAll(async () => {
  t = await createTestContext();
  const committee = await t.newCommittee();
  const actor = {
    id: committee.id,
    username: 'reader',
    displayName: '读者',
    committeeId: committee.id,
    mustChangePassword: false,
    roles: [{ id: 'role', role: 'committee_admin' as const, orgId: committee.id, orgName: '工委', orgPath: committee.path, committeeId: committee.id }],
    sessionId: 'session',
    csrfToken: 'csrf',
  };
  ctx = { db: t.database.db, read: t.database.read, actor, now: new Date(), ip: null, config: t.app.config };
});
afterAll(() => t.close());

/** A read that counts how often it really ran. */
function countingRead<T>(value: T) {
  const read = {
    runs: 0,
    run: async () => {
      read.runs += 1;
      return value;
    },
  };
  return read;
}

describe('the read cache', () => {
  it('runs a read asked for twice at the same time once, and both get its result', async () => {
    const read = countingRead({ figure: 42 });
    const [a, b] = await Promise.all([cachedRead(ctx, 'same-time', read.run), cachedRead(ctx, 'same-time', read.run)]);
    expect(read.runs).toBe(1);
    expect(a).toEqual({ figure: 42 });
    expect(b).toBe(a);
  });

  it('reads afresh once the committee’s data changed (its read generation moved on)', async () => {
    const read = countingRead('value');
    await cachedRead(ctx, 'generation', read.run);
    await cachedRead(ctx, 'generation', read.run);
    expect(read.runs).toBe(1);
    const committeeId = ctx.actor?.committeeId;
    await t.database.db.execute(sql`insert into read_generations (committee_id, generation) values (${committeeId}, 1)
      on conflict (committee_id) do update set generation = read_generations.generation + 1`);
    await cachedRead(ctx, 'generation', read.run);
    expect(read.runs).toBe(2);
  });

  it('keeps no failed read: the next request tries again', async () => {
    let runs = 0;
    const failing = async () => {
      runs += 1;
      if (runs === 1) throw new Error('the database went away');
      return 'recovered';
    };
    await expect(cachedRead(ctx, 'failing', failing)).rejects.toThrow('the database went away');
    await expect(cachedRead(ctx, 'failing', failing)).resolves.toBe('recovered');
    expect(runs).toBe(2);
  });

  it('reads every time with READ_CACHE off', async () => {
    const read = countingRead('value');
    const uncached = { ...ctx, config: { ...ctx.config, READ_CACHE: false } };
    await Promise.all([cachedRead(uncached, 'off', read.run), cachedRead(uncached, 'off', read.run)]);
    await cachedRead(uncached, 'off', read.run);
    expect(read.runs).toBe(3);
  });
});
