import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness';
import { preparedRowsOf, rowsOf } from './client';

let database: Awaited<ReturnType<typeof openTestDatabase>>;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

const statement = (n: number, at: string, kinds: string[]) =>
  sql`select ${n}::int + 1 as next, ${at}::timestamptz as at, ${null}::text as nothing, 'a' in ${kinds} as listed,
    gen_random_uuid() is not null as fresh, array[${n}::int, 2] as pair`;

describe('hot statements kept prepared', () => {
  it('answer like an unprepared statement, with the same types, every time one is used', async () => {
    for (const [n, kinds] of [
      [1, ['a', 'b']],
      [41, ['c', 'd']],
    ] as const) {
      const at = new Date(Date.UTC(2026, 0, n)).toISOString();
      const prepared = await preparedRowsOf<{ at: string }>(database.db, statement(n, at, [...kinds]));
      expect(prepared).toEqual(await rowsOf(database.db, statement(n, at, [...kinds])));
      expect(new Date(String(prepared[0]?.at)).toISOString()).toBe(at);
      expect(prepared[0]).toMatchObject({ next: n + 1, nothing: null, listed: n === 1, fresh: true, pair: [n, 2] });
    }
    // PGlite is one session, so the statement is prepared there once; PostgreSQL prepares it per pooled connection.
    if (database.kind === 'pglite') {
      const [listed] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from pg_prepared_statements where statement like '%as pair'`);
      expect(listed?.n).toBe(1);
    }
  });

  it('stay usable after a use fails, which reports the database error', async () => {
    const divide = (d: number) => sql`select 10 / ${d}::int as q`;
    const failure = await preparedRowsOf(database.db, divide(0)).catch((error: Error) => error);
    expect(String((failure as Error).cause ?? failure)).toMatch(/division by zero/);
    expect(await preparedRowsOf(database.db, divide(5))).toEqual([{ q: 2 }]);
  });
});
