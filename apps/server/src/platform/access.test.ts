import { shanghaiDate } from '@hangbiao/shared/dates';
import { type Role, roles } from '@hangbiao/shared/glossary';
import { idNumberFacts } from '@hangbiao/shared/id-number';
import { roleGrants } from '@hangbiao/shared/permissions';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicant, createTestContext, type Session, type TestContext, unique, uniqueIdNumber } from '../../test/harness';
import { memberRow, memberWorkbook } from '../../test/member-workbooks';
import { xlsxType } from './xlsx';

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
  /** E.g. the content type of a file sent as the body. */
  headers?: Record<string, string>;
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
/** A valid registration in `orgId`, its birth date and gender agreeing with its ID number. */
const memberRecord = (orgId: string) => {
  const idNumber = uniqueIdNumber();
  const facts = idNumberFacts(idNumber);
  const codes = { ethnicity: 'han', education: 'bachelor', category: 'full', jobPost: 'civilServant' } as const;
  return { orgId, name: '矩阵党员', ...codes, idNumber, gender: facts?.gender, birthDate: facts?.birthDate, joinedOn: '2010-07-01', fullOn: '2011-07-01' };
};
/** A member of a new branch of `dept`, with the body of an edit that keeps the record as it is. */
const memberIn = async (dept: { id: string; path: string }, unitId: string) => {
  const { orgId, category: _category, ...fields } = memberRecord((await branchIn(dept, unitId)).id);
  const m = await t.newMember(orgId, fields);
  return { id: m.id, edit: { ...fields, version: 1 } };
};
/** An .xlsx of one new member in a new branch of `dept`, as the import routes take it. */
const memberSheetIn = async (dept: { id: string; path: string }, unitId: string) => ({
  body: await memberWorkbook([memberRow((await branchIn(dept, unitId)).id)]),
  headers: { 'content-type': xlsxType },
});
let memberOfB = '';
let linked: Promise<void> | undefined;
/** Every role's login linked to a member of department A, as a member's own login would be. */
const linkLogins = () =>
  (linked ??= (async () => {
    for (const session of sessions.values())
      await t.database.db.execute(sql`update users set member_id = ${(await memberIn(deptA, unitA)).id} where id = ${session.user.id}`);
  })());

/** A transfer started by the committee admin in `dept`: between two of its branches, a letter out, or a letter in. */
const transferIn = async (dept: { id: string; path: string }, unitId: string, kind: 'internal' | 'outbound' | 'inbound' = 'internal') => {
  const letter = { outsideOrgName: '矩阵外单位党委', letterNumber: unique('矩阵转'), issuedOn: shanghaiDate(new Date()) };
  const body =
    kind === 'inbound'
      ? { kind, toOrgId: dept.id, personName: '矩阵转入', arrivedOn: letter.issuedOn, ...letter }
      : kind === 'outbound'
        ? { kind, memberId: (await memberIn(dept, unitId)).id, ...letter }
        : { kind, memberId: (await memberIn(dept, unitId)).id, toOrgId: (await branchIn(dept, unitId)).id };
  return ((await rootAdmin.post('/api/transfers', { reason: 'work', ...body })).json() as { id: string }).id;
};
let transferOfB = '';
let mobileOfB = '';

/** A member of a new branch of `dept` with a dues base from this month, for the dues routes. */
const duesMemberIn = async (dept: { id: string; path: string }, unitId: string) => {
  const branch = await branchIn(dept, unitId);
  const member = await t.newMember(branch.id);
  const today = shanghaiDate(new Date());
  const res = await rootAdmin.post(`/api/members/${member.id}/dues/bases`, {
    effectiveMonth: today.slice(0, 7),
    category: 'inService',
    baseFen: 500_000,
    confirmedOn: today,
  });
  const base = res.json() as { id: string; version: number };
  return { branchId: branch.id, memberId: member.id, base, today, month: today.slice(0, 7) };
};
const duesPaymentIn = async (dept: { id: string; path: string }, unitId: string) => {
  const m = await duesMemberIn(dept, unitId);
  const res = await rootAdmin.post('/api/dues/payments', {
    orgId: m.branchId,
    items: [{ memberId: m.memberId, month: m.month, paidFen: 5000, paidOn: m.today, method: 'cash' }],
  });
  return (res.json() as { items: { id: string; version: number }[] }).items[0] as { id: string; version: number };
};
const reliefBody = (approvedByOrgId: string) => {
  const today = shanghaiDate(new Date());
  return { kind: 'exempt', fromMonth: today.slice(0, 7), reason: '矩阵困难', decidedOn: today, approvedByOrgId, approvedOn: today };
};
const duesReliefIn = async (dept: { id: string; path: string }, unitId: string) => {
  const m = await duesMemberIn(dept, unitId);
  return (await rootAdmin.post(`/api/members/${m.memberId}/dues/reliefs`, reliefBody(dept.id))).json() as { id: string; version: number };
};
const campaignIn = async (dept: { id: string; path: string }) =>
  (
    (
      await rootAdmin.post('/api/special-dues', {
        orgId: dept.id,
        title: unique('矩阵特殊党费'),
        reason: 'disasterRelief',
        startedOn: shanghaiDate(new Date()),
      })
    ).json() as {
      id: string;
    }
  ).id;
let campaigns: Promise<{ a: string; b: string }> | undefined;
/** One special dues campaign called by each department. */
const campaignsOnce = () => (campaigns ??= (async () => ({ a: await campaignIn(deptA), b: await campaignIn(deptB) }))());
const contributionIn = async (dept: { id: string; path: string }, unitId: string) => {
  const campaign = await campaignIn(dept);
  const member = await t.newMember((await branchIn(dept, unitId)).id);
  const res = await rootAdmin.post(`/api/special-dues/${campaign}/contributions`, {
    items: [{ memberId: member.id, amountFen: 1000, paidOn: shanghaiDate(new Date()) }],
  });
  return (res.json() as { items: { id: string }[] }).items[0]?.id;
};
const contributionBody = async (dept: { id: string; path: string }, unitId: string) => ({
  items: [{ memberId: (await t.newMember((await branchIn(dept, unitId)).id)).id, amountFen: 500, paidOn: shanghaiDate(new Date()) }],
});

/** An application to a new branch of `dept`, as the development routes take it. */
const applicationIn = async (dept: { id: string; path: string }, unitId: string) => applicant((await branchIn(dept, unitId)).id, { name: '矩阵申请人' });
/** A development case opened by the committee admin in `dept`, with the body of an edit that keeps it as it is. */
const developmentCaseIn = async (dept: { id: string; path: string }, unitId: string) => {
  const application = await applicationIn(dept, unitId);
  const { orgId: _org, appliedOn: _applied, documents: _documents, ...person } = application;
  const opened = (await rootAdmin.post('/api/development/cases', application)).json() as { id: string; version: number };
  return { id: opened.id, version: opened.version, edit: { ...person, version: opened.version } };
};
let developmentOfB = '';
/** A case whose second step the committee admin recorded, with the body that takes that step back. */
const caseWithTwoSteps = async (dept: { id: string; path: string }, unitId: string) => {
  const c = await developmentCaseIn(dept, unitId);
  const stepped = (await rootAdmin.post(`/api/development/cases/${c.id}/steps`, { version: c.version, step: 2, doneOn: '2023-03-20' })).json() as {
    case: { version: number };
  };
  return { id: c.id, body: { version: stepped.case.version, reason: '矩阵撤销' } };
};

/** A meeting of a new branch of `dept` with one member, planned by the committee admin to have started ten minutes ago. */
const meetingIn = async (dept: { id: string; path: string }, unitId: string, kind = 'generalMeeting') => {
  const branch = await branchIn(dept, unitId);
  const member = await t.newMember(branch.id);
  const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
  const res = await rootAdmin.post('/api/meetings', { orgId: branch.id, kind, startsAt, place: '矩阵会议室' });
  const m = res.json() as { id: string; version: number; checkin: { token: string } };
  return { id: m.id, version: m.version, token: m.checkin.token, memberId: member.id, branchId: branch.id };
};
/** A meeting with one sub-record the committee admin made, for the routes that remove one. */
const meetingWith = async (dept: { id: string; path: string }, unitId: string, part: 'observers' | 'resolutions' | 'attachments') => {
  const m = await meetingIn(dept, unitId);
  if (part === 'attachments') return { meeting: m, partId: ((await uploadPng(rootAdmin, m.id)).json() as { id: string }).id };
  if (part === 'resolutions') await rootAdmin.request('PUT', `/api/meetings/${m.id}/attendance/${m.memberId}`, { status: 'present' });
  const body = part === 'observers' ? { name: '矩阵列席', fromOrg: '矩阵工委' } : { title: '矩阵决议', votesFor: 1, votesAgainst: 0, votesAbstain: 0 };
  const detail = (await rootAdmin.post(`/api/meetings/${m.id}/${part}`, body)).json() as Record<typeof part, { id: string }[]>;
  return { meeting: m, partId: detail[part][0]?.id };
};
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('matrix')]);
const uploadCall = (meetingId: string): Call => ({
  url: `/api/meetings/${meetingId}/attachments?name=matrix.png`,
  body: png,
  headers: { 'content-type': 'image/png' },
});
const uploadPng = (session: Session, meetingId: string) => {
  const call = uploadCall(meetingId);
  return session.request('POST', call.url, call.body, call.headers);
};
let meetingOfB = '';
const thisMonth = () => shanghaiDate(new Date()).slice(0, 7);
const ratesOf = (dept: { id: string }) => `under=${dept.id}&from=${thisMonth()}-01&to=${shanghaiDate(new Date())}`;

/** An exemption of a new branch of `dept`, recorded by the committee admin; remembered when it lies in department B. */
const exemptionBody = (orgId: string) => ({ orgId, kind: null, from: '2025-01', to: '2025-03', reason: '矩阵豁免', approvedBy: '矩阵工委' });
const exemptionsOfB = new Set<string>();
const exemptionIn = async (dept: { id: string; path: string }, unitId: string) => {
  const branch = await branchIn(dept, unitId);
  const id = ((await rootAdmin.post('/api/orglife/exemptions', exemptionBody(branch.id))).json() as { id: string }).id;
  if (dept === deptB) exemptionsOfB.add(id);
  return id;
};
/** A chat webhook of `dept`; its address refuses connections, so a test message fails fast and is logged. */
const webhookBody = (orgId: string) => ({ orgId, name: '矩阵群', url: 'http://127.0.0.1:9/robot?key=matrix', format: 'wecom' });
const webhooksOfB = new Set<string>();
const webhookIn = async (dept: { id: string; path: string }) => {
  const id = ((await rootAdmin.post('/api/notices/webhooks', webhookBody(dept.id))).json() as { id: string }).id;
  if (dept === deptB) webhooksOfB.add(id);
  return id;
};

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
  'GET /api/members': {
    own: async () => {
      memberOfB ||= (await memberIn(deptB, unitB)).id;
      return { url: '/api/members?pageSize=200&includeFormer=true' };
    },
    other: async () => ({ url: `/api/members?under=${deptB.id}` }),
    leaks: (res) => JSON.stringify(res.json()).includes(memberOfB),
  },
  'GET /api/members/import/template': { own: async () => ({ url: '/api/members/import/template' }) },
  'POST /api/members/import/preview': { own: async () => ({ url: '/api/members/import/preview', ...(await memberSheetIn(deptA, unitA)) }) },
  'POST /api/members/import': { own: async () => ({ url: '/api/members/import', ...(await memberSheetIn(deptA, unitA)) }) },
  'POST /api/members/import/errors': { own: async () => ({ url: '/api/members/import/errors', ...(await memberSheetIn(deptA, unitA)) }) },
  'GET /api/members/export': {
    own: async () => ({ url: `/api/members/export?under=${deptA.id}` }),
    other: async () => ({ url: `/api/members/export?under=${deptB.id}` }),
  },
  'GET /api/members/export/orgs': {
    own: async () => ({ url: `/api/members/export/orgs?under=${deptA.id}` }),
    other: async () => ({ url: `/api/members/export/orgs?under=${deptB.id}` }),
  },
  'GET /api/members/:id': {
    own: async () => ({ url: `/api/members/${(await memberIn(deptA, unitA)).id}` }),
    other: async () => ({ url: `/api/members/${(await memberIn(deptB, unitB)).id}` }),
  },
  'POST /api/members': {
    own: async () => ({ url: '/api/members', body: memberRecord((await branchIn(deptA, unitA)).id) }),
    other: async () => ({ url: '/api/members', body: memberRecord((await branchIn(deptB, unitB)).id) }),
  },
  'PATCH /api/members/:id': {
    own: async () => {
      const m = await memberIn(deptA, unitA);
      return { url: `/api/members/${m.id}`, body: m.edit };
    },
    other: async () => {
      const m = await memberIn(deptB, unitB);
      return { url: `/api/members/${m.id}`, body: m.edit };
    },
  },
  'POST /api/members/:id/status': {
    own: async () => ({
      url: `/api/members/${(await memberIn(deptA, unitA)).id}/status`,
      body: { version: 1, status: 'mobile', mobileDestination: '上海市', occurredOn: '2024-05-01' },
    }),
    other: async () => ({
      url: `/api/members/${(await memberIn(deptB, unitB)).id}/status`,
      body: { version: 1, status: 'mobile', mobileDestination: '上海市', occurredOn: '2024-05-01' },
    }),
  },
  'DELETE /api/members/:id': {
    own: async () => ({ url: `/api/members/${(await memberIn(deptA, unitA)).id}` }),
    other: async () => ({ url: `/api/members/${(await memberIn(deptB, unitB)).id}` }),
  },
  'GET /api/members/:id/events': {
    own: async () => ({ url: `/api/members/${(await memberIn(deptA, unitA)).id}/events` }),
    other: async () => ({ url: `/api/members/${(await memberIn(deptB, unitB)).id}/events` }),
  },
  'GET /api/me/member': {
    own: async () => {
      await linkLogins();
      return { url: '/api/me/member' };
    },
  },
  'GET /api/me/figures': {
    own: async () => {
      await linkLogins();
      return { url: '/api/me/figures' };
    },
  },
  'GET /api/transfers': {
    own: async () => {
      transferOfB ||= await transferIn(deptB, unitB);
      return { url: '/api/transfers?pageSize=200' };
    },
    other: async () => ({ url: `/api/transfers?under=${deptB.id}` }),
    leaks: (res) => JSON.stringify(res.json()).includes(transferOfB),
  },
  'GET /api/transfers/inbox': {
    own: async () => {
      transferOfB ||= await transferIn(deptB, unitB);
      return { url: '/api/transfers/inbox?box=todo&pageSize=200' };
    },
    other: async () => ({ url: `/api/transfers/inbox?box=todo&under=${deptB.id}` }),
    leaks: (res) => JSON.stringify(res.json()).includes(transferOfB),
  },
  'GET /api/transfers/inbox/counts': {
    own: async () => ({ url: `/api/transfers/inbox/counts?under=${deptA.id}` }),
    other: async () => ({ url: `/api/transfers/inbox/counts?under=${deptB.id}` }),
  },
  'GET /api/transfers/mobile': {
    own: async () => {
      mobileOfB ||= (await t.newMember((await branchIn(deptB, unitB)).id, { status: 'mobile' })).id;
      return { url: '/api/transfers/mobile?pageSize=200' };
    },
    other: async () => ({ url: `/api/transfers/mobile?under=${deptB.id}` }),
    leaks: (res) => JSON.stringify(res.json()).includes(mobileOfB),
  },
  'GET /api/transfers/destinations': { own: async () => ({ url: '/api/transfers/destinations' }) },
  'GET /api/transfers/:id': {
    own: async () => ({ url: `/api/transfers/${await transferIn(deptA, unitA)}` }),
    other: async () => ({ url: `/api/transfers/${await transferIn(deptB, unitB)}` }),
  },
  'POST /api/transfers': {
    own: async () => ({
      url: '/api/transfers',
      body: { kind: 'internal', memberId: (await memberIn(deptA, unitA)).id, toOrgId: (await branchIn(deptA, unitA)).id, reason: 'work' },
    }),
    other: async () => ({
      url: '/api/transfers',
      body: { kind: 'internal', memberId: (await memberIn(deptB, unitB)).id, toOrgId: (await branchIn(deptB, unitB)).id, reason: 'work' },
    }),
  },
  'POST /api/transfers/:id/accept': {
    own: async () => ({ url: `/api/transfers/${await transferIn(deptA, unitA)}/accept`, body: { version: 1 } }),
    other: async () => ({ url: `/api/transfers/${await transferIn(deptB, unitB)}/accept`, body: { version: 1 } }),
  },
  'POST /api/transfers/:id/reject': {
    own: async () => ({ url: `/api/transfers/${await transferIn(deptA, unitA)}/reject`, body: { version: 1, reason: '矩阵退回' } }),
    other: async () => ({ url: `/api/transfers/${await transferIn(deptB, unitB)}/reject`, body: { version: 1, reason: '矩阵退回' } }),
  },
  'POST /api/transfers/:id/cancel': {
    own: async () => ({ url: `/api/transfers/${await transferIn(deptA, unitA)}/cancel`, body: { version: 1 } }),
    other: async () => ({ url: `/api/transfers/${await transferIn(deptB, unitB)}/cancel`, body: { version: 1 } }),
  },
  'POST /api/transfers/:id/receipt': {
    own: async () => ({
      url: `/api/transfers/${await transferIn(deptA, unitA, 'outbound')}/receipt`,
      body: { version: 1, receivedOn: shanghaiDate(new Date()) },
    }),
    other: async () => ({
      url: `/api/transfers/${await transferIn(deptB, unitB, 'outbound')}/receipt`,
      body: { version: 1, receivedOn: shanghaiDate(new Date()) },
    }),
  },
  'POST /api/transfers/:id/register': {
    own: async () => ({
      url: `/api/transfers/${await transferIn(deptA, unitA, 'inbound')}/register`,
      body: { version: 1, ...memberRecord((await branchIn(deptA, unitA)).id) },
    }),
    other: async () => ({
      url: `/api/transfers/${await transferIn(deptB, unitB, 'inbound')}/register`,
      body: { version: 1, ...memberRecord((await branchIn(deptB, unitB)).id) },
    }),
  },
  'GET /api/members/:id/dues': {
    own: async () => ({ url: `/api/members/${(await duesMemberIn(deptA, unitA)).memberId}/dues` }),
    other: async () => ({ url: `/api/members/${(await duesMemberIn(deptB, unitB)).memberId}/dues` }),
  },
  'POST /api/members/:id/dues/bases': {
    own: async () => ({
      url: `/api/members/${(await memberIn(deptA, unitA)).id}/dues/bases`,
      body: { effectiveMonth: shanghaiDate(new Date()).slice(0, 7), category: 'fixedMinimum', confirmedOn: shanghaiDate(new Date()) },
    }),
    other: async () => ({
      url: `/api/members/${(await memberIn(deptB, unitB)).id}/dues/bases`,
      body: { effectiveMonth: shanghaiDate(new Date()).slice(0, 7), category: 'fixedMinimum', confirmedOn: shanghaiDate(new Date()) },
    }),
  },
  'PATCH /api/dues/bases/:id': {
    own: async () => {
      const { base, today } = await duesMemberIn(deptA, unitA);
      return { url: `/api/dues/bases/${base.id}`, body: { category: 'inService', baseFen: 600_000, confirmedOn: today, version: base.version } };
    },
    other: async () => {
      const { base, today } = await duesMemberIn(deptB, unitB);
      return { url: `/api/dues/bases/${base.id}`, body: { category: 'inService', baseFen: 600_000, confirmedOn: today, version: base.version } };
    },
  },
  'POST /api/dues/bases/confirm': {
    own: async () => {
      const { branchId, base, today } = await duesMemberIn(deptA, unitA);
      return { url: '/api/dues/bases/confirm', body: { orgId: branchId, confirmedOn: today, items: [{ baseId: base.id, version: base.version }] } };
    },
    other: async () => {
      const { branchId, base, today } = await duesMemberIn(deptB, unitB);
      return { url: '/api/dues/bases/confirm', body: { orgId: branchId, confirmedOn: today, items: [{ baseId: base.id, version: base.version }] } };
    },
  },
  'POST /api/members/:id/dues/reliefs': {
    own: async () => ({ url: `/api/members/${(await duesMemberIn(deptA, unitA)).memberId}/dues/reliefs`, body: reliefBody(deptA.id) }),
    other: async () => ({ url: `/api/members/${(await duesMemberIn(deptB, unitB)).memberId}/dues/reliefs`, body: reliefBody(deptB.id) }),
  },
  'PATCH /api/dues/reliefs/:id': {
    own: async () => {
      const relief = await duesReliefIn(deptA, unitA);
      return { url: `/api/dues/reliefs/${relief.id}`, body: { ...reliefBody(deptA.id), version: relief.version } };
    },
    other: async () => {
      const relief = await duesReliefIn(deptB, unitB);
      return { url: `/api/dues/reliefs/${relief.id}`, body: { ...reliefBody(deptB.id), version: relief.version } };
    },
  },
  'GET /api/dues/ledger': {
    own: async () => ({ url: `/api/dues/ledger?orgId=${deptA.id}` }),
    other: async () => ({ url: `/api/dues/ledger?orgId=${deptB.id}` }),
  },
  'POST /api/dues/payments': {
    own: async () => {
      const m = await duesMemberIn(deptA, unitA);
      return {
        url: '/api/dues/payments',
        body: { orgId: deptA.id, items: [{ memberId: m.memberId, month: m.month, paidFen: 5000, paidOn: m.today, method: 'online' }] },
      };
    },
    other: async () => {
      const m = await duesMemberIn(deptB, unitB);
      return {
        url: '/api/dues/payments',
        body: { orgId: deptB.id, items: [{ memberId: m.memberId, month: m.month, paidFen: 5000, paidOn: m.today, method: 'online' }] },
      };
    },
  },
  'DELETE /api/dues/payments/:id': {
    own: async () => {
      const p = await duesPaymentIn(deptA, unitA);
      return { url: `/api/dues/payments/${p.id}?version=${p.version}` };
    },
    other: async () => {
      const p = await duesPaymentIn(deptB, unitB);
      return { url: `/api/dues/payments/${p.id}?version=${p.version}` };
    },
  },
  'GET /api/dues/arrears': {
    own: async () => ({ url: `/api/dues/arrears?orgId=${deptA.id}` }),
    other: async () => ({ url: `/api/dues/arrears?orgId=${deptB.id}` }),
  },
  'GET /api/dues/alerts': {
    own: async () => ({ url: `/api/dues/alerts?orgId=${deptA.id}` }),
    other: async () => ({ url: `/api/dues/alerts?orgId=${deptB.id}` }),
  },
  'GET /api/dues/reverify': {
    own: async () => ({ url: `/api/dues/reverify?orgId=${deptA.id}` }),
    other: async () => ({ url: `/api/dues/reverify?orgId=${deptB.id}` }),
  },
  'GET /api/dues/totals': {
    own: async () => ({ url: `/api/dues/totals?orgId=${deptA.id}&period=year` }),
    other: async () => ({ url: `/api/dues/totals?orgId=${deptB.id}&period=year` }),
  },
  'GET /api/special-dues': {
    own: async () => {
      await campaignsOnce();
      return { url: '/api/special-dues?pageSize=200' };
    },
    leaks: (res) => JSON.stringify(res.json()).includes(deptB.id),
  },
  'POST /api/special-dues': {
    own: async () => ({ url: '/api/special-dues', body: { orgId: deptA.id, title: unique('矩阵'), reason: 'epidemic', startedOn: shanghaiDate(new Date()) } }),
    other: async () => ({
      url: '/api/special-dues',
      body: { orgId: deptB.id, title: unique('矩阵'), reason: 'epidemic', startedOn: shanghaiDate(new Date()) },
    }),
  },
  'GET /api/special-dues/:id': {
    own: async () => ({ url: `/api/special-dues/${(await campaignsOnce()).a}` }),
    other: async () => ({ url: `/api/special-dues/${(await campaignsOnce()).b}` }),
  },
  'PATCH /api/special-dues/:id': {
    own: async () => ({
      url: `/api/special-dues/${await campaignIn(deptA)}`,
      body: { title: unique('改名'), reason: 'other', startedOn: shanghaiDate(new Date()), version: 1 },
    }),
    other: async () => ({
      url: `/api/special-dues/${await campaignIn(deptB)}`,
      body: { title: unique('改名'), reason: 'other', startedOn: shanghaiDate(new Date()), version: 1 },
    }),
  },
  'GET /api/special-dues/:id/contributions': {
    own: async () => ({ url: `/api/special-dues/${(await campaignsOnce()).a}/contributions` }),
    other: async () => ({ url: `/api/special-dues/${(await campaignsOnce()).b}/contributions` }),
  },
  'POST /api/special-dues/:id/contributions': {
    own: async () => ({ url: `/api/special-dues/${(await campaignsOnce()).a}/contributions`, body: await contributionBody(deptA, unitA) }),
    other: async () => ({ url: `/api/special-dues/${(await campaignsOnce()).b}/contributions`, body: await contributionBody(deptB, unitB) }),
  },
  'DELETE /api/special-dues/contributions/:id': {
    own: async () => ({ url: `/api/special-dues/contributions/${await contributionIn(deptA, unitA)}` }),
    other: async () => ({ url: `/api/special-dues/contributions/${await contributionIn(deptB, unitB)}` }),
  },
  'GET /api/special-dues/:id/totals': {
    own: async () => ({ url: `/api/special-dues/${(await campaignsOnce()).a}/totals` }),
    other: async () => ({ url: `/api/special-dues/${(await campaignsOnce()).b}/totals` }),
  },
  'GET /api/development/board': {
    own: async () => {
      developmentOfB ||= (await developmentCaseIn(deptB, unitB)).id;
      return { url: '/api/development/board' };
    },
    other: async () => ({ url: `/api/development/board?under=${deptB.id}` }),
    leaks: (res) => JSON.stringify(res.json()).includes(developmentOfB),
  },
  'GET /api/development/cases': {
    own: async () => {
      developmentOfB ||= (await developmentCaseIn(deptB, unitB)).id;
      return { url: '/api/development/cases?pageSize=200' };
    },
    other: async () => ({ url: `/api/development/cases?under=${deptB.id}` }),
    leaks: (res) => JSON.stringify(res.json()).includes(developmentOfB),
  },
  'POST /api/development/cases': {
    own: async () => ({ url: '/api/development/cases', body: await applicationIn(deptA, unitA) }),
    other: async () => ({ url: '/api/development/cases', body: await applicationIn(deptB, unitB) }),
  },
  'GET /api/development/cases/:id': {
    own: async () => ({ url: `/api/development/cases/${(await developmentCaseIn(deptA, unitA)).id}` }),
    other: async () => ({ url: `/api/development/cases/${(await developmentCaseIn(deptB, unitB)).id}` }),
  },
  'PATCH /api/development/cases/:id': {
    own: async () => {
      const c = await developmentCaseIn(deptA, unitA);
      return { url: `/api/development/cases/${c.id}`, body: c.edit };
    },
    other: async () => {
      const c = await developmentCaseIn(deptB, unitB);
      return { url: `/api/development/cases/${c.id}`, body: c.edit };
    },
  },
  'POST /api/development/cases/:id/steps': {
    own: async () => {
      const c = await developmentCaseIn(deptA, unitA);
      return { url: `/api/development/cases/${c.id}/steps`, body: { version: c.version, step: 2, doneOn: '2023-03-20' } };
    },
    other: async () => {
      const c = await developmentCaseIn(deptB, unitB);
      return { url: `/api/development/cases/${c.id}/steps`, body: { version: c.version, step: 2, doneOn: '2023-03-20' } };
    },
  },
  'POST /api/development/cases/:id/steps/withdraw': {
    own: async () => {
      const c = await caseWithTwoSteps(deptA, unitA);
      return { url: `/api/development/cases/${c.id}/steps/withdraw`, body: c.body };
    },
    other: async () => {
      const c = await caseWithTwoSteps(deptB, unitB);
      return { url: `/api/development/cases/${c.id}/steps/withdraw`, body: c.body };
    },
  },
  'POST /api/development/cases/:id/stop': {
    own: async () => {
      const c = await developmentCaseIn(deptA, unitA);
      return { url: `/api/development/cases/${c.id}/stop`, body: { version: c.version, stoppedOn: '2024-01-05', reason: '矩阵终止' } };
    },
    other: async () => {
      const c = await developmentCaseIn(deptB, unitB);
      return { url: `/api/development/cases/${c.id}/stop`, body: { version: c.version, stoppedOn: '2024-01-05', reason: '矩阵终止' } };
    },
  },
  'GET /api/meetings': {
    own: async () => {
      meetingOfB ||= (await meetingIn(deptB, unitB)).id;
      return { url: '/api/meetings?pageSize=200' };
    },
    other: async () => ({ url: `/api/meetings?under=${deptB.id}` }),
    leaks: (res) => JSON.stringify(res.json()).includes(meetingOfB),
  },
  'GET /api/meetings/calendar': {
    own: async () => ({ url: `/api/meetings/calendar?month=${thisMonth()}&under=${deptA.id}` }),
    other: async () => ({ url: `/api/meetings/calendar?month=${thisMonth()}&under=${deptB.id}` }),
  },
  'POST /api/meetings': {
    own: async () => ({
      url: '/api/meetings',
      body: { orgId: (await branchIn(deptA, unitA)).id, kind: 'themeDay', startsAt: new Date().toISOString(), place: '矩阵' },
    }),
    other: async () => ({
      url: '/api/meetings',
      body: { orgId: (await branchIn(deptB, unitB)).id, kind: 'themeDay', startsAt: new Date().toISOString(), place: '矩阵' },
    }),
  },
  'GET /api/meetings/:id': {
    own: async () => ({ url: `/api/meetings/${(await meetingIn(deptA, unitA)).id}` }),
    other: async () => ({ url: `/api/meetings/${(await meetingIn(deptB, unitB)).id}` }),
  },
  'PATCH /api/meetings/:id': {
    own: async () => {
      const m = await meetingIn(deptA, unitA);
      return { url: `/api/meetings/${m.id}`, body: { version: m.version, minutes: '矩阵记录' } };
    },
    other: async () => {
      const m = await meetingIn(deptB, unitB);
      return { url: `/api/meetings/${m.id}`, body: { version: m.version, minutes: '矩阵记录' } };
    },
  },
  'PUT /api/meetings/:id/attendance/:memberId': {
    own: async () => {
      const m = await meetingIn(deptA, unitA);
      return { url: `/api/meetings/${m.id}/attendance/${m.memberId}`, body: { status: 'present' } };
    },
    other: async () => {
      const m = await meetingIn(deptB, unitB);
      return { url: `/api/meetings/${m.id}/attendance/${m.memberId}`, body: { status: 'present' } };
    },
  },
  'DELETE /api/meetings/:id/attendance/:memberId': {
    own: async () => {
      const m = await meetingIn(deptA, unitA);
      return { url: `/api/meetings/${m.id}/attendance/${m.memberId}` };
    },
    other: async () => {
      const m = await meetingIn(deptB, unitB);
      return { url: `/api/meetings/${m.id}/attendance/${m.memberId}` };
    },
  },
  'POST /api/meetings/:id/observers': {
    own: async () => ({ url: `/api/meetings/${(await meetingIn(deptA, unitA)).id}/observers`, body: { name: '矩阵列席', fromOrg: '矩阵工委' } }),
    other: async () => ({ url: `/api/meetings/${(await meetingIn(deptB, unitB)).id}/observers`, body: { name: '矩阵列席', fromOrg: '矩阵工委' } }),
  },
  'DELETE /api/meetings/:id/observers/:observerId': {
    own: async () => {
      const { meeting, partId } = await meetingWith(deptA, unitA, 'observers');
      return { url: `/api/meetings/${meeting.id}/observers/${partId}` };
    },
    other: async () => {
      const { meeting, partId } = await meetingWith(deptB, unitB, 'observers');
      return { url: `/api/meetings/${meeting.id}/observers/${partId}` };
    },
  },
  'POST /api/meetings/:id/resolutions': {
    own: async () => {
      const m = await meetingIn(deptA, unitA);
      await rootAdmin.request('PUT', `/api/meetings/${m.id}/attendance/${m.memberId}`, { status: 'present' });
      return { url: `/api/meetings/${m.id}/resolutions`, body: { title: '矩阵决议', votesFor: 1, votesAgainst: 0, votesAbstain: 0 } };
    },
    other: async () => ({
      url: `/api/meetings/${(await meetingIn(deptB, unitB)).id}/resolutions`,
      body: { title: '矩阵决议', votesFor: 1, votesAgainst: 0, votesAbstain: 0 },
    }),
  },
  'DELETE /api/meetings/:id/resolutions/:resolutionId': {
    own: async () => {
      const { meeting, partId } = await meetingWith(deptA, unitA, 'resolutions');
      return { url: `/api/meetings/${meeting.id}/resolutions/${partId}` };
    },
    other: async () => {
      const { meeting, partId } = await meetingWith(deptB, unitB, 'resolutions');
      return { url: `/api/meetings/${meeting.id}/resolutions/${partId}` };
    },
  },
  'PUT /api/meetings/:id/reviews': {
    own: async () => {
      const m = await meetingIn(deptA, unitA, 'memberReview');
      return { url: `/api/meetings/${m.id}/reviews`, body: { grades: [{ memberId: m.memberId, grade: 'qualified' }] } };
    },
    other: async () => {
      const m = await meetingIn(deptB, unitB, 'memberReview');
      return { url: `/api/meetings/${m.id}/reviews`, body: { grades: [{ memberId: m.memberId, grade: 'qualified' }] } };
    },
  },
  'POST /api/meetings/:id/attachments': {
    own: async () => uploadCall((await meetingIn(deptA, unitA)).id),
    other: async () => uploadCall((await meetingIn(deptB, unitB)).id),
  },
  'GET /api/meetings/:id/attachments/:attachmentId': {
    own: async () => {
      const { meeting, partId } = await meetingWith(deptA, unitA, 'attachments');
      return { url: `/api/meetings/${meeting.id}/attachments/${partId}` };
    },
    other: async () => {
      const { meeting, partId } = await meetingWith(deptB, unitB, 'attachments');
      return { url: `/api/meetings/${meeting.id}/attachments/${partId}` };
    },
  },
  'DELETE /api/meetings/:id/attachments/:attachmentId': {
    own: async () => {
      const { meeting, partId } = await meetingWith(deptA, unitA, 'attachments');
      return { url: `/api/meetings/${meeting.id}/attachments/${partId}` };
    },
    other: async () => {
      const { meeting, partId } = await meetingWith(deptB, unitB, 'attachments');
      return { url: `/api/meetings/${meeting.id}/attachments/${partId}` };
    },
  },
  'GET /api/checkin/:token': { own: async () => ({ url: `/api/checkin/${(await meetingIn(deptA, unitA)).token}` }) },
  'POST /api/checkin/:token': {
    // Every role's login is linked to a member of department A, whom a general meeting of department A expects.
    own: async () => {
      await linkLogins();
      const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();
      const res = await rootAdmin.post('/api/meetings', { orgId: deptA.id, kind: 'generalMeeting', startsAt, place: '矩阵会议室' });
      return { url: `/api/checkin/${(res.json() as { checkin: { token: string } }).checkin.token}` };
    },
  },
  'GET /api/orglife/mine': { own: async () => ({ url: '/api/orglife/mine' }) },
  'GET /api/orglife/attendance/orgs': {
    own: async () => ({ url: `/api/orglife/attendance/orgs?${ratesOf(deptA)}` }),
    other: async () => ({ url: `/api/orglife/attendance/orgs?${ratesOf(deptB)}` }),
  },
  'GET /api/orglife/attendance/members': {
    own: async () => ({ url: `/api/orglife/attendance/members?${ratesOf(deptA)}` }),
    other: async () => ({ url: `/api/orglife/attendance/members?${ratesOf(deptB)}` }),
  },
  'GET /api/orglife/compliance': {
    own: async () => ({ url: '/api/orglife/compliance?pageSize=1000' }),
    other: async () => ({ url: `/api/orglife/compliance?orgId=${deptB.id}` }),
    leaks: (res) => JSON.stringify(res.json()).includes(deptB.id),
  },
  'GET /api/orglife/compliance/export': {
    own: async () => ({ url: `/api/orglife/compliance/export?orgId=${deptA.id}` }),
    other: async () => ({ url: `/api/orglife/compliance/export?orgId=${deptB.id}` }),
  },
  'GET /api/orglife/compliance/orgs/:id': {
    own: async () => ({ url: `/api/orglife/compliance/orgs/${deptA.id}` }),
    other: async () => ({ url: `/api/orglife/compliance/orgs/${deptB.id}` }),
  },
  'GET /api/orglife/exemptions': {
    own: async () => {
      await exemptionIn(deptB, unitB);
      return { url: '/api/orglife/exemptions?pageSize=200' };
    },
    other: async () => ({ url: `/api/orglife/exemptions?orgId=${deptB.id}` }),
    leaks: (res) => (res.json() as { items: { id: string }[] }).items.some((e) => exemptionsOfB.has(e.id)),
  },
  'POST /api/orglife/exemptions': {
    own: async () => ({ url: '/api/orglife/exemptions', body: exemptionBody((await branchIn(deptA, unitA)).id) }),
    other: async () => ({ url: '/api/orglife/exemptions', body: exemptionBody((await branchIn(deptB, unitB)).id) }),
  },
  'DELETE /api/orglife/exemptions/:id': {
    own: async () => ({ url: `/api/orglife/exemptions/${await exemptionIn(deptA, unitA)}` }),
    other: async () => ({ url: `/api/orglife/exemptions/${await exemptionIn(deptB, unitB)}` }),
  },
  'GET /api/notices': { own: async () => ({ url: '/api/notices?state=all' }) },
  'GET /api/notices/summary': { own: async () => ({ url: '/api/notices/summary' }) },
  'POST /api/notices/read': { own: async () => ({ url: '/api/notices/read', body: { all: true } }) },
  'GET /api/notices/webhooks': {
    own: async () => {
      await webhookIn(deptB);
      return { url: '/api/notices/webhooks' };
    },
    leaks: (res) => (res.json() as { id: string }[]).some((w) => webhooksOfB.has(w.id)),
  },
  'POST /api/notices/webhooks': {
    own: async () => ({ url: '/api/notices/webhooks', body: webhookBody(deptA.id) }),
    other: async () => ({ url: '/api/notices/webhooks', body: webhookBody(deptB.id) }),
  },
  'PATCH /api/notices/webhooks/:id': {
    own: async () => ({ url: `/api/notices/webhooks/${await webhookIn(deptA)}`, body: { version: 1, name: '改名群' } }),
    other: async () => ({ url: `/api/notices/webhooks/${await webhookIn(deptB)}`, body: { version: 1, name: '改名群' } }),
  },
  'DELETE /api/notices/webhooks/:id': {
    own: async () => ({ url: `/api/notices/webhooks/${await webhookIn(deptA)}` }),
    other: async () => ({ url: `/api/notices/webhooks/${await webhookIn(deptB)}` }),
  },
  'GET /api/notices/webhooks/:id/deliveries': {
    own: async () => ({ url: `/api/notices/webhooks/${await webhookIn(deptA)}/deliveries` }),
    other: async () => ({ url: `/api/notices/webhooks/${await webhookIn(deptB)}/deliveries` }),
  },
  'POST /api/notices/webhooks/:id/test': {
    own: async () => ({ url: `/api/notices/webhooks/${await webhookIn(deptA)}/test` }),
    other: async () => ({ url: `/api/notices/webhooks/${await webhookIn(deptB)}/test` }),
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
      const res = await session.request(route.method as 'GET', call.url, call.body, call.headers);
      const allowed = route.access === 'public' || route.access === 'authenticated' || roleGrants(role, route.access);
      const expectedOwn = allowed ? res.statusCode < 300 || (key.startsWith('POST /api/auth/') && [401, 422].includes(res.statusCode)) : res.statusCode === 403;
      if (!expectedOwn) failures.push(`${key} own: ${res.statusCode} ${res.body.slice(0, 120)}`);
      if (allowed && entry.leaks && res.statusCode === 200 && entry.leaks(res)) failures.push(`${key}: shows department B's records`);
      if (entry.other && route.access !== 'public' && route.access !== 'authenticated') {
        const otherCall = await entry.other();
        const other = await session.request(route.method as 'GET', otherCall.url, otherCall.body, otherCall.headers);
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
