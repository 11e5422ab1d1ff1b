import type { IndicatorDefinition } from '@hangbiao/shared/contracts/indicators';
import { type MeetingKind, meetingKinds, memberCategories, type OrgKind, orgKinds } from '@hangbiao/shared/glossary';
import { type SQL, sql } from 'drizzle-orm';
import { pathInScope } from '../../platform/access';
import { inRegistry } from '../members/members.service';
import { missedRequirementCounts, missedRequirementRecords } from '../orglife/orglife-missed.service';
import { duesIndicators } from './indicators-dues.catalog';
import { ageBandOf, educationLabel, memberDimensions, memberStatusLabel, membersAreaIndicators } from './indicators-members.catalog';
import { labelCase } from './indicators-sql';

/**
 * Where and when an indicator counts: a set of org subtrees (path prefixes) and an inclusive date range. Stock
 * figures (members, open cases, pending transfers) are taken on `asOf`: the period's end, or today while it runs.
 */
export interface Window {
  paths: string[];
  from: string;
  to: string;
  asOf: string;
  today: string;
}

export interface Dimension {
  key: string;
  name: string;
  /** The column of the record set that holds this dimension's value. */
  column: string;
  label: (value: string) => string;
  /** Groups follow the values' order rather than the figures': this list's (age bands, stages), or the values' own (years). */
  ordered?: true | readonly string[];
}

/**
 * An indicator is one record set; its figure aggregates exactly those rows, so the figure and the
 * drill-down can never disagree. The record set's columns are the definition's `columns` plus the
 * dimensions' columns and `sort_key`.
 */
export interface Indicator extends Omit<IndicatorDefinition, 'dimensions'> {
  dimensions: Dimension[];
  records: (window: Window) => SQL;
  /**
   * The record set's column holding the materialized path of the org each record belongs to; it gives every
   * indicator the cuts by unit (部门) and by org, for rankings.
   */
  orgPathColumn?: string;
  /** The record set's column holding the date that places a record in the period; it gives the cuts by month and year. */
  dateColumn?: string;
  /** A sum's records carry `value`; the figure is Σ value ÷ divisor (fen ÷ 100 = yuan). */
  divisor?: number;
  /**
   * How figures and record pages may be kept (platform/read-cache.ts, per committee read generation): `generation`
   * when every input table bumps the generation on each change that alters the records (migrations 0003 and 0017),
   * so a kept result is never stale; `{ staleSeconds }` when an input changes without a bump (the meeting attendance
   * counters check-ins update), kept besides for at most that long. Absent: read every time.
   */
  cache?: 'generation' | { staleSeconds: number };
  /**
   * The figure from a rollup instead of the records, for windows of whole months (any window, for a figure without a
   * date column) over whole units cut by unit, month or year: pre-counted rows with the record set's org path and date
   * columns, the records each stands for in `n`, and a rate's `numerator` and `denominator`. Tests hold it equal to the
   * records.
   */
  rollup?: (window: Window) => SQL;
}

/** Attendance figures may lag check-ins by this long (docs/ARCHITECTURE.md, indicators). */
const attendanceStaleSeconds = 30;

const meetingKindDimension: Dimension = { key: 'kind', name: '会议类型', column: 'kind', label: (v) => meetingKinds.label(v as MeetingKind) };
const orgKindDimension: Dimension = { key: 'kind', name: '组织类别', column: 'kind', label: (v) => orgKinds.label(v as OrgKind) };

const kindLabel = labelCase('o.kind', orgKinds);
const meetingKindLabel = labelCase('m.kind', meetingKinds);
const categoryLabel = labelCase('m.category', memberCategories);

/** Live orgs whose current term (posts not yet ended) meets `due`, over `t.due_on`. */
const currentTerms = (due: SQL, w: Window) => sql`
  select o.id, o.name, o.kind, ${kindLabel} as kind_label, t.term_start::text as term_start, t.due_on::text as due_on, o.path as org_path,
    t.due_on::text || o.path as sort_key
  from orgs o
  join (select p.org_id, max(p.term_start) as term_start, max(p.term_end) as due_on from org_posts p where p.ended_on is null group by p.org_id) t on t.org_id = o.id
  where o.deleted_at is null and o.dissolved_on is null and ${due} and ${pathInScope(w.paths, sql`o.path`)}`;
const currentTermColumns = [
  { key: 'name', title: '组织名称' },
  { key: 'kind_label', title: '组织类别' },
  { key: 'term_start', title: '本届开始' },
  { key: 'due_on', title: '应换届日期' },
];

/**
 * The held meetings in the window that also meet `only` (when given): the columns every meeting record shows, then
 * `counts`, the attendance columns read from the per-meeting counters.
 */
const heldMeetings = (w: Window, counts: SQL, only?: SQL) => sql`
  select m.id, m.title, m.kind, ${meetingKindLabel} as kind_label, o.name as org_name, o.path as org_path, m.held_on::text as held_on,
    ${counts}, m.held_on::text || m.id::text as sort_key
  from meetings m join orgs o on o.id = m.org_id
  where m.status = 'held' and ${only ? sql`${only} and ` : sql``}m.held_on between ${w.from} and ${w.to} and ${pathInScope(w.paths, sql`o.path`)}`;
/** Held meetings per unit and month (`meeting_unit_months`), as many as `counted` says each row stands for. */
const heldMeetingMonths = (w: Window, counted: SQL) => sql`
  select r.unit_path as org_path, r.month::text as held_on, ${counted} as n, r.present as numerator, r.expected as denominator
  from meeting_unit_months r
  where r.month between ${w.from} and ${w.to} and ${counted} > 0 and ${pathInScope(w.paths, sql`r.unit_path`)}`;
const heldMeetingColumns = [
  { key: 'title', title: '会议名称' },
  { key: 'kind_label', title: '会议类型' },
  { key: 'org_name', title: '召开组织' },
  { key: 'held_on', title: '召开日期' },
];

export const indicators: Indicator[] = [
  {
    key: 'orgs.count',
    cache: 'generation',
    name: '党组织数',
    nameEn: 'Party organisations',
    unit: '个',
    aggregation: 'count',
    definition: '统计期末仍存续的党组织（成立日期不晚于期末、期末前未撤销），按所选组织及其全部下级统计，每个组织计一次。',
    dimensions: [orgKindDimension],
    columns: [
      { key: 'name', title: '组织名称' },
      { key: 'kind_label', title: '组织类别' },
      { key: 'unit_name', title: '所属单位' },
      { key: 'established_on', title: '成立日期' },
    ],
    orgPathColumn: 'org_path',
    records: (w) => sql`
      select o.id, o.name, o.kind, ${kindLabel} as kind_label, u.name as unit_name, o.established_on::text as established_on, o.path as org_path,
        o.path as sort_key
      from orgs o left join units u on u.id = o.unit_id
      where o.deleted_at is null and o.established_on <= ${w.to} and (o.dissolved_on is null or o.dissolved_on > ${w.to})
        and ${pathInScope(w.paths, sql`o.path`)}`,
  },
  {
    key: 'members.count',
    cache: 'generation',
    name: '党员数',
    nameEn: 'Party members',
    unit: '人',
    aggregation: 'count',
    definition:
      '党员名册中当前在册的党员（状态为正常、流动党员、失联、停止党籍；含预备党员），按所在党组织归入所选组织及其全部下级，每人计一次；年龄段按统计期末（统计期未结束时为今天）的周岁计。',
    dimensions: memberDimensions,
    columns: [
      { key: 'name', title: '姓名' },
      { key: 'category_label', title: '党员类别' },
      { key: 'status_label', title: '党籍状态' },
      { key: 'age', title: '年龄' },
      { key: 'education_label', title: '学历' },
      { key: 'joined_on', title: '入党日期' },
      { key: 'org_name', title: '所在党组织' },
      { key: 'unit_name', title: '所在单位' },
    ],
    orgPathColumn: 'org_path',
    records: (w) => sql`
      select m.id, m.name, m.category, ${categoryLabel} as category_label, m.status, ${memberStatusLabel} as status_label,
        a.age, ${ageBandOf(sql`a.age`)} as age_band, m.education, ${educationLabel} as education_label, m.joined_on::text as joined_on,
        extract(year from m.joined_on)::int as join_year, o.name as org_name, coalesce(u.name, '联合党支部（跨单位）') as unit_name,
        o.path as org_path, o.path || m.name as sort_key
      from members m join orgs o on o.id = m.org_id left join units u on u.id = o.unit_id
        cross join lateral (select extract(year from age(${w.asOf}::date, m.birth_date))::int as age) a
      where m.deleted_at is null and ${inRegistry(sql`m.status`)} and o.deleted_at is null and ${pathInScope(w.paths, sql`o.path`)}`,
    rollup: (w) => sql`
      select o.path as org_path, r.members as n
      from member_org_counts r join orgs o on o.id = r.org_id
      where o.deleted_at is null and ${pathInScope(w.paths, sql`o.path`)}`,
  },
  {
    key: 'orgs.renewalsOverdue',
    cache: 'generation',
    name: '逾期未换届组织数',
    nameEn: 'Orgs overdue for term renewal',
    unit: '个',
    aggregation: 'count',
    definition: '存续的党组织中，本届班子任期届满日期早于统计期末（统计期未结束时为今天）、且尚未换届的组织；届满日期按任期开始时有效的任期规定计算。',
    dimensions: [orgKindDimension],
    columns: currentTermColumns,
    orgPathColumn: 'org_path',
    records: (w) => currentTerms(sql`t.due_on < ${w.asOf}`, w),
  },
  {
    key: 'orgs.renewalsDue',
    cache: 'generation',
    name: '应换届组织数',
    nameEn: 'Orgs due for term renewal',
    unit: '个',
    aggregation: 'count',
    definition: '存续的党组织中，本届班子任期在统计期内届满、且尚未换届的组织（含已逾期者）；届满日期按任期开始时有效的任期规定计算。',
    dimensions: [orgKindDimension],
    columns: currentTermColumns,
    orgPathColumn: 'org_path',
    dateColumn: 'due_on',
    records: (w) => currentTerms(sql`t.due_on between ${w.from} and ${w.to}`, w),
  },
  ...membersAreaIndicators,
  ...duesIndicators,
  {
    key: 'orglife.meetings.count',
    cache: { staleSeconds: attendanceStaleSeconds },
    name: '召开组织生活次数',
    nameEn: 'Organisational-life meetings held',
    unit: '次',
    aggregation: 'count',
    definition: '统计期内已召开（状态为已召开）的组织生活会议，按召开日期（北京时间）归入统计期，按召开组织归入所选组织及其全部下级，每次会议计一次。',
    dimensions: [meetingKindDimension],
    columns: [...heldMeetingColumns, { key: 'attendance', title: '实到/应到' }],
    orgPathColumn: 'org_path',
    dateColumn: 'held_on',
    records: (w) => heldMeetings(w, sql`m.present_count || '/' || m.expected_count as attendance`),
    rollup: (w) => heldMeetingMonths(w, sql`r.held`),
  },
  {
    key: 'orglife.attendance.rate',
    cache: { staleSeconds: attendanceStaleSeconds },
    name: '组织生活出席率',
    nameEn: 'Attendance at organisational life',
    unit: '%',
    aggregation: 'rate',
    definition: '统计期内已召开、且登记了应到人员的组织生活会议中，实到人次占应到人次的比例；人次取自每次会议随签到与考勤同步维护的应到、实到人数。',
    dimensions: [meetingKindDimension],
    rateOf: { numerator: '实到人次', denominator: '应到人次' },
    columns: [...heldMeetingColumns, { key: 'numerator', title: '实到人数' }, { key: 'denominator', title: '应到人数' }],
    orgPathColumn: 'org_path',
    dateColumn: 'held_on',
    records: (w) => heldMeetings(w, sql`m.present_count as numerator, m.expected_count as denominator`, sql`m.expected_count > 0`),
    rollup: (w) => heldMeetingMonths(w, sql`r.rated`),
  },
  {
    key: 'orglife.compliance.missed',
    cache: 'generation',
    name: '未完成的组织生活要求',
    nameEn: 'Missed organisational-life requirements',
    unit: '项',
    aggregation: 'count',
    definition:
      '到期日（月、季度、年度的最后一天）在统计期内、且补录期满仍未达到应开次数的组织生活要求，每个组织每类会议每个周期计一项；应开次数按组织生活规定（支部工作条例等）、组织存续天数折算并扣除豁免。',
    dimensions: [meetingKindDimension],
    columns: [
      { key: 'org_name', title: '组织名称' },
      { key: 'kind_label', title: '组织生活' },
      { key: 'period_label', title: '周期' },
      { key: 'required', title: '应开次数' },
      { key: 'held', title: '实开次数' },
    ],
    orgPathColumn: 'org_path',
    dateColumn: 'due_on',
    records: missedRequirementRecords,
    rollup: missedRequirementCounts,
  },
];

export const indicatorByKey = new Map(indicators.map((i) => [i.key, i]));
