import { z } from 'zod';
import { complianceStatuses, meetingKinds, meetingStatuses, orgKinds, requirementPeriods } from '../glossary';
import { id, isoDate, limits, paged, pageQuery } from './common';

export const complianceLimits = {
  /** The longest range one matrix covers: ten years of months. */
  months: 120,
  /** Rows per page of the matrix; a city's whole tree fits on one. */
  pageSizeMax: 1000,
  reason: 500,
} as const;

/** A calendar month, YYYY-MM. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
type Range = { from?: string | undefined; to?: string | undefined };
const inOrder = (q: Range) => !q.from || !q.to || q.from <= q.to;
const notTooLong = (q: Range) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < complianceLimits.months;

const meetingKind = z.enum(meetingKinds.keys);
const status = z.enum(complianceStatuses.keys);

/** Over which subtree (the caller's scope by default) and which months (this calendar year by default). */
export const complianceQuery = z
  .strictObject({
    orgId: id.optional(),
    from: month.optional(),
    to: month.optional(),
    kind: meetingKind.optional(),
    /** Only orgs with at least one cell in this state, e.g. `missed`. */
    status: status.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(complianceLimits.pageSizeMax).default(50),
  })
  .refine(inOrder, { message: '结束月份不能早于开始月份', path: ['to'] })
  .refine(notTooLong, { message: `一次最多查看 ${complianceLimits.months} 个月`, path: ['to'] });

export const complianceExportQuery = z
  .strictObject({ orgId: id.optional(), from: month.optional(), to: month.optional(), kind: meetingKind.optional(), status: status.optional() })
  .refine(inOrder, { message: '结束月份不能早于开始月份', path: ['to'] })
  .refine(notTooLong, { message: `一次最多查看 ${complianceLimits.months} 个月`, path: ['to'] });

export const complianceCounts = z.object(
  Object.fromEntries(complianceStatuses.keys.map((k) => [k, z.number().int()])) as Record<(typeof complianceStatuses.keys)[number], z.ZodNumber>,
);

export const complianceSummary = z.object({
  counts: complianceCounts,
  /** Met over met, overdue and missed cells; null when none is judged yet. */
  rate: z.number().nullable(),
  orgs: z.number().int(),
  orgsWithMisses: z.number().int(),
});
export type ComplianceSummary = z.infer<typeof complianceSummary>;

/**
 * One requirement of one org across the range: the arrays run in step with the matrix's `periods[period]`, one
 * entry per period (compact, because a city's five years are a hundred thousand cells).
 */
export const complianceSeries = z.object({
  kind: meetingKind,
  period: z.enum(requirementPeriods.keys),
  statuses: z.array(status),
  required: z.array(z.number().int()),
  held: z.array(z.number().int()),
});
export type ComplianceSeries = z.infer<typeof complianceSeries>;

export const complianceRow = z.object({
  orgId: id,
  name: z.string(),
  kind: z.enum(orgKinds.keys),
  parentId: id.nullable(),
  depth: z.number().int(),
  dissolvedOn: isoDate.nullable(),
  series: z.array(complianceSeries),
  counts: complianceCounts,
});
export type ComplianceRow = z.infer<typeof complianceRow>;

export const complianceMatrix = z.object({
  orgId: id.nullable(),
  from: month,
  to: month,
  kind: meetingKind.nullable(),
  /** The Asia/Shanghai day the statuses are reckoned on. */
  today: isoDate,
  /** The period keys of each kind falling due in the range, in order. */
  periods: z.object({ month: z.array(z.string()), quarter: z.array(z.string()), year: z.array(z.string()) }),
  summary: complianceSummary,
  items: z.array(complianceRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ComplianceMatrix = z.infer<typeof complianceMatrix>;

export const countedMeeting = z.object({ id, title: z.string(), heldOn: isoDate, status: z.enum(meetingStatuses.keys) });

/** One cell with everything behind it: the rule, the explanation and the meetings counted (held) or shown (planned). */
export const complianceCell = z.object({
  kind: meetingKind,
  period: z.string(),
  periodKind: z.enum(requirementPeriods.keys),
  from: isoDate,
  to: isoDate,
  status,
  required: z.number().int(),
  held: z.number().int(),
  planned: z.number().int(),
  periodDays: z.number().int(),
  owedDays: z.number().int(),
  exemptDays: z.number().int(),
  dueOn: isoDate,
  correctableUntil: isoDate,
  warning: z.string().nullable(),
  explanation: z.string(),
  source: z.string().nullable(),
  meetings: z.array(countedMeeting),
});
export type ComplianceCell = z.infer<typeof complianceCell>;

export const complianceOrgQuery = z
  .strictObject({ from: month.optional(), to: month.optional(), kind: meetingKind.optional() })
  .refine(inOrder, { message: '结束月份不能早于开始月份', path: ['to'] })
  .refine(notTooLong, { message: `一次最多查看 ${complianceLimits.months} 个月`, path: ['to'] });

// ── Exemptions (豁免) ────────────────────────────────────────────────────────────────────

export const exemptionCreate = z
  .strictObject({
    orgId: id,
    /** The kind exempted; null exempts every kind (e.g. while the org is being reorganised). */
    kind: meetingKind.nullable(),
    from: month,
    to: month,
    reason: z.string().trim().min(2, '请填写豁免原因').max(complianceLimits.reason, `不能超过 ${complianceLimits.reason} 个字符`),
    /** Who approved it, e.g. 市直机关工委组织部（2026年2月10日批复）. */
    approvedBy: z.string().trim().min(2, '请填写审批单位或审批人').max(limits.name, `不能超过 ${limits.name} 个字符`),
  })
  .refine(inOrder, { message: '结束月份不能早于开始月份', path: ['to'] });
export type ExemptionCreate = z.infer<typeof exemptionCreate>;

export const exemption = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  kind: meetingKind.nullable(),
  from: month,
  to: month,
  reason: z.string(),
  approvedBy: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type Exemption = z.infer<typeof exemption>;

export const exemptionListQuery = pageQuery.extend({ orgId: id.optional() });
export const exemptionPage = paged(exemption);

export const complianceOrg = z.object({
  org: z.object({
    id,
    name: z.string(),
    kind: z.enum(orgKinds.keys),
    establishedOn: isoDate,
    dissolvedOn: isoDate.nullable(),
    fullMembers: z.number().int(),
  }),
  from: month,
  to: month,
  today: isoDate,
  cells: z.array(complianceCell),
  counts: complianceCounts,
  rate: z.number().nullable(),
  exemptions: z.array(exemption),
});
export type ComplianceOrg = z.infer<typeof complianceOrg>;
