import { createHash } from 'node:crypto';
import type { AuditVerify } from '@hangbiao/shared/contracts/audit';
import type { AuditAction, AuditEntityType } from '@hangbiao/shared/glossary';
import { asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from './audit.tables';
import type { Ctx } from './context';

export interface AuditInput {
  /** From the glossary, so every action written has a label for the people reading the log. */
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  orgId?: string | null;
  orgPath?: string | null;
  committeeId?: string | null;
  /** Before/after of the fields that changed; never secrets. */
  summary: Record<string, unknown>;
}

const genesis = '0'.repeat(64);

/** JSON with object keys sorted, so the hash survives jsonb's key reordering. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

type AuditRow = Omit<typeof auditLog.$inferSelect, 'seq' | 'hash'>;

function hashOf(row: AuditRow): string {
  const at = new Date(row.at).toISOString();
  const body = canonical([
    row.prevHash,
    at,
    row.committeeId,
    row.actorId,
    row.actorName,
    row.action,
    row.entityType,
    row.entityId,
    row.orgId,
    row.orgPath,
    row.summary,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

// Chains are per committee so the log shards with the rest of the committee's data.
function committeeFilter(committeeId: string | null) {
  return committeeId ? eq(auditLog.committeeId, committeeId) : isNull(auditLog.committeeId);
}

/** Appends one row to the committee's chain; call it inside the transaction of the write it records. */
export async function audit(ctx: Ctx, input: AuditInput): Promise<void> {
  const committeeId = input.committeeId ?? ctx.actor?.committeeId ?? null;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${committeeId ?? ''}`}))`);
  const [last] = await ctx.db.select({ hash: auditLog.hash }).from(auditLog).where(committeeFilter(committeeId)).orderBy(desc(auditLog.seq)).limit(1);
  const row: AuditRow = {
    prevHash: last?.hash ?? genesis,
    at: ctx.now.toISOString(),
    committeeId,
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    orgId: input.orgId ?? null,
    orgPath: input.orgPath ?? null,
    summary: input.summary,
  };
  await ctx.db.insert(auditLog).values({ ...row, hash: hashOf(row) });
}

/** Recomputes every chain in order and reports the first row whose hash or link does not hold. */
export async function verifyAudit(db: Db, batch = 5000): Promise<AuditVerify> {
  const heads = new Map<string, string>();
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batch);
    for (const { seq, hash, ...row } of rows) {
      const chain = row.committeeId ?? '';
      const expectedPrev = heads.get(chain) ?? genesis;
      if (row.prevHash !== expectedPrev || hashOf(row) !== hash) return { ok: false, checked, firstBrokenSeq: seq };
      heads.set(chain, hash);
      checked += 1;
      after = seq;
    }
    if (rows.length < batch) return { ok: true, checked, firstBrokenSeq: null };
  }
}
