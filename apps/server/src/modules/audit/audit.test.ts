import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext, unique } from '../../../test/harness';
import { rowsOf } from '../../db/client';
import { verifyAudit } from '../../platform/audit';

let t: TestContext;
let committee: { id: string; path: string };
let admin: Session;

beforeAll(async () => {
  t = await createTestContext();
  committee = await t.newCommittee();
  admin = await t.as('committee_admin', committee.id);
  const unit = await t.newUnit(committee.id);
  const dept = await t.newOrg(committee, { kind: 'unitCommittee', unitId: unit.id });
  for (let i = 0; i < 3; i++) await admin.post('/api/orgs', { parentId: dept.id, name: unique('审计支部'), kind: 'branch', establishedOn: '2024-01-01' });
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records every write with actor, action, entity and the before/after summary', async () => {
    const page = (await admin.get('/api/audit?action=org.create')).json();
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({ actorId: admin.user.id, entityType: 'org', summary: { after: { kind: 'branch' } } });
  });

  it('verifies an intact chain through the API', async () => {
    const res = await admin.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('refuses UPDATE and DELETE on audit rows', async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('reports the first tampered row when a row is changed in SQL behind the trigger', async () => {
    const rows = await rowsOf<{ seq: number }>(t.database.db, sql`select seq from audit_log where action = 'org.create' order by seq`);
    const target = Number(rows[1]?.seq);
    await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await t.database.db.execute(sql`update audit_log set summary = '{"after":{"name":"forged"}}'::jsonb where seq = ${target}`);
    await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, firstBrokenSeq: target });
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: false, firstBrokenSeq: target });
  });

  it('filters by date range in Asia/Shanghai days', async () => {
    const none = (await admin.get('/api/audit?from=2000-01-01&to=2000-01-02')).json();
    expect(none.total).toBe(0);
  });
});
