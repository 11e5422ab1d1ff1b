import type { AuditEntry, AuditVerify, auditQuery } from '@hangbiao/shared/contracts/audit';
import { addDays } from '@hangbiao/shared/dates';
import { and, desc, eq, gte, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { coversRoot, pathInScope, requireActor, scopeOf } from '../../platform/access';
import { verifyAudit } from '../../platform/audit';
import { auditLog } from '../../platform/audit.tables';
import type { Ctx } from '../../platform/context';
import { pageOf } from '../../platform/rows';

function toEntry(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    orgId: row.orgId,
    summary: row.summary,
  };
}

// Dates are Asia/Shanghai calendar days: [from 00:00, to+1 00:00) at +08:00.
const startOf = (date: string) => `${date}T00:00:00+08:00`;

export async function listAudit(ctx: Ctx, query: z.infer<typeof auditQuery>) {
  const paths = scopeOf(ctx, 'audit.read');
  const actor = requireActor(ctx);
  // Rows tied to no org (logins, units, users) are visible to those whose scope is a whole committee.
  const scope = coversRoot(paths)
    ? or(pathInScope(paths, auditLog.orgPath), and(isNull(auditLog.orgPath), eq(auditLog.committeeId, actor.committeeId)))
    : pathInScope(paths, auditLog.orgPath);
  const where = and(
    scope as SQL,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.from ? gte(auditLog.at, startOf(query.from)) : undefined,
    query.to ? lt(auditLog.at, startOf(addDays(query.to, 1))) : undefined,
  );
  const rows = await ctx.read
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const counted = await ctx.read.$count(auditLog, where);
  return pageOf(rows.map(toEntry), counted, query);
}

export async function verify(ctx: Ctx): Promise<AuditVerify> {
  scopeOf(ctx, 'audit.verify');
  return verifyAudit(ctx.db);
}
