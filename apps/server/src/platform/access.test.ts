import { type Role, roles } from '@hangbiao/shared/glossary';
import { roleGrants } from '@hangbiao/shared/permissions';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext, unique } from '../../test/harness';

/**
 * The access matrix: every registered route × every role × own / other org.
 * Each role is assigned at department A; "own" requests touch A's subtree, "other" ones department B's.
 * A route missing from this table, or declaring no access, fails the test.
 */
let t: TestContext;
let committee: { id: string; path: string };
let unitA: string;
let unitB: string;
let deptA: { id: string; path: string };
let deptB: { id: string; path: string };
let rootAdmin: Session;
const sessions = new Map<Role, Session>();

interface Call {
  url: string;
  body?: unknown;
}
interface Entry {
  own: () => Promise<Call>;
  /** A request about department B; omitted where the route is not about one org. */
  other?: () => Promise<Call>;
  /** For lists: the other department's rows must not appear. */
  leaks?: (res: LightMyRequestResponse) => boolean;
}

const branchIn = (dept: { id: string; path: string }, unitId: string) => t.newOrg(dept, { unitId });
const userIn = async (orgId: string) => t.newUser('member', orgId);
const version1 = async (userId: string) => ((await rootAdmin.get(`/api/users/${userId}`)).json() as { version: number }).version;

const matrix: Record<string, Entry> = {
  'GET /api/health': { own: async () => ({ url: '/api/health' }) },
  'GET /api/openapi.json': { own: async () => ({ url: '/api/openapi.json' }) },
  'POST /api/auth/login': { own: async () => ({ url: '/api/auth/login', body: { username: 'nobody', password: 'x' } }) },
  'POST /api/auth/logout': { own: async () => ({ url: '/api/auth/logout' }) },
  'GET /api/auth/me': { own: async () => ({ url: '/api/auth/me' }) },
  'POST /api/auth/password': { own: async () => ({ url: '/api/auth/password', body: { currentPassword: 'wrong', newPassword: 'Another-pass-99' } }) },
  'GET /api/units': { own: async () => ({ url: '/api/units' }) },
  'GET /api/units/:id': { own: async () => ({ url: `/api/units/${unitA}` }) },
  'POST /api/units': {
    own: async () => ({ url: '/api/units', body: { name: unique('矩阵局'), type: 'government', regionLevel: 'city', regionName: '鸿雁市' } }),
  },
  'PATCH /api/units/:id': {
    own: async () => {
      const u = await t.newUnit(committee.id);
      return { url: `/api/units/${u.id}`, body: { name: unique('改名局'), type: 'government', regionLevel: 'city', regionName: '鸿雁市', version: 1 } };
    },
  },
  'GET /api/orgs/tree': {
    own: async () => ({ url: `/api/orgs/tree?parentId=${deptA.id}` }),
    other: async () => ({ url: `/api/orgs/tree?parentId=${deptB.id}` }),
  },
  'GET /api/orgs/:id/subtree': { own: async () => ({ url: `/api/orgs/${deptA.id}/subtree` }), other: async () => ({ url: `/api/orgs/${deptB.id}/subtree` }) },
  'GET /api/orgs': {
    own: async () => ({ url: `/api/orgs?under=${deptA.id}` }),
    other: async () => ({ url: `/api/orgs?under=${deptB.id}` }),
    leaks: (res) => JSON.stringify((res.json() as { items: unknown[] }).items).includes(deptB.id),
  },
  'GET /api/orgs/renewals': {
    own: async () => ({ url: `/api/orgs/renewals?under=${deptA.id}` }),
    other: async () => ({ url: `/api/orgs/renewals?under=${deptB.id}` }),
  },
  'GET /api/orgs/:id': { own: async () => ({ url: `/api/orgs/${deptA.id}` }), other: async () => ({ url: `/api/orgs/${deptB.id}` }) },
  'POST /api/orgs': {
    own: async () => ({ url: '/api/orgs', body: { parentId: deptA.id, name: unique('矩阵支部'), kind: 'branch', establishedOn: '2024-01-01' } }),
    other: async () => ({ url: '/api/orgs', body: { parentId: deptB.id, name: unique('矩阵支部'), kind: 'branch', establishedOn: '2024-01-01' } }),
  },
  'PATCH /api/orgs/:id': {
    own: async () => ({ url: `/api/orgs/${(await branchIn(deptA, unitA)).id}`, body: { version: 1, contactName: '王测试' } }),
    other: async () => ({ url: `/api/orgs/${(await branchIn(deptB, unitB)).id}`, body: { version: 1, contactName: '王测试' } }),
  },
  'DELETE /api/orgs/:id': {
    own: async () => ({ url: `/api/orgs/${(await branchIn(deptA, unitA)).id}` }),
    other: async () => ({ url: `/api/orgs/${(await branchIn(deptB, unitB)).id}` }),
  },
  'POST /api/orgs/reforms': {
    own: async () => ({
      url: '/api/orgs/reforms',
      body: { kind: 'renamed', orgId: (await branchIn(deptA, unitA)).id, name: unique('更名'), occurredOn: '2024-05-01' },
    }),
    other: async () => ({
      url: '/api/orgs/reforms',
      body: { kind: 'renamed', orgId: (await branchIn(deptB, unitB)).id, name: unique('更名'), occurredOn: '2024-05-01' },
    }),
  },
  'GET /api/orgs/:id/events': { own: async () => ({ url: `/api/orgs/${deptA.id}/events` }), other: async () => ({ url: `/api/orgs/${deptB.id}/events` }) },
  'GET /api/orgs/:id/terms': { own: async () => ({ url: `/api/orgs/${deptA.id}/terms` }), other: async () => ({ url: `/api/orgs/${deptB.id}/terms` }) },
  'POST /api/orgs/:id/terms': {
    own: async () => ({
      url: `/api/orgs/${(await branchIn(deptA, unitA)).id}/terms`,
      body: { termStart: '2024-06-01', posts: [{ post: 'secretary', holderName: '赵测试' }] },
    }),
    other: async () => ({
      url: `/api/orgs/${(await branchIn(deptB, unitB)).id}/terms`,
      body: { termStart: '2024-06-01', posts: [{ post: 'secretary', holderName: '赵测试' }] },
    }),
  },
  'GET /api/users': {
    own: async () => ({ url: '/api/users?pageSize=200' }),
    leaks: (res) => (res.json() as { items: { roles: { orgId: string }[] }[] }).items.some((u) => u.roles.some((r) => r.orgId === deptB.id)),
  },
  'GET /api/users/:id': {
    own: async () => ({ url: `/api/users/${(await userIn(deptA.id)).id}` }),
    other: async () => ({ url: `/api/users/${(await userIn(deptB.id)).id}` }),
  },
  'POST /api/users': {
    own: async () => ({
      url: '/api/users',
      body: { username: unique('m'), displayName: '矩阵用户', password: 'Matrix-pass-001', roles: [{ role: 'member', orgId: deptA.id }] },
    }),
    other: async () => ({
      url: '/api/users',
      body: { username: unique('m'), displayName: '矩阵用户', password: 'Matrix-pass-001', roles: [{ role: 'member', orgId: deptB.id }] },
    }),
  },
  'PATCH /api/users/:id': {
    own: async () => {
      const u = await userIn(deptA.id);
      return { url: `/api/users/${u.id}`, body: { version: await version1(u.id), displayName: '改名' } };
    },
    other: async () => {
      const u = await userIn(deptB.id);
      return { url: `/api/users/${u.id}`, body: { version: await version1(u.id), displayName: '改名' } };
    },
  },
  'POST /api/users/:id/password': {
    own: async () => {
      const u = await userIn(deptA.id);
      return { url: `/api/users/${u.id}/password`, body: { version: await version1(u.id), password: 'Reset-pass-0001' } };
    },
    other: async () => {
      const u = await userIn(deptB.id);
      return { url: `/api/users/${u.id}/password`, body: { version: await version1(u.id), password: 'Reset-pass-0001' } };
    },
  },
  'POST /api/users/:id/roles': {
    own: async () => ({ url: `/api/users/${(await userIn(deptA.id)).id}/roles`, body: { role: 'leader', orgId: deptA.id } }),
    other: async () => ({ url: `/api/users/${(await userIn(deptB.id)).id}/roles`, body: { role: 'leader', orgId: deptB.id } }),
  },
  'DELETE /api/users/:id/roles/:assignmentId': {
    own: async () => {
      const u = (await rootAdmin.get(`/api/users/${(await userIn(deptA.id)).id}`)).json() as { id: string; roles: { id: string }[] };
      return { url: `/api/users/${u.id}/roles/${u.roles[0]?.id}` };
    },
    other: async () => {
      const u = (await rootAdmin.get(`/api/users/${(await userIn(deptB.id)).id}`)).json() as { id: string; roles: { id: string }[] };
      return { url: `/api/users/${u.id}/roles/${u.roles[0]?.id}` };
    },
  },
  'GET /api/audit': {
    own: async () => ({ url: '/api/audit?pageSize=200' }),
    leaks: (res) => JSON.stringify(res.json()).includes(deptB.id),
  },
  'GET /api/audit/verify': { own: async () => ({ url: '/api/audit/verify' }) },
  'GET /api/indicators': { own: async () => ({ url: '/api/indicators' }) },
  'GET /api/indicators/:key': {
    own: async () => ({ url: `/api/indicators/orgs.count?orgId=${deptA.id}` }),
    other: async () => ({ url: `/api/indicators/orgs.count?orgId=${deptB.id}` }),
  },
  'GET /api/indicators/:key/records/export': {
    own: async () => ({ url: `/api/indicators/orgs.count/records/export?orgId=${deptA.id}` }),
    other: async () => ({ url: `/api/indicators/orgs.count/records/export?orgId=${deptB.id}` }),
  },
  'GET /api/indicators/:key/records': {
    own: async () => ({ url: `/api/indicators/orgs.count/records?orgId=${deptA.id}` }),
    other: async () => ({ url: `/api/indicators/orgs.count/records?orgId=${deptB.id}` }),
  },
};

beforeAll(async () => {
  t = await createTestContext();
  committee = await t.newCommittee();
  unitA = (await t.newUnit(committee.id)).id;
  unitB = (await t.newUnit(committee.id)).id;
  deptA = await t.newOrg(committee, { kind: 'unitCommittee', unitId: unitA });
  deptB = await t.newOrg(committee, { kind: 'unitCommittee', unitId: unitB });
  rootAdmin = await t.as('committee_admin', committee.id);
  // Activity in department B that must stay invisible to department A's users.
  await rootAdmin.post('/api/orgs', { parentId: deptB.id, name: unique('乙支部'), kind: 'branch', establishedOn: '2024-01-01' });
  await t.newUser('member', deptB.id);
  for (const role of roles.keys) sessions.set(role, await t.as(role, deptA.id));
});
afterAll(() => t.close());

const apiRoutes = () => t.app.routeAccess.filter((r) => !r.url.startsWith('/api/docs'));

describe('access matrix', () => {
  it('covers every registered API route, and every route declares its access', () => {
    const registered = apiRoutes().map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((key) => !(key in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((key) => !registered.includes(key))).toEqual([]);
  });

  it.each(roles.keys)('enforces each route for %s on own and other org', async (role) => {
    const failures: string[] = [];
    for (const route of apiRoutes()) {
      const key = `${route.method} ${route.url}`;
      const entry = matrix[key] as Entry;
      // Logging out would end the session the rest of the matrix uses.
      const session = key === 'POST /api/auth/logout' ? await t.as(role, deptA.id) : (sessions.get(role) as Session);
      const call = await entry.own();
      const res = await session.request(route.method as 'GET', call.url, call.body);
      const allowed = route.access === 'public' || route.access === 'authenticated' || roleGrants(role, route.access);
      const expectedOwn = allowed ? res.statusCode < 300 || (key.startsWith('POST /api/auth/') && [401, 422].includes(res.statusCode)) : res.statusCode === 403;
      if (!expectedOwn) failures.push(`${key} own: ${res.statusCode} ${res.body.slice(0, 120)}`);
      if (allowed && entry.leaks && res.statusCode === 200 && entry.leaks(res)) failures.push(`${key}: shows department B's records`);
      if (entry.other && route.access !== 'public' && route.access !== 'authenticated') {
        const otherCall = await entry.other();
        const other = await session.request(route.method as 'GET', otherCall.url, otherCall.body);
        if (other.statusCode !== 403) failures.push(`${key} other: ${other.statusCode} ${other.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers every non-public route with 401 without a session', async () => {
    for (const route of apiRoutes().filter((r) => r.access !== 'public')) {
      const res = await t.app.inject({ method: route.method as 'GET', url: route.url.replace(/:(\w+)/g, '0195f0c4-0000-7000-8000-000000000000') });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
