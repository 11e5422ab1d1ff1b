import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite, parse as pgliteParse, protocol, type QueryOptions } from '@electric-sql/pglite';
import { type Query, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  kind: DbKind;
  db: Db;
  /** The read replica when one is configured, else the primary. */
  read: Db;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Short OLTP queries: JIT compilation only adds latency when the planner overestimates a query, and a parallel
 * worker's start costs more than it saves on the tens of thousands of rows a request reads (a figure's records page
 * took 42 ms with one, 19 without), while under load the workers only take cores from other requests.
 */
export const sessionOptions = '-c jit=off -c max_parallel_workers_per_gather=0';

export interface DatabaseOptions {
  url?: string;
  readUrl?: string;
  /** Directory of the embedded database; `memory://` keeps it in memory. */
  dataDir: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = (url: string) => {
      const p = new pg.Pool({ connectionString: url, max: 10, options: sessionOptions });
      p.on('error', () => undefined);
      return p;
    };
    const primary = pool(options.url);
    const replica = options.readUrl ? pool(options.readUrl) : undefined;
    const db = drizzlePg(primary, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      read: replica ? (drizzlePg(replica, { schema }) as unknown as Db) : db,
      migrate: () => migratePg(drizzlePg(primary, { schema }), { migrationsFolder }),
      close: async () => {
        await primary.end();
        await replica?.end();
      },
    };
  }
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  const pgliteDb = drizzlePglite(client, { schema });
  const db = pgliteDb as unknown as Db;
  return {
    kind: 'pglite',
    db,
    read: db,
    migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
    close: () => client.close(),
  };
}

const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
  entries: { when: number; tag: string }[];
};

/** Rows of a raw SQL query; both drivers return `{ rows }`. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Rows of a hot statement kept prepared on each connection, named after its text: planning a check-in's statement
 * takes ten times as long as running it, so only a connection's first use of it plans. The text must not vary with
 * values (they go in as parameters).
 */
export async function preparedRowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as { session: PgSession & { client: PGlite }; dialect: PgDialect };
  const compiled = dialect.sqlToQuery(query);
  const name = `hb_${createHash('sha256').update(compiled.sql).digest('base64url').slice(0, 32)}`;
  const prepared = session.prepareQuery(compiled, undefined, name, false) as ReturnType<PgSession['prepareQuery']> & { rawQueryConfig?: QueryOptions };
  // Outside a transaction, PGlite's own session is the client; inside one, the transaction is, and runs it unnamed.
  if (isEmbedded(db)) return pglitePrepared<T>(session.client, name, compiled, prepared.rawQueryConfig);
  const result = (await prepared.execute()) as { rows: T[] };
  return result.rows;
}

/** Whether `db` runs on embedded PGlite (outside a transaction), which has no autovacuum of its own. */
export function isEmbedded(db: Db): boolean {
  return (db as unknown as { session: { client?: unknown } }).session.client instanceof PGlite;
}

/** Per PGlite instance, the statements it holds prepared and their parameter types. */
const pgliteStatements = new WeakMap<PGlite, Map<string, number[]>>();

/**
 * PGlite's `query()` parses and plans every statement afresh. It is one session, so a statement prepared by name
 * through its wire protocol stays prepared; each use then binds, describes and executes it in one message.
 */
function pglitePrepared<T>(client: PGlite, name: string, { sql: text, params }: Query, options: QueryOptions | undefined): Promise<T[]> {
  const { serialize } = protocol;
  const send = (...messages: Uint8Array[]) => client.execProtocol(Buffer.concat(messages));
  return client._runExclusiveTransaction(() =>
    client._runExclusiveQuery(async () => {
      let statements = pgliteStatements.get(client);
      if (!statements) {
        statements = new Map();
        pgliteStatements.set(client, statements);
      }
      let types = statements.get(name);
      if (!types) {
        const described = await send(serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync());
        types = pgliteParse.parseDescribeStatementResults(described.messages);
        statements.set(name, types);
      }
      const values = params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = client.serializers[types[i] ?? 0];
        return serializer ? serializer(value) : String(value);
      });
      const { messages } = await send(serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync());
      // Parsed as drizzle's own PGlite queries parse them (dates and timestamps left as text).
      return (pgliteParse.parseResults(messages, client.parsers, options)[0]?.rows ?? []) as T[];
    }),
  );
}

/** The tag of the newest applied migration, for /api/health. */
export async function migrationVersion(db: Db): Promise<string | null> {
  const [row] = await rowsOf<{ created_at: string }>(db, sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
  const when = Number(row?.created_at);
  return journal.entries.find((e) => e.when === when)?.tag ?? null;
}
