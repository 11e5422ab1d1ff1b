import { z } from 'zod';
import { id, isoDate, paged, pageQuery } from './common';

export const auditQuery = pageQuery.extend({
  action: z.string().max(60).optional(),
  entityType: z.string().max(40).optional(),
  entityId: id.optional(),
  actorId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgId: id.nullable(),
  summary: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditPage = paged(auditEntry);

export const auditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
});
export type AuditVerify = z.infer<typeof auditVerify>;

export const health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  migration: z.string().nullable(),
  demo: z.boolean(),
});
