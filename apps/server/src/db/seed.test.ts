import { generate } from '@hangbiao/datagen/generate';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness';
import { loadConfig } from '../config';
import { sealerFor } from '../platform/secrets';
import { rowsOf } from './client';
import { type SeedResult, seed } from './seed';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let result: SeedResult;

beforeAll(async () => {
  database = await openTestDatabase();
  result = await seed(database.db, sealerFor(loadConfig({ ENCRYPTION_KEY: '0'.repeat(64) })), { size: 'demo', seed: 3, today: '2026-11-25' });
});
afterAll(() => database.drop());

const count = async (query: ReturnType<typeof sql>) => Number((await rowsOf<{ n: number | string }>(database.db, query))[0]?.n);

describe('seed', () => {
  it('loads the demo city: about 70 units, 600 orgs and 12,000 members', async () => {
    expect(await count(sql`select count(*) as n from units`)).toBe(70);
    const orgs = await count(sql`select count(*) as n from orgs`);
    expect(orgs).toBeGreaterThan(500);
    expect(orgs).toBeLessThan(700);
    const members = await count(sql`select count(*) as n from members`);
    expect(members).toBeGreaterThan(11_000);
    expect(members).toBeLessThan(13_500);
    expect(result.counts).toMatchObject({ units: 70, orgs, members });
    expect(await count(sql`select count(*) as n from orgs where committee_id <> ${result.committeeId}`)).toBe(0);
  });

  it('stores child counts equal to the live (not deleted, not dissolved) children', async () => {
    const wrong = await count(sql`
      select count(*) as n from orgs p
      where p.child_count <> (select count(*) from orgs c where c.parent_id = p.id and c.deleted_at is null and c.dissolved_on is null)`);
    expect(wrong).toBe(0);
  });

  it("stores every org's path as its parent's path plus its own id", async () => {
    const wrong = await count(sql`
      select count(*) as n from orgs o left join orgs p on p.id = o.parent_id
      where (o.parent_id is null and o.path <> ('/' || o.id || '/'))
         or (o.parent_id is not null and (p.id is null or o.path <> (p.path || o.id || '/') or o.depth <> p.depth + 1))`);
    expect(wrong).toBe(0);
    expect(await count(sql`select count(*) as n from orgs where parent_id is null`)).toBe(1);
  });

  it('keeps exactly one open version per live org', async () => {
    const wrong = await count(sql`
      select count(*) as n from orgs o
      where (select count(*) from org_versions v where v.org_id = o.id and v.valid_to is null) <> case when o.dissolved_on is null then 1 else 0 end`);
    expect(wrong).toBe(0);
  });

  it('returns sample orgs for the demo accounts that exist with the expected kinds', async () => {
    const { unitCommitteeOrgId, branchOrgId, otherUnitCommitteeOrgId } = result.sample;
    const rows = await rowsOf<{ id: string; kind: string; parent_id: string | null }>(
      database.db,
      sql`select id, kind, parent_id from orgs where id in (${unitCommitteeOrgId}, ${branchOrgId}, ${otherUnitCommitteeOrgId})`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(result.rootOrgId).toBe(result.committeeId);
    expect(byId.get(unitCommitteeOrgId)?.kind).toBe('unitCommittee');
    expect(byId.get(otherUnitCommitteeOrgId)?.kind).toBe('unitCommittee');
    expect(byId.get(branchOrgId)).toMatchObject({ kind: 'branch', parent_id: unitCommitteeOrgId });
  });

  it("loads the registry's history: transfers in every state, development cases at every stage, dues and meetings", async () => {
    expect(await count(sql`select count(distinct state) as n from transfers`)).toBeGreaterThan(2);
    expect(await count(sql`select count(*) as n from members where status = 'transferredOut'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(distinct stage) as n from development_cases`)).toBe(5);
    // Admitted cases point at the probationary or converted members they became.
    expect(
      await count(sql`select count(*) as n from development_cases c left join members m on m.id = c.member_id where c.member_id is not null and m.id is null`),
    ).toBe(0);
    // Each member in the registry has a dues base, and the last three months have payments.
    expect(
      await count(
        sql`select count(*) as n from members m where m.status in ('active', 'mobile') and not exists (select 1 from dues_bases b where b.member_id = m.id)`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(distinct month) as n from dues_payments`)).toBe(3);
    expect(result.counts.meetings).toBeGreaterThan(0);
  });

  it('generates the same data again from the same seed', () => {
    const options = { size: 'demo', seed: 3, today: '2026-11-25' } as const;
    expect(JSON.stringify(generate(options))).toBe(JSON.stringify(generate(options)));
    expect(generate(options).committeeId).toBe(result.committeeId);
  });
});
