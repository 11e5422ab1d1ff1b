import { z } from 'zod';
import { orgEventKinds, orgKinds, posts, regionLevels, unitTypes } from '../glossary';
import { id, isoDate, limits, name, paged, pageQuery, version } from './common';

// ── Units (部门/单位) ──────────────────────────────────────────────
export const unitInput = z.strictObject({
  name,
  shortName: z.string().trim().max(20).optional(),
  type: z.enum(unitTypes.keys),
  regionLevel: z.enum(regionLevels.keys),
  regionName: z.string().trim().min(1).max(50),
});
export type UnitInput = z.infer<typeof unitInput>;

export const unitUpdate = unitInput.extend({ version });

export const unit = unitInput.extend({ id, version, orgCount: z.number().int() });
export type Unit = z.infer<typeof unit>;

export const unitSorts = ['name', '-name', 'regionName', '-regionName'] as const;
export const unitListQuery = pageQuery.extend({
  q: z.string().trim().max(limits.name).optional(),
  type: z.enum(unitTypes.keys).optional(),
  regionLevel: z.enum(regionLevels.keys).optional(),
  sort: z.enum(unitSorts).default('name'),
});
export const unitPage = paged(unit);

// ── Orgs (党组织) ──────────────────────────────────────────────────
export const orgCreate = z.strictObject({
  parentId: id,
  name,
  kind: z.enum(orgKinds.keys),
  /** The unit it belongs to; a joint branch lists every unit it covers instead. */
  unitId: id.optional(),
  coveredUnitIds: z.array(id).max(20).optional(),
  establishedOn: isoDate,
  contactName: z.string().trim().max(50).optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确')
    .optional(),
});
export type OrgCreate = z.infer<typeof orgCreate>;

export const orgUpdate = z.strictObject({
  version,
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确')
    .nullable()
    .optional(),
  coveredUnitIds: z.array(id).max(20).optional(),
});
export type OrgUpdate = z.infer<typeof orgUpdate>;

export const finding = z.object({
  rule: z.string(),
  severity: z.enum(['block', 'warn']),
  message: z.string(),
  source: z.string(),
});
export type Finding = z.infer<typeof finding>;

export const org = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: z.enum(orgKinds.keys),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  coveredUnitIds: z.array(id),
  /** The units a joint branch covers, by name. */
  coveredUnits: z.array(z.object({ id, name: z.string() })),
  establishedOn: isoDate,
  dissolvedOn: isoDate.nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  depth: z.number().int(),
  memberCount: z.number().int(),
  fullMemberCount: z.number().int(),
  childCount: z.number().int(),
  version,
});
export type Org = z.infer<typeof org>;

export const orgDetail = org.extend({
  ancestors: z.array(z.object({ id, name: z.string() })),
  findings: z.array(finding),
});
export type OrgDetail = z.infer<typeof orgDetail>;

export const treeNode = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: z.enum(orgKinds.keys),
  childCount: z.number().int(),
  dissolvedOn: isoDate.nullable(),
});
export type TreeNode = z.infer<typeof treeNode>;

export const treeQuery = z.strictObject({
  /** Children of this org; without it, the roots the caller may see. */
  parentId: id.optional(),
  /** The tree as it stood on this date (after reform events). */
  asOf: isoDate.optional(),
});

export const subtreeQuery = z.strictObject({ asOf: isoDate.optional() });

export const orgSorts = ['name', '-name', 'establishedOn', '-establishedOn', 'kind'] as const;
export const orgListQuery = pageQuery.extend({
  q: z.string().trim().max(limits.name).optional(),
  kind: z.enum(orgKinds.keys).optional(),
  unitId: id.optional(),
  under: id.optional(),
  includeDissolved: z.stringbool().default(false),
  sort: z.enum(orgSorts).default('name'),
});
export const orgListItem = org.extend({ pathNames: z.array(z.string()) });
export const orgPage = paged(orgListItem);

// ── Reform events (机构改革) ───────────────────────────────────────
export const reformInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('renamed'), orgId: id, occurredOn: isoDate, name, note: z.string().max(limits.shortText).optional() }),
  z.strictObject({ kind: z.literal('moved'), orgId: id, occurredOn: isoDate, parentId: id, note: z.string().max(limits.shortText).optional() }),
  z.strictObject({
    kind: z.literal('merged'),
    /** Orgs merged into the target; they are dissolved and their children move to the target. */
    orgIds: z.array(id).min(1).max(20),
    targetId: id,
    occurredOn: isoDate,
    note: z.string().max(limits.shortText).optional(),
  }),
  z.strictObject({
    kind: z.literal('split'),
    orgId: id,
    occurredOn: isoDate,
    /** New orgs created beside the source under the same parent. */
    into: z
      .array(z.strictObject({ name, kind: z.enum(orgKinds.keys) }))
      .min(1)
      .max(10),
    dissolveSource: z.boolean().default(false),
    note: z.string().max(limits.shortText).optional(),
  }),
  z.strictObject({ kind: z.literal('dissolved'), orgId: id, occurredOn: isoDate, note: z.string().max(limits.shortText).optional() }),
]);
export type ReformInput = z.infer<typeof reformInput>;

export const orgEvent = z.object({
  id,
  orgId: id,
  kind: z.enum(orgEventKinds.keys),
  occurredOn: isoDate,
  summary: z.string(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type OrgEvent = z.infer<typeof orgEvent>;
export const orgEvents = z.array(orgEvent);

// ── Posts and terms (班子与任期) ───────────────────────────────────
/** 换届: the new leadership elected on `termStart`; current posts end that day. */
export const termRenewal = z.strictObject({
  termStart: isoDate,
  posts: z
    .array(z.strictObject({ post: z.enum(posts.keys), holderName: name }))
    .min(1)
    .max(15)
    .refine((list) => list.filter((p) => p.post === 'secretary').length === 1, '须有且只有一名书记'),
});
export type TermRenewal = z.infer<typeof termRenewal>;

export const orgPost = z.object({
  id,
  orgId: id,
  post: z.enum(posts.keys),
  holderName: z.string(),
  termStart: isoDate,
  termEnd: isoDate.nullable(),
  endedOn: isoDate.nullable(),
  version,
});
export type OrgPost = z.infer<typeof orgPost>;

export const termStatus = z.object({
  orgId: id,
  orgName: z.string(),
  kind: z.enum(orgKinds.keys),
  termStart: isoDate.nullable(),
  dueOn: isoDate.nullable(),
  status: z.enum(['ok', 'dueSoon', 'overdue', 'noTerm']),
  rule: z.string().nullable(),
});
export type TermStatus = z.infer<typeof termStatus>;

export const orgTerms = z.object({ posts: z.array(orgPost), term: termStatus });

export const renewalsQuery = pageQuery.extend({
  under: id.optional(),
  status: z.enum(['dueSoon', 'overdue']).optional(),
});
export const renewalsPage = paged(termStatus);
