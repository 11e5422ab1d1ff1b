import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from './context';
import { AppError } from './errors';

type Versioned = PgTable & { id: AnyPgColumn; version: AnyPgColumn; updatedAt: AnyPgColumn };

/**
 * Optimistic concurrency: updates the row only if it still has the version the client saw;
 * otherwise 409 stale_version and nothing changes.
 */
export async function updateVersioned<T extends Versioned>(ctx: Ctx, table: T, id: string, version: number, values: Record<string, unknown>) {
  const result = (await ctx.db
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: ctx.now } as never)
    .where(and(eq(table.id, id), eq(table.version, version)) as SQL)
    .returning()) as T['$inferSelect'][];
  const [row] = result;
  if (!row) throw new AppError('stale_version');
  return row;
}

/** The usual paging envelope around a page of items. */
export function pageOf<T>(items: T[], total: number, query: { page: number; pageSize: number }) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern matching user search text anywhere, its wildcards escaped. */
export function likeText(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern matching user search text at the start, which a btree on a "C"-collated column serves. */
export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}
