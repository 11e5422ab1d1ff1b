import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { buildApp } from '../../apps/server/src/app';
import { type Config, loadConfig } from '../../apps/server/src/config';
import { type Database, type Db, type DbKind, openDatabase, rowsOf, sessionOptions } from '../../apps/server/src/db/client';
import { roleAssignments, users } from '../../apps/server/src/db/schema';
import { fullDues, fullMeetings, type SeedResult, seed } from '../../apps/server/src/db/seed';
import { hashPassword, loadActor, sessionCookie, sessionIdOf } from '../../apps/server/src/platform/auth';
import type { Actor } from '../../apps/server/src/platform/context';
import { newId } from '../../apps/server/src/platform/ids';
import { sealerFor } from '../../apps/server/src/platform/secrets';
import { type PgliteClient, type Recording, recordPglite, recordPostgres, replayPglite, replayPostgres, type Steps } from './record';

export type Size = 'demo' | 'city' | 'province';

/** Runs raw SQL on the connection type the app uses: the same PGlite instance, or a pg.Pool of its own. */
export interface SqlRunner {
  run(query: SQL): Promise<unknown[]>;
  /** Statements recorded from a service, run as it ran them. */
  replay(steps: Steps): Promise<void>;
  /** A database for calling a service that records what it sends. */
  record(): Recording;
}

export interface SeededOrg {
  id: string;
  path: string;
}

/** A seeded database behind a running server on loopback, with a signed-in committee admin. */
export interface Target {
  kind: DbKind;
  version: string;
  size: Size;
  baseUrl: string;
  cookie: string;
  /** The admin session's CSRF token, for writes. */
  csrf: string;
  /** The signed-in admin as the server resolves the session, for calling services as the API does. */
  actor: Actor;
  login: { username: string; password: string };
  seedMs: number;
  counts: SeedResult['counts'];
  committeeId: string;
  root: SeededOrg;
  unitCommittee: SeededOrg;
  sql: SqlRunner;
  /** The app's own database and configuration, for the bench's set-up writes and service calls. */
  db: Db;
  config: Config;
  sessionSecret: string;
  close(): Promise<void>;
}

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Cleanup = () => Promise<void>;

async function runCleanups(cleanups: Cleanup[]) {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh empty database: in-memory PGlite, or a new PostgreSQL database that the returned cleanup drops. */
async function provision(kind: DbKind, cleanups: Cleanup[]): Promise<{ database: Database; url?: string }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    cleanups.push(() => database.close());
    return { database };
  }
  const name = `hb_bench_${randomBytes(6).toString('hex')}`;
  try {
    await adminQuery(`create database ${name}`);
  } catch (error) {
    throw new Error(`PostgreSQL is unreachable at ${adminUrl} (set BENCH_DATABASE_URL): ${(error as Error).message}`);
  }
  cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: '' });
  cleanups.push(() => database.close());
  return { database, url: url.toString() };
}

function sqlRunner(database: Database, url: string | undefined, cleanups: Cleanup[]): SqlRunner {
  if (!url) {
    // Drizzle keeps the PGlite instance it wraps as `$client`.
    const client = (database.db as unknown as { $client: PgliteClient }).$client;
    return { run: (query) => rowsOf(database.db, query), replay: (steps) => replayPglite(client, steps), record: () => recordPglite(client) };
  }
  // Services send up to four reads together (the compliance matrix); the same session settings as the app's pool,
  // so both sides plan alike.
  const pool = new pg.Pool({ connectionString: url, max: 4, options: sessionOptions });
  cleanups.push(() => pool.end());
  const dialect = new PgDialect();
  return {
    run: async (query) => {
      const compiled = dialect.sqlToQuery(query);
      return (await pool.query(compiled.sql, compiled.params)).rows;
    },
    replay: (steps) => replayPostgres(pool, steps),
    record: () => recordPostgres(url),
  };
}

async function signIn(baseUrl: string, login: Target['login']): Promise<{ cookie: string; token: string; csrf: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(login),
  });
  if (response.status !== 200) throw new Error(`bench login failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const token = cookies.find((c) => c.startsWith(`${sessionCookie}=`))?.slice(sessionCookie.length + 1);
  if (!token) throw new Error('bench login set no session cookie');
  const me = (await response.json()) as { csrfToken: string };
  return { cookie: cookies.join('; '), token, csrf: me.csrfToken };
}

export async function openTarget(kind: DbKind, size: Size): Promise<Target> {
  const cleanups: Cleanup[] = [];
  try {
    const { database, url } = await provision(kind, cleanups);
    await database.migrate();
    const seedStarted = performance.now();
    const config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_MAX: '1000000', ENCRYPTION_KEY: randomBytes(32).toString('hex') });
    const seeded = await seed(database.db, sealerFor(config), { size, meetings: fullMeetings(size), dues: fullDues(size) });
    const seedMs = performance.now() - seedStarted;
    // Vacuumed, analysed and checkpointed now, as a settled database is: otherwise autovacuum starts on the freshly
    // loaded tables mid-measurement (it did, and slowed the first scenarios on PostgreSQL), and the checkpoint after a
    // province's load spreads its writes over the first minutes of measuring.
    await database.db.execute(sql`vacuum analyze`);
    await database.db.execute(sql`checkpoint`);

    const login = { username: 'bench_admin', password: randomBytes(12).toString('hex') };
    const userId = newId();
    await database.db.insert(users).values({
      id: userId,
      committeeId: seeded.committeeId,
      username: login.username,
      displayName: '基准测试管理员',
      passwordHash: await hashPassword(login.password),
    });
    await database.db
      .insert(roleAssignments)
      .values({ id: newId(), committeeId: seeded.committeeId, userId, role: 'committee_admin', orgId: seeded.rootOrgId });

    const sampleIds = [seeded.rootOrgId, seeded.sample.unitCommitteeOrgId];
    const paths = await rowsOf<SeededOrg>(database.db, sql`select id, path from orgs where id in ${sampleIds}`);
    const pathOf = (id: string): SeededOrg => {
      const found = paths.find((p) => p.id === id);
      if (!found) throw new Error(`seeded org ${id} not found`);
      return found;
    };
    const [server] = await rowsOf<{ version: string }>(database.db, sql`select current_setting('server_version') as version`);

    const sessionSecret = randomBytes(32).toString('hex');
    const app = await buildApp({ config, database, sessionSecret, demo: false });
    cleanups.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;

    const session = await signIn(baseUrl, login);
    const actor = await loadActor(database.db, sessionIdOf(sessionSecret, session.token));
    if (!actor) throw new Error('the bench admin session did not resolve');
    return {
      kind,
      version: server?.version ?? '?',
      size,
      baseUrl,
      cookie: session.cookie,
      csrf: session.csrf,
      actor,
      login,
      seedMs,
      counts: seeded.counts,
      committeeId: seeded.committeeId,
      root: pathOf(seeded.rootOrgId),
      unitCommittee: pathOf(seeded.sample.unitCommitteeOrgId),
      sql: sqlRunner(database, url, cleanups),
      db: database.db,
      config,
      sessionSecret,
      close: () => runCleanups(cleanups),
    };
  } catch (error) {
    await runCleanups(cleanups);
    throw error;
  }
}
