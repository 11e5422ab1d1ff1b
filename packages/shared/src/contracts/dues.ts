import { z } from 'zod';
import { duesCategories, duesPaymentMethods, duesReliefKinds, jobPosts, memberCategories, memberStatuses, orgKinds, specialDuesReasons } from '../glossary';
import { id, isoDate, limits, paged, pageQuery, version } from './common';

// ── Money and months ──────────────────────────────────────────────
export const duesLimits = {
  /** A monthly base above one million yuan is a typing error. */
  baseFenMax: 100_000_000,
  /** A single payment or special dues gift above this is refused as a typing error. */
  amountFenMax: 100_000_000,
  bulkItemsMax: 600,
} as const;

/** A calendar month, YYYY-MM. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

const fen = (max: number) =>
  z
    .number({ error: '请填写金额（分）' })
    .int('金额以分计，应为整数')
    .min(0, '金额不能为负')
    .max(max, `金额不能超过 ${max / 100} 元`);

const note = z.string().trim().max(limits.shortText, `不能超过 ${limits.shortText} 个字符`);

// ── Dues bases (党费基数) ──────────────────────────────────────────
const shareCategories = ['inService', 'retired'] as const;

const duesBaseFields = z.strictObject({
  /** The month the base applies from: a new salary applies from the month it is first paid (规定第十条). */
  effectiveMonth: month,
  category: z.enum(duesCategories.keys),
  /** The base in fen, for the categories that pay a share of it. */
  baseFen: fen(duesLimits.baseFenMax).nullable().optional(),
  /** A farmer's monthly amount in fen, within the range the rule allows. */
  fixedFen: fen(duesLimits.baseFenMax).nullable().optional(),
  /** The day the branch checked the base (核定). */
  confirmedOn: isoDate,
  note: note.nullable().optional(),
});

function refineBase(value: { category: (typeof duesCategories.keys)[number]; baseFen?: number | null; fixedFen?: number | null }, ctx: z.RefinementCtx) {
  const share = (shareCategories as readonly string[]).includes(value.category);
  if (share && (value.baseFen === undefined || value.baseFen === null))
    ctx.addIssue({ code: 'custom', path: ['baseFen'], message: '按比例交纳的党员须填写计算基数' });
  if (!share && value.baseFen !== undefined && value.baseFen !== null)
    ctx.addIssue({ code: 'custom', path: ['baseFen'], message: '定额交纳的党员不填写计算基数' });
  if (value.category !== 'farmer' && value.fixedFen !== undefined && value.fixedFen !== null)
    ctx.addIssue({ code: 'custom', path: ['fixedFen'], message: '仅农民党员填写每月定额' });
}

export const duesBaseInput = duesBaseFields.superRefine(refineBase);
export type DuesBaseInput = z.infer<typeof duesBaseInput>;

/** A correction of a base row: its month stays, everything else may change; the amount is reckoned again. */
export const duesBaseUpdate = duesBaseFields.omit({ effectiveMonth: true }).extend({ version }).superRefine(refineBase);
export type DuesBaseUpdate = z.infer<typeof duesBaseUpdate>;

export const duesBase = z.object({
  id,
  memberId: id,
  effectiveMonth: month,
  category: z.enum(duesCategories.keys),
  baseFen: z.number().int().nullable(),
  fixedFen: z.number().int().nullable(),
  /** Reckoned by the rules when the base was entered. */
  monthlyFen: z.number().int(),
  ruleKey: z.string(),
  rule: z.string(),
  source: z.string(),
  confirmedOn: isoDate,
  note: z.string().nullable(),
  version,
});
export type DuesBase = z.infer<typeof duesBase>;

export const duesBaseConfirm = z.strictObject({
  /** The org whose re-verification list it is; every base's member must be in its subtree. */
  orgId: id,
  confirmedOn: isoDate,
  items: z
    .array(z.strictObject({ baseId: id, version }))
    .min(1, '请选择要复核的党员')
    .max(duesLimits.bulkItemsMax),
});
export type DuesBaseConfirm = z.infer<typeof duesBaseConfirm>;
export const duesBaseConfirmed = z.object({ confirmed: z.number().int() });

// ── Hardship relief (少交、免交) ────────────────────────────────────
const duesReliefFields = z.strictObject({
  kind: z.enum(duesReliefKinds.keys),
  /** The reduced monthly amount, for `reduced`. */
  monthlyFen: fen(duesLimits.baseFenMax).nullable().optional(),
  fromMonth: month,
  /** Inclusive; open-ended when absent. */
  toMonth: month.nullable().optional(),
  reason: z.string().trim().min(1, '请说明困难情况').max(limits.shortText),
  /** The branch's decision (党支部研究). */
  decidedOn: isoDate,
  /** The Party organisation one level up that approved it (报上一级党委批准). */
  approvedByOrgId: id,
  approvedOn: isoDate,
});

function refineRelief(
  value: {
    kind: (typeof duesReliefKinds.keys)[number];
    monthlyFen?: number | null;
    fromMonth: string;
    toMonth?: string | null;
    decidedOn: string;
    approvedOn: string;
  },
  ctx: z.RefinementCtx,
) {
  if (value.kind === 'reduced' && (value.monthlyFen === undefined || value.monthlyFen === null))
    ctx.addIssue({ code: 'custom', path: ['monthlyFen'], message: '少交须填写每月交纳金额' });
  if (value.kind === 'exempt' && value.monthlyFen) ctx.addIssue({ code: 'custom', path: ['monthlyFen'], message: '免交不填写金额' });
  if (value.toMonth && value.toMonth < value.fromMonth) ctx.addIssue({ code: 'custom', path: ['toMonth'], message: '截止月份不能早于起始月份' });
  if (value.approvedOn < value.decidedOn) ctx.addIssue({ code: 'custom', path: ['approvedOn'], message: '批准日期不能早于支部研究日期' });
}

export const duesReliefInput = duesReliefFields.superRefine(refineRelief);
export type DuesReliefInput = z.infer<typeof duesReliefInput>;
export const duesReliefUpdate = duesReliefFields.extend({ version }).superRefine(refineRelief);
export type DuesReliefUpdate = z.infer<typeof duesReliefUpdate>;

export const duesRelief = z.object({
  id,
  memberId: id,
  kind: z.enum(duesReliefKinds.keys),
  monthlyFen: z.number().int().nullable(),
  fromMonth: month,
  toMonth: month.nullable(),
  reason: z.string(),
  decidedOn: isoDate,
  approvedByOrgId: id,
  approvedByOrgName: z.string(),
  approvedOn: isoDate,
  version,
});
export type DuesRelief = z.infer<typeof duesRelief>;

// ── Payments (党费交纳) ─────────────────────────────────────────────
export const duesPayment = z.object({
  id,
  memberId: id,
  month,
  expectedFen: z.number().int(),
  paidFen: z.number().int(),
  paidOn: isoDate,
  method: z.enum(duesPaymentMethods.keys),
  /** The org that collected it. */
  orgId: id,
  orgName: z.string(),
  version,
});
export type DuesPayment = z.infer<typeof duesPayment>;

export const duesPaymentItem = z.strictObject({
  memberId: id,
  month,
  paidFen: fen(duesLimits.amountFenMax).min(1, '交纳金额应大于 0'),
  paidOn: isoDate,
  method: z.enum(duesPaymentMethods.keys),
  /** The version of the payment being corrected; absent for a new payment. */
  version: version.optional(),
});
export type DuesPaymentItem = z.infer<typeof duesPaymentItem>;

/** Payments entered on a ledger: written together or not at all. */
export const duesPaymentsInput = z.strictObject({
  /** The ledger's org; every member must be in its subtree. */
  orgId: id,
  items: z.array(duesPaymentItem).min(1, '请至少登记一条').max(duesLimits.bulkItemsMax, `一次最多登记 ${duesLimits.bulkItemsMax} 条`),
});
export type DuesPaymentsInput = z.infer<typeof duesPaymentsInput>;
export const duesPaymentsResult = z.object({ items: z.array(duesPayment) });

export const duesPaymentDeleteQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

// ── A member's dues (member page tab) ─────────────────────────────
export const memberDues = z.object({
  memberId: id,
  name: z.string(),
  orgId: id,
  orgName: z.string(),
  joinedOn: isoDate,
  jobPost: z.enum(jobPosts.keys),
  bases: z.array(duesBase),
  reliefs: z.array(duesRelief),
  payments: z.array(duesPayment),
  /** Consecutive months up to the current one without any payment. */
  unpaidMonths: z.number().int(),
  /** The Party organisations above the member's, nearest first: relief is approved one level up. */
  approvers: z.array(z.object({ id, name: z.string() })),
});
export type MemberDues = z.infer<typeof memberDues>;

// ── Ledger (党费收缴台账) ───────────────────────────────────────────
export const duesLedgerFilters = ['all', 'unpaid', 'paid', 'short', 'noBase'] as const;
export const duesLedgerQuery = pageQuery.extend({
  orgId: id,
  /** Defaults to the current month. */
  month: month.optional(),
  filter: z.enum(duesLedgerFilters).default('all'),
});
export type DuesLedgerQuery = z.infer<typeof duesLedgerQuery>;

const ledgerBase = duesBase.pick({
  id: true,
  effectiveMonth: true,
  category: true,
  baseFen: true,
  fixedFen: true,
  monthlyFen: true,
  ruleKey: true,
  rule: true,
  source: true,
  confirmedOn: true,
  version: true,
});

export const duesLedgerRow = z.object({
  memberId: id,
  name: z.string(),
  orgId: id,
  orgName: z.string(),
  memberCategory: z.enum(memberCategories.keys),
  status: z.enum(memberStatuses.keys),
  jobPost: z.enum(jobPosts.keys),
  joinedOn: isoDate,
  /** The base in force in the month; null when none has been set. */
  base: ledgerBase.nullable(),
  relief: z.object({ kind: z.enum(duesReliefKinds.keys), monthlyFen: z.number().int().nullable() }).nullable(),
  /** What is due for the month after any relief; null without a base. */
  expectedFen: z.number().int().nullable(),
  payment: duesPayment.pick({ id: true, paidFen: true, paidOn: true, method: true, version: true }).nullable(),
  /** Consecutive months up to this one without any payment (exempt months excepted). */
  unpaidMonths: z.number().int(),
});
export type DuesLedgerRow = z.infer<typeof duesLedgerRow>;

export const duesLedgerSummary = z.object({
  members: z.number().int(),
  expectedFen: z.number().int(),
  paidFen: z.number().int(),
  paidMembers: z.number().int(),
  unpaidMembers: z.number().int(),
  noBase: z.number().int(),
});

export const duesLedger = paged(duesLedgerRow).extend({ month, summary: duesLedgerSummary });
export type DuesLedger = z.infer<typeof duesLedger>;

// ── Arrears and the 6-months alert ────────────────────────────────
export const duesArrearsQuery = pageQuery.extend({
  orgId: id,
  month: month.optional(),
  /** At least this many consecutive unpaid months. */
  minMonths: z.coerce.number().int().min(1).max(120).default(1),
});
export const duesAlertQuery = duesArrearsQuery.omit({ minMonths: true });

export const duesArrearsRow = z.object({
  memberId: id,
  name: z.string(),
  orgId: id,
  orgName: z.string(),
  status: z.enum(memberStatuses.keys),
  unpaidMonths: z.number().int(),
  /** The first unpaid month of the run. */
  fromMonth: month,
  lastPaidMonth: month.nullable(),
  /** What those months come to. */
  owedFen: z.number().int(),
});
export type DuesArrearsRow = z.infer<typeof duesArrearsRow>;

export const duesArrearsPage = paged(duesArrearsRow).extend({
  month,
  minMonths: z.number().int(),
  /** For the alert: the rule it reminds of. The system never acts on it (自行脱党 is the organisation's decision). */
  rule: z.string().nullable(),
});
export type DuesArrearsPage = z.infer<typeof duesArrearsPage>;

// ── Yearly re-verification of bases ───────────────────────────────
export const duesReverifyQuery = pageQuery.extend({ orgId: id });
export const duesReverifyRow = z.object({
  memberId: id,
  name: z.string(),
  orgId: id,
  orgName: z.string(),
  jobPost: z.enum(jobPosts.keys),
  joinedOn: isoDate,
  base: ledgerBase.nullable(),
});
export type DuesReverifyRow = z.infer<typeof duesReverifyRow>;
export const duesReverifyPage = paged(duesReverifyRow).extend({
  /** Bases confirmed before this day are due for re-verification. */
  since: isoDate,
  rule: z.string(),
});

// ── Totals by subtree and period ──────────────────────────────────
export const duesPeriods = ['month', 'quarter', 'year'] as const;
export const duesTotalsQuery = z.strictObject({
  orgId: id,
  period: z.enum(duesPeriods).default('month'),
  /** Any month of the period; defaults to the current month. */
  month: month.optional(),
});

export const duesTotalsRow = z.object({
  /** The child org whose subtree is summed, or the org itself for members directly in it. */
  orgId: id,
  orgName: z.string(),
  kind: z.enum(orgKinds.keys),
  members: z.number().int(),
  expectedFen: z.number().int(),
  paidFen: z.number().int(),
  /** Unpaid remainders of each member-month, never offset by overpayments. */
  arrearsFen: z.number().int(),
});
export type DuesTotalsRow = z.infer<typeof duesTotalsRow>;

export const duesTotals = z.object({
  fromMonth: month,
  toMonth: month,
  total: duesTotalsRow,
  rows: z.array(duesTotalsRow),
});
export type DuesTotals = z.infer<typeof duesTotals>;

// ── Special dues (特殊党费): voluntary, never demanded (规定第十四条) ──
const campaignFields = z.strictObject({
  /** The org that called for it. */
  orgId: id,
  title: z.string().trim().min(1, '不能为空').max(limits.name),
  reason: z.enum(specialDuesReasons.keys),
  description: z.string().trim().max(limits.longText).nullable().optional(),
  startedOn: isoDate,
  endedOn: isoDate.nullable().optional(),
});

function refineCampaign(value: { startedOn: string; endedOn?: string | null }, ctx: z.RefinementCtx) {
  if (value.endedOn && value.endedOn < value.startedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: '结束日期不能早于开始日期' });
}

export const specialDuesCampaignInput = campaignFields.superRefine(refineCampaign);
export type SpecialDuesCampaignInput = z.infer<typeof specialDuesCampaignInput>;
export const specialDuesCampaignUpdate = campaignFields.omit({ orgId: true }).extend({ version }).superRefine(refineCampaign);
export type SpecialDuesCampaignUpdate = z.infer<typeof specialDuesCampaignUpdate>;

export const specialDuesCampaign = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  title: z.string(),
  reason: z.enum(specialDuesReasons.keys),
  description: z.string().nullable(),
  startedOn: isoDate,
  endedOn: isoDate.nullable(),
  /** Within the caller's scope. */
  contributors: z.number().int(),
  totalFen: z.number().int(),
  version,
});
export type SpecialDuesCampaign = z.infer<typeof specialDuesCampaign>;

export const specialDuesListQuery = pageQuery.extend({ q: z.string().trim().max(limits.name).optional() });
export const specialDuesPage = paged(specialDuesCampaign);

export const specialDuesContributionsInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        memberId: id,
        amountFen: fen(duesLimits.amountFenMax).min(1, '金额应大于 0'),
        paidOn: isoDate,
        note: note.nullable().optional(),
      }),
    )
    .min(1, '请至少登记一条')
    .max(duesLimits.bulkItemsMax),
});
export type SpecialDuesContributionsInput = z.infer<typeof specialDuesContributionsInput>;

export const specialDuesContribution = z.object({
  id,
  campaignId: id,
  memberId: id,
  name: z.string(),
  orgId: id,
  orgName: z.string(),
  amountFen: z.number().int(),
  paidOn: isoDate,
  note: z.string().nullable(),
});
export type SpecialDuesContribution = z.infer<typeof specialDuesContribution>;
export const specialDuesContributionsQuery = pageQuery.extend({ orgId: id.optional() });
export const specialDuesContributionPage = paged(specialDuesContribution);
export const specialDuesContributionsResult = z.object({ items: z.array(specialDuesContribution) });

export const specialDuesTotalsQuery = z.strictObject({ orgId: id.optional() });
const amountRow = z.object({ contributors: z.number().int(), amountFen: z.number().int() });
export const specialDuesTotals = z.object({
  campaignId: id,
  orgId: id,
  orgName: z.string(),
  total: amountRow,
  /** Through the member's org's unit; joint branches covering several units count under their own name. */
  byUnit: z.array(amountRow.extend({ unitId: id.nullable(), unitName: z.string() })),
  /** Per child subtree of the org, and the org itself for members directly in it. */
  byOrg: z.array(amountRow.extend({ orgId: id, orgName: z.string(), kind: z.enum(orgKinds.keys) })),
});
export type SpecialDuesTotals = z.infer<typeof specialDuesTotals>;
