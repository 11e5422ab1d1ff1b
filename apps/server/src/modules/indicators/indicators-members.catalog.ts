import {
  type AgeBand,
  ageBands,
  type DevelopmentStage,
  developmentStages,
  type Education,
  educations,
  type MemberCategory,
  type MemberStatus,
  memberCategories,
  memberStatuses,
  type TransferKind,
  type TransferReason,
  transferKinds,
  transferReasons,
} from '@hangbiao/shared/glossary';
import { developmentStepDefinitions, stepName } from '@hangbiao/shared/rules';
import { type SQL, sql } from 'drizzle-orm';
import { pathInScope } from '../../platform/access';
import type { Dimension, Indicator, Window } from './indicators.catalog';
import { labelCase } from './indicators-sql';

export const memberStatusLabel = labelCase('m.status', memberStatuses);
export const educationLabel = labelCase('m.education', educations);

/** The upper bound (inclusive, in full years) of each age band; the last has none. */
const ageBandBounds: [AgeBand, number | null][] = [
  ['upTo30', 30],
  ['from31To40', 40],
  ['from41To50', 50],
  ['from51To60', 60],
  ['over60', null],
];

/** The age band of an age in full years, as SQL. */
export const ageBandOf = (age: SQL) =>
  sql`case ${sql.join(
    ageBandBounds.map(([band, upTo]) => (upTo === null ? sql`else ${band}` : sql`when ${age} <= ${upTo} then ${band}`)),
    sql` `,
  )} end`;

export const memberDimensions: Dimension[] = [
  { key: 'category', name: '党员类别', column: 'category', label: (v) => memberCategories.label(v as MemberCategory) },
  { key: 'status', name: '党籍状态', column: 'status', label: (v) => memberStatuses.label(v as MemberStatus) },
  { key: 'ageBand', name: '年龄段', column: 'age_band', label: (v) => ageBands.label(v as AgeBand), ordered: ageBands.keys },
  { key: 'education', name: '学历', column: 'education', label: (v) => educations.label(v as Education) },
  { key: 'joinYear', name: '入党年份', column: 'join_year', label: (v) => `${v}年`, ordered: true },
];

// ── 发展党员 ───────────────────────────────────────────────────────

/**
 * The stage a case was in on a day, from the steps done by then (细则: activist on step 4, candidate on step 7,
 * probationary on the upper committee's approval, step 17); a case closed by then is not open, so never `full`.
 */
const stageOn = (day: string) => sql`(select case max(s.step) when 17 then 'probationary' when 7 then 'candidate' when 4 then 'activist' else 'applicant' end
  from development_steps s where s.case_id = c.id and s.step in (4, 7, 17) and s.done_on <= ${day}::date)`;
const stageLabel = labelCase('x.stage', developmentStages);
const stepLabel = sql.raw(`case c.next_due_step ${developmentStepDefinitions.map((d) => `when ${d.number} then '${stepName(d.number)}'`).join(' ')} end`);
const stepNumbers = new Set(developmentStepDefinitions.map((d) => String(d.number)));
const stageDimension: Dimension = {
  key: 'stage',
  name: '发展阶段',
  column: 'stage',
  label: (v) => developmentStages.label(v as DevelopmentStage),
  ordered: developmentStages.keys,
};

// ── 组织关系转接 ─────────────────────────────────────────────────────

const transferKindLabel = labelCase('t.kind', transferKinds);
const transferDimensions: Dimension[] = [
  { key: 'kind', name: '转接类型', column: 'kind', label: (v) => transferKinds.label(v as TransferKind) },
  { key: 'reason', name: '转接原因', column: 'reason', label: (v) => transferReasons.label(v as TransferReason) },
];
const transferColumns = [
  { key: 'person_name', title: '姓名' },
  { key: 'kind_label', title: '转接类型' },
  { key: 'from_name', title: '转出党组织' },
  { key: 'to_name', title: '转入党组织' },
  { key: 'issued_on', title: '开具（发起）日期' },
  { key: 'deadline', title: '办理期限' },
];

/**
 * Transfers under way on `asOf` that meet `extra`: started by then and not ended by then. Each counts once, at the
 * org that started it — the source, which manages the member until the transfer ends (DOMAIN §2), or for a letter
 * from outside the system the destination.
 */
const transfersUnderWay = (w: Window, extra: SQL) => sql`
  select t.id, t.person_name, t.kind, ${transferKindLabel} as kind_label, t.reason,
    coalesce(f.name, t.outside_org_name) as from_name, coalesce(d.name, t.outside_org_name) as to_name,
    t.issued_on::text as issued_on, t.deadline::text as deadline, greatest(0, ${w.asOf}::date - t.deadline) as overdue_days,
    o.path as org_path, t.deadline::text || t.id::text as sort_key
  from transfers t join orgs o on o.id = t.org_id
    left join orgs f on f.id = t.from_org_id left join orgs d on d.id = t.to_org_id
  where t.issued_on <= ${w.asOf}::date and ((t.state = 'pending' and t.ended_on is null) or t.ended_on > ${w.asOf}::date)
    and ${extra} and ${pathInScope(w.paths, sql`o.path`)}`;

export const membersAreaIndicators: Indicator[] = [
  {
    key: 'development.cases',
    cache: 'generation',
    name: '发展党员在培养人数',
    nameEn: 'People on the way into the Party',
    unit: '人',
    aggregation: 'count',
    definition:
      '统计期末（统计期未结束时为今天）已递交入党申请、尚未结案（未转正、未终止、未取消预备党员资格）的发展对象，按当日已办步骤确定所处阶段（确定积极分子、确定发展对象、上级党委审批接收为预备党员），按负责的党组织归入所选组织及其全部下级，每人计一次。',
    dimensions: [stageDimension],
    columns: [
      { key: 'name', title: '姓名' },
      { key: 'stage_label', title: '所处阶段' },
      { key: 'applied_on', title: '申请日期' },
      { key: 'org_name', title: '负责党组织' },
    ],
    orgPathColumn: 'org_path',
    records: (w) => sql`
      select x.*, ${stageLabel} as stage_label from (
        select c.id, c.name, ${stageOn(w.asOf)} as stage, c.applied_on::text as applied_on, o.name as org_name, o.path as org_path,
          o.path || c.name_pinyin as sort_key
        from development_cases c join orgs o on o.id = c.org_id
        where c.applied_on <= ${w.asOf}::date and (c.closed_on is null or c.closed_on > ${w.asOf}::date)
          and ${pathInScope(w.paths, sql`o.path`)}) x`,
  },
  {
    key: 'development.overdue',
    cache: 'generation',
    name: '发展党员逾期步骤',
    nameEn: 'Development steps overdue',
    unit: '人',
    aggregation: 'count',
    definition:
      '在培养中（培养考察中或预备期中）的发展对象，其下一个有期限的步骤（如申请后一个月内谈话、半年一次的考察、三个月内审批、预备期满讨论转正）期限早于统计期末（统计期未结束时为今天）仍未办理；期限按《中国共产党发展党员工作细则》计算，每人计一次。',
    dimensions: [
      stageDimension,
      { key: 'step', name: '逾期步骤', column: 'next_due_step', label: (v) => (stepNumbers.has(v) ? stepName(Number(v)) : '—'), ordered: true },
    ],
    columns: [
      { key: 'name', title: '姓名' },
      { key: 'stage_label', title: '所处阶段' },
      { key: 'step_label', title: '逾期步骤' },
      { key: 'due_on', title: '期限' },
      { key: 'overdue_days', title: '逾期天数' },
      { key: 'org_name', title: '负责党组织' },
    ],
    orgPathColumn: 'org_path',
    records: (w) => sql`
      select x.*, ${stageLabel} as stage_label from (
        select c.id, c.name, c.stage, c.next_due_step, ${stepLabel} as step_label, c.next_due_on::text as due_on,
          ${w.asOf}::date - c.next_due_on as overdue_days, o.name as org_name, o.path as org_path, c.next_due_on::text || o.path || c.id::text as sort_key
        from development_cases c join orgs o on o.id = c.org_id
        where c.status in ('active', 'admitted') and c.next_due_on < ${w.asOf}::date and ${pathInScope(w.paths, sql`o.path`)}) x`,
  },
  {
    key: 'transfers.pending',
    cache: 'generation',
    name: '办理中的组织关系转接',
    nameEn: 'Transfers under way',
    unit: '件',
    aggregation: 'count',
    definition:
      '统计期末（统计期未结束时为今天）已开具或发起、尚未办结（接收、退回或撤销）的组织关系转接；在接收前由原党组织管理，按发起的党组织（转出方；从系统外转入的为接收方）归入所选组织及其全部下级，每件计一次。',
    dimensions: transferDimensions,
    columns: transferColumns,
    orgPathColumn: 'org_path',
    records: (w) => transfersUnderWay(w, sql`true`),
  },
  {
    key: 'transfers.overdue',
    cache: 'generation',
    name: '逾期未办结的组织关系转接',
    nameEn: 'Transfers overdue',
    unit: '件',
    aggregation: 'count',
    definition:
      '办理中的组织关系转接中，办理期限（按开具时有效的介绍信有效期、回执期限规定确定）早于统计期末（统计期未结束时为今天）的，每件计一次，归属同「办理中的组织关系转接」。',
    dimensions: transferDimensions,
    columns: [...transferColumns, { key: 'overdue_days', title: '逾期天数' }],
    orgPathColumn: 'org_path',
    records: (w) => transfersUnderWay(w, sql`t.deadline < ${w.asOf}::date`),
  },
];
