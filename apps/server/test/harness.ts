import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemberFields } from '@hangbiao/shared/contracts/members';
import type { OrgKind, Role, UnitType } from '@hangbiao/shared/glossary';
import { idNumberFacts, makeIdNumber } from '@hangbiao/shared/id-number';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { type Database, openDatabase, rowsOf } from '../src/db/client';
import { members, orgs, orgVersions, roleAssignments, units, users } from '../src/db/schema';
import { registryValues } from '../src/modules/members/members.service';
import { hashPassword } from '../src/platform/auth';
import { newId } from '../src/platform/ids';
import { sealerFor } from '../src/platform/secrets';

export type DbKind = 'pglite' | 'postgres';
export const dbKind: DbKind = process.env.HB_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh database for one test file: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function openTestDatabase(): Promise<Database & { drop(): Promise<void>; url?: string }> {
  if (dbKind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return { ...database, drop: () => database.close() };
  }
  const name = `hb_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL for integration tests is unreachable at TEST_DATABASE_URL=${adminUrl}: ${(error as Error).message}`);
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Reads go through a second pool, as with a replica (DATABASE_READ_URL), so that path is exercised too.
  const database = await openDatabase({ url: url.toString(), readUrl: url.toString(), dataDir: '' });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const testPassword = 'Test-password-2026';

export interface Session {
  user: { id: string; username: string };
  cookie: string;
  csrf: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export interface Department {
  committee: { id: string; path: string };
  unitId: string;
  dept: { id: string; path: string; name: string };
  admin: Session;
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
  /** A new working committee (root org) with its own name, so tests never share data. */
  newCommittee(): Promise<{ id: string; path: string }>;
  newUnit(committeeId: string, overrides?: Partial<{ name: string; type: UnitType }>): Promise<{ id: string; name: string }>;
  newOrg(
    parent: { id: string; path: string; committeeId?: string },
    overrides?: Partial<{ kind: OrgKind; name: string; unitId: string | null; establishedOn: string }>,
  ): Promise<{ id: string; path: string; name: string }>;
  newUser(role: Role, orgId: string): Promise<{ id: string; username: string }>;
  /** A member of `orgId` with a valid, unique ID number; fields may be overridden. */
  newMember(orgId: string, overrides?: Partial<MemberFields & { status: MemberRow['status'] }>): Promise<{ id: string; name: string; idNumber: string }>;
  /** A new committee with one department (a unit and its unit Party committee) and its committee admin signed in. */
  newDepartment(): Promise<Department>;
  login(user: { username: string }, password?: string): Promise<Session>;
  as(role: Role, orgId: string): Promise<Session>;
}

type MemberRow = typeof members.$inferSelect;

let counter = 0;
let idSequence = 0;
/**
 * A valid ID number no other member of this test file's database has: the sequence fills the region code and the
 * three-digit suffix. Region codes starting 99 belong to no province, so none is a real person's.
 */
export function uniqueIdNumber(birthDate = '1985-06-15'): string {
  idSequence += 1;
  return makeIdNumber(`99${String(Math.floor(idSequence / 1000)).padStart(4, '0')}`, birthDate, idSequence % 1000);
}

let applicants = 0;

/** The body of a development application in `orgId` (POST /api/development/cases), its person unique in the run. */
export function applicant(orgId: string, overrides: Record<string, unknown> = {}, birth = '1995-05-05') {
  const idNumber = uniqueIdNumber(birth);
  applicants += 1;
  const facts = idNumberFacts(idNumber);
  return {
    orgId,
    // Unique within the file by the counter: a test finds its applicant's case by name.
    name: `申请人${applicants.toString(36)}${Date.now().toString(36).slice(-4)}`,
    gender: facts?.gender,
    ethnicity: 'han',
    idNumber,
    birthDate: facts?.birthDate,
    education: 'bachelor',
    jobPost: 'civilServant',
    phone: '13800001111',
    appliedOn: '2023-03-01',
    documents: [{ name: '入党申请书' }],
    ...overrides,
  };
}

export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  // Files a test stores (meeting attachments) go to a directory of its own, removed with the context.
  const dataDir = mkdtempSync(join(tmpdir(), 'hb-test-'));
  const config = {
    ...loadConfig({
      LOG_LEVEL: 'silent',
      LOGIN_RATE_MAX: '1000',
      VALIDATE_RESPONSES: '1',
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
    }),
    ...overrides,
  };
  const app = await buildApp({ config, database, sessionSecret: randomBytes(32).toString('hex'), demo: false });
  const passwordHash = await hashPassword(testPassword);
  const committeeOf = new Map<string, string>();
  // Orgs made by the builders are remembered; seeded ones are looked up.
  const committeeFor = async (orgId: string) =>
    committeeOf.get(orgId) ??
    (await rowsOf<{ committee_id: string }>(database.db, sql`select committee_id from orgs where id = ${orgId}`))[0]?.committee_id ??
    '';

  const ctx: TestContext = {
    app,
    database,
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async newCommittee() {
      const id = newId();
      const name = unique('测试工委');
      await database.db.insert(orgs).values({ id, committeeId: id, path: `/${id}/`, depth: 0, kind: 'committee', name, establishedOn: '2000-01-01' });
      await database.db.insert(orgVersions).values({ id: newId(), committeeId: id, orgId: id, name, kind: 'committee', validFrom: '2000-01-01' });
      committeeOf.set(id, id);
      return { id, path: `/${id}/` };
    },
    async newUnit(committeeId, o = {}) {
      const id = newId();
      const name = o.name ?? unique('测试局');
      await database.db.insert(units).values({ id, committeeId, name, type: o.type ?? 'government', regionLevel: 'city', regionName: '鸿雁市' });
      return { id, name };
    },
    async newOrg(parent, o = {}) {
      const id = newId();
      const committeeId = await committeeFor(parent.id);
      const name = o.name ?? unique('测试党支部');
      const kind = o.kind ?? 'branch';
      const established = o.establishedOn ?? '2010-01-01';
      const path = `${parent.path}${id}/`;
      await database.db.insert(orgs).values({
        id,
        committeeId,
        parentId: parent.id,
        path,
        depth: path.split('/').filter(Boolean).length - 1,
        kind,
        name,
        unitId: o.unitId ?? null,
        establishedOn: established,
      });
      await database.db.insert(orgVersions).values({ id: newId(), committeeId, orgId: id, parentId: parent.id, name, kind, validFrom: established });
      await database.db.execute(sql`update orgs set child_count = child_count + 1 where id = ${parent.id}`);
      committeeOf.set(id, committeeId);
      return { id, path, name };
    },
    async newUser(role, orgId) {
      const id = newId();
      const username = unique('u');
      const committeeId = await committeeFor(orgId);
      await database.db.insert(users).values({ id, committeeId, username, displayName: `测试${role}`, passwordHash });
      await database.db.insert(roleAssignments).values({ id: newId(), committeeId, userId: id, role, orgId });
      return { id, username };
    },
    async newMember(orgId, o = {}) {
      const id = newId();
      const committeeId = await committeeFor(orgId);
      const idNumber = o.idNumber ?? uniqueIdNumber(o.birthDate);
      const facts = idNumberFacts(idNumber);
      const fields = {
        name: unique('党员').slice(0, 12),
        gender: facts?.gender ?? 'male',
        ethnicity: 'han',
        birthDate: facts?.birthDate ?? '1985-06-15',
        education: 'bachelor',
        joinedOn: '2010-07-01',
        fullOn: o.category === 'probationary' ? null : '2011-07-01',
        jobPost: 'civilServant',
        phone: '13900000000',
        ...o,
        idNumber,
      } satisfies Omit<MemberFields, 'orgId' | 'category'>;
      await database.db.insert(members).values({
        id,
        committeeId,
        orgId,
        category: o.category ?? 'full',
        status: o.status ?? 'active',
        statusSince: fields.joinedOn,
        ...registryValues(sealerFor(config), fields),
      });
      return { id, name: fields.name, idNumber };
    },
    async newDepartment() {
      const committee = await ctx.newCommittee();
      const unitId = (await ctx.newUnit(committee.id)).id;
      const dept = await ctx.newOrg(committee, { kind: 'unitCommittee', unitId, name: unique('测试局机关党委'), establishedOn: '2000-01-01' });
      return { committee, unitId, dept, admin: await ctx.as('committee_admin', committee.id) };
    },
    async login(user, password = testPassword) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const me = res.json() as { id: string; csrfToken: string };
      const request: Session['request'] = (method, url, body, headers = {}) =>
        app.inject({
          method,
          url,
          headers: { cookie, 'x-csrf-token': me.csrfToken, ...headers },
          ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
        });
      return {
        user: { id: me.id, username: user.username },
        cookie,
        csrf: me.csrfToken,
        request,
        get: (url) => request('GET', url),
        post: (url, body) => request('POST', url, body ?? {}),
        patch: (url, body) => request('PATCH', url, body ?? {}),
        del: (url) => request('DELETE', url),
      };
    },
    async as(role, orgId) {
      return ctx.login(await ctx.newUser(role, orgId));
    },
  };
  return ctx;
}
