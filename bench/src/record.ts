import type { Query } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type Db, sessionOptions } from '../../apps/server/src/db/client';
import * as schema from '../../apps/server/src/db/schema';

/**
 * Statements as a service sent them, recorded at the driver: each session is one connection's turn (a single query, or
 * a transaction with its `begin`, `set local` and `commit`), run in order on one connection; the sessions of a step
 * were opened together (a `Promise.all` of reads) and run together; the steps ran one after another.
 */
export interface Session {
  statements: Query[];
  /** PGlite opens and closes a transaction itself, so its sessions carry no `begin` and `commit` of their own. */
  transaction: boolean;
}
export type Steps = Session[][];

export interface Recording {
  /** A Drizzle database whose every statement is recorded as it is sent. */
  db: Db;
  steps: Steps;
  close(): Promise<void>;
}

/** Sessions opened in the same turn of the event loop form one step. */
class StepRecorder {
  readonly steps: Steps = [];
  private open = false;

  session(transaction: boolean): Session {
    if (!this.open) {
      this.steps.push([]);
      this.open = true;
      setImmediate(() => {
        this.open = false;
      });
    }
    const session: Session = { statements: [], transaction };
    this.steps.at(-1)?.push(session);
    return session;
  }
}

type QueryArgs = [config: string | { text: string; values?: unknown[] }, values?: unknown];

const statementOf = ([config, values]: QueryArgs): Query =>
  typeof config === 'string'
    ? { sql: config, params: Array.isArray(values) ? values : [] }
    : { sql: config.text, params: Array.isArray(values) ? values : (config.values ?? []) };

/** A pool of its own whose checkouts are recorded: `pool.query` checks a client out too, so every statement is seen once. */
export function recordPostgres(url: string): Recording {
  const pool = new pg.Pool({ connectionString: url, max: 4, options: sessionOptions });
  const recorder = new StepRecorder();
  const sessionOf = new WeakMap<pg.PoolClient, Session>();
  const watched = new WeakSet<pg.PoolClient>();
  const watch = (client: pg.PoolClient | undefined, session: Session) => {
    if (!client) return;
    sessionOf.set(client, session);
    if (watched.has(client)) return;
    watched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      sessionOf.get(client)?.statements.push(statementOf(args as QueryArgs));
      return query(...args);
    }) as typeof client.query;
  };
  const connect = pool.connect.bind(pool) as (callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: unknown) => void) => unknown;
  pool.connect = ((callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: unknown) => void) => {
    const session = recorder.session(false);
    if (callback)
      return connect((error, client, done) => {
        watch(client, session);
        callback(error, client, done);
      });
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      watch(client, session);
      return client;
    });
  }) as typeof pool.connect;
  return { db: drizzlePg(pool, { schema }) as unknown as Db, steps: recorder.steps, close: () => pool.end() };
}

export async function replayPostgres(pool: pg.Pool, steps: Steps): Promise<void> {
  for (const step of steps) {
    await Promise.all(
      step.map(async ({ statements }) => {
        const client = await pool.connect();
        try {
          for (const statement of statements) await client.query(statement.sql, statement.params);
        } finally {
          client.release();
        }
      }),
    );
  }
}

/** The part of PGlite that Drizzle uses. */
export interface PgliteClient {
  query(text: string, params?: unknown[], options?: unknown): Promise<{ rows: unknown[] }>;
  transaction<T>(fn: (tx: PgliteClient) => Promise<T>): Promise<T>;
}

/** The one PGlite instance, wrapped; a transaction's session is opened when it is asked for, not when PGlite grants it. */
export function recordPglite(client: PgliteClient): Recording {
  const recorder = new StepRecorder();
  const recorded = (target: PgliteClient, session?: Session): PgliteClient => ({
    query: (text, params, options) => {
      (session ?? recorder.session(false)).statements.push({ sql: text, params: params ?? [] });
      return target.query(text, params, options);
    },
    transaction: (fn) => {
      const opened = recorder.session(true);
      return target.transaction((tx) => fn(recorded(tx, opened)));
    },
  });
  const db = drizzlePglite(recorded(client) as unknown as ReturnType<typeof drizzlePglite>['$client'], { schema }) as unknown as Db;
  return { db, steps: recorder.steps, close: async () => undefined };
}

export async function replayPglite(client: PgliteClient, steps: Steps): Promise<void> {
  const run = async (target: PgliteClient, statements: Query[]) => {
    for (const statement of statements) await target.query(statement.sql, statement.params);
  };
  for (const step of steps) {
    await Promise.all(step.map((session) => (session.transaction ? client.transaction((tx) => run(tx, session.statements)) : run(client, session.statements))));
  }
}
