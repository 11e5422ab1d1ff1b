import type { Notice, NoticeRead, noticeListQuery } from '@hangbiao/shared/contracts/notices';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireActor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { pageOf } from '../../platform/rows';
import { notices } from './notices.tables';

function toNotice(row: typeof notices.$inferSelect): Notice {
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity,
    title: row.title,
    body: row.body,
    link: row.link,
    orgId: row.orgId,
    readAt: row.readAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// Inbox items are the reader's own: every query is narrowed to the signed-in user, whatever their roles.
// Reading one is a personal flag on an item the system wrote, not a change to any record, so it is not audited.

export async function listNotices(ctx: Ctx, query: z.infer<typeof noticeListQuery>) {
  const actor = requireActor(ctx);
  const where = and(
    eq(notices.userId, actor.id),
    query.state === 'all' ? undefined : isNull(notices.resolvedAt),
    query.state === 'unread' ? isNull(notices.readAt) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select()
      .from(notices)
      .where(where)
      .orderBy(sql`${notices.resolvedAt} is not null`, desc(notices.updatedAt), desc(notices.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: sql<number>`count(*)::int` }).from(notices).where(where),
  ]);
  return pageOf(rows.map(toNotice), total?.n ?? 0, query);
}

export async function noticeCounts(ctx: Ctx) {
  const actor = requireActor(ctx);
  const [row] = await ctx.read
    .select({
      open: sql<number>`count(*)::int`,
      unread: sql<number>`count(*) filter (where ${notices.readAt} is null)::int`,
    })
    .from(notices)
    .where(and(eq(notices.userId, actor.id), isNull(notices.resolvedAt)));
  return { open: row?.open ?? 0, unread: row?.unread ?? 0 };
}

/** Marks the caller's items read, the listed ones or all; returns how many were unread. */
export async function markRead(ctx: Ctx, input: NoticeRead) {
  const actor = requireActor(ctx);
  const rows = await ctx.db
    .update(notices)
    .set({ readAt: ctx.now })
    .where(and(eq(notices.userId, actor.id), isNull(notices.readAt), input.ids ? inArray(notices.id, input.ids) : undefined))
    .returning({ id: notices.id });
  return { marked: rows.length };
}
