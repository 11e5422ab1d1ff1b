import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext, unique } from '../../../test/harness';
import { rowsOf } from '../../db/client';
import { seed } from '../../db/seed';
import { sealerFor } from '../../platform/secrets';
import { indicators } from './indicators.catalog';

let t: TestContext;
let admin: Session;
let rootId: string;
let sample: { unitCommitteeOrgId: string; otherUnitCommitteeOrgId: string; branchOrgId: string };

beforeAll(async () => {
  t = await createTestContext();
  const seeded = await seed(t.database.db, sealerFor(t.app.config), { size: 'demo', seed: 7 });
  rootId = seeded.rootOrgId;
  sample = seeded.sample;
  admin = await t.as('committee_admin', rootId);
});
afterAll(() => t.close());

type Value = { value: number; groups?: { key: string; value: number }[] };
const figureOf = async (key: string, query = '') => (await admin.get(`/api/indicators/${key}?${query}`)).json() as Value;
const recordsOf = async (key: string, query = '') =>
  (await admin.get(`/api/indicators/${key}/records?pageSize=200&${query}`)).json() as { items: { id: string }[]; total: number };

describe('indicator catalog', () => {
  it('lists every definition with its dimensions and record columns', async () => {
    const catalog = (await admin.get('/api/indicators')).json() as { key: string; definition: string; columns: unknown[] }[];
    expect(catalog.map((d) => d.key)).toEqual(indicators.map((i) => i.key));
    for (const d of catalog) {
      expect(d.definition.length).toBeGreaterThan(10);
      expect(d.columns.length).toBeGreaterThan(0);
    }
  });

  it.each(indicators.map((i) => i.key))('%s: the figure equals its records and the sum of its groups, on generated data', async (key) => {
    const indicator = indicators.find((i) => i.key === key);
    const value = await figureOf(key);
    expect(value.value).toBeGreaterThan(0);
    expect((await recordsOf(key)).total).toBe(value.value);
    for (const dimension of indicator?.dimensions ?? []) {
      const grouped = await figureOf(key, `groupBy=${dimension.key}`);
      expect(grouped.groups?.reduce((sum, g) => sum + g.value, 0)).toBe(value.value);
      const first = grouped.groups?.[0];
      if (first) expect((await recordsOf(key, `dimension=${dimension.key}&group=${first.key}`)).total).toBe(first.value);
    }
  });

  it('pages through the records of a figure, each record once', async () => {
    const { value } = await figureOf('orgs.count', `orgId=${sample.unitCommitteeOrgId}`);
    const ids = new Set<string>();
    for (let page = 1; page <= Math.ceil(value / 5); page++) {
      const res = (await admin.get(`/api/indicators/orgs.count/records?orgId=${sample.unitCommitteeOrgId}&pageSize=5&page=${page}`)).json();
      for (const item of res.items) ids.add(item.id);
    }
    expect(ids.size).toBe(value);
  });
});

describe('export', () => {
  it('exports exactly the records behind the figure to an Excel sheet with the definition’s columns', async () => {
    const { value } = await figureOf('orgs.count', `orgId=${sample.unitCommitteeOrgId}`);
    const res = await admin.get(`/api/indicators/orgs.count/records/export?orgId=${sample.unitCommitteeOrgId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('党组织数');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '组织名称', '组织类别', '所属单位', '成立日期']);
    expect((sheet?.rowCount ?? 0) - 1).toBe(value);
  });

  it('exports all 12,000 member records across batches, each once', async () => {
    const { value } = await figureOf('members.count');
    const res = await admin.get('/api/indicators/members.count/records/export');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet?.rowCount ?? 0) - 1).toBe(value);
    expect(value).toBeGreaterThan(5000);
  });
});

describe('scope and period edges', () => {
  it('counts an org established on the last day of the period, and not the day before', async () => {
    const parent = {
      id: sample.unitCommitteeOrgId,
      path: (await rowsOf<{ path: string }>(t.database.db, sql`select path from orgs where id = ${sample.unitCommitteeOrgId}`))[0]?.path as string,
    };
    const created = await admin.post('/api/orgs', { parentId: parent.id, name: unique('季末支部'), kind: 'branch', establishedOn: '2025-03-31' });
    expect(created.statusCode, created.body).toBe(200);
    const onTheDay = await figureOf('orgs.count', `orgId=${parent.id}&from=2025-01-01&to=2025-03-31`);
    const before = await figureOf('orgs.count', `orgId=${parent.id}&from=2025-01-01&to=2025-03-30`);
    expect(onTheDay.value - before.value).toBe(1);
  });

  it('counts an org moved to another department once, under its new department', async () => {
    const from = sample.unitCommitteeOrgId;
    const to = sample.otherUnitCommitteeOrgId;
    const branch = (await admin.post('/api/orgs', { parentId: from, name: unique('调整支部'), kind: 'branch', establishedOn: '2024-01-01' })).json();
    const [beforeFrom, beforeTo, beforeAll] = await Promise.all([
      figureOf('orgs.count', `orgId=${from}`),
      figureOf('orgs.count', `orgId=${to}`),
      figureOf('orgs.count'),
    ]);
    const moved = await admin.post('/api/orgs/reforms', { kind: 'moved', orgId: branch.id, parentId: to, occurredOn: '2025-06-01' });
    expect(moved.statusCode, moved.body).toBe(200);
    const [afterFrom, afterTo, afterAll] = await Promise.all([
      figureOf('orgs.count', `orgId=${from}`),
      figureOf('orgs.count', `orgId=${to}`),
      figureOf('orgs.count'),
    ]);
    expect([afterFrom.value - beforeFrom.value, afterTo.value - beforeTo.value, afterAll.value - beforeAll.value]).toEqual([-1, 1, 0]);
  });
});

describe('bad input', () => {
  it('answers an unknown indicator with 404', async () => {
    const res = await admin.get('/api/indicators/members.unknownThing');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('members.unknownThing');
  });

  it('answers a period ending before it starts with 422 on the end date', async () => {
    const res = await admin.get('/api/indicators/orgs.count?from=2025-12-31&to=2025-01-01');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('querystring.to');
  });

  it('answers a dimension the indicator lacks with 422 naming the ones it has', async () => {
    const res = await admin.get('/api/indicators/members.count?groupBy=colour');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].message).toContain('category');
  });

  it('answers a scope outside the caller’s access with 403, whether or not the org exists', async () => {
    const orgAdmin = await t.as('org_admin', sample.unitCommitteeOrgId);
    const other = await orgAdmin.get(`/api/indicators/orgs.count?orgId=${sample.otherUnitCommitteeOrgId}`);
    const missing = await orgAdmin.get('/api/indicators/orgs.count?orgId=0195f0c4-0000-7000-8000-000000000000');
    expect([other.statusCode, missing.statusCode]).toEqual([403, 403]);
    expect(other.json().detail).toBe(missing.json().detail);
  });
});
