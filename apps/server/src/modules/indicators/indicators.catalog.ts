import type { IndicatorDefinition } from '@hangbiao/shared/contracts/indicators';
import { type MemberCategory, memberCategories, type OrgKind, orgKinds } from '@hangbiao/shared/glossary';
import { type SQL, sql } from 'drizzle-orm';
import { pathInScope } from '../../platform/access';

/** Where and when an indicator counts: a set of org subtrees (path prefixes) and an inclusive date range. */
export interface Window {
  paths: string[];
  from: string;
  to: string;
}

export interface Dimension {
  key: string;
  name: string;
  /** The column of the record set that holds this dimension's value. */
  column: string;
  label: (value: string) => string;
}

/**
 * An indicator is one record set; its figure aggregates exactly those rows, so the figure and the
 * drill-down can never disagree. The record set's columns are the definition's `columns` plus the
 * dimensions' columns and `sort_key`.
 */
export interface Indicator extends Omit<IndicatorDefinition, 'dimensions'> {
  dimensions: Dimension[];
  records: (window: Window) => SQL;
}

const orgKindDimension: Dimension = { key: 'kind', name: '组织类别', column: 'kind', label: (v) => orgKinds.label(v as OrgKind) };

// Glossary labels as SQL CASEs, so record lists show the Chinese the rest of the app shows.
const kindLabel = sql.raw(`case o.kind ${orgKinds.keys.map((k) => `when '${k}' then '${orgKinds.label(k)}'`).join(' ')} end`);
const categoryLabel = sql.raw(`case m.category ${memberCategories.keys.map((k) => `when '${k}' then '${memberCategories.label(k)}'`).join(' ')} end`);

export const indicators: Indicator[] = [
  {
    key: 'orgs.count',
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
    records: (w) => sql`
      select o.id, o.name, o.kind, ${kindLabel} as kind_label, u.name as unit_name, o.established_on::text as established_on, o.path as sort_key
      from orgs o left join units u on u.id = o.unit_id
      where o.deleted_at is null and o.established_on <= ${w.to} and (o.dissolved_on is null or o.dissolved_on > ${w.to})
        and ${pathInScope(w.paths, sql`o.path`)}`,
  },
  {
    key: 'members.count',
    name: '党员数',
    nameEn: 'Party members',
    unit: '人',
    aggregation: 'count',
    definition: '党员名册中在册的党员（含预备党员），按所在党组织归入所选组织及其全部下级，每人计一次。',
    dimensions: [
      { key: 'category', name: '党员类别', column: 'category', label: (v) => memberCategories.label(v as MemberCategory) },
      { key: 'unit', name: '所在单位', column: 'unit_name', label: (v) => v },
    ],
    columns: [
      { key: 'name', title: '姓名' },
      { key: 'category_label', title: '党员类别' },
      { key: 'org_name', title: '所在党组织' },
      { key: 'unit_name', title: '所在单位' },
    ],
    records: (w) => sql`
      select m.id, m.name, m.category, ${categoryLabel} as category_label, o.name as org_name,
        coalesce(u.name, '联合党支部（跨单位）') as unit_name, o.path || m.name as sort_key
      from members m join orgs o on o.id = m.org_id left join units u on u.id = o.unit_id
      where m.deleted_at is null and o.deleted_at is null and ${pathInScope(w.paths, sql`o.path`)}`,
  },
  {
    key: 'orgs.renewalsOverdue',
    name: '逾期未换届组织数',
    nameEn: 'Orgs overdue for term renewal',
    unit: '个',
    aggregation: 'count',
    definition: '存续的党组织中，本届班子任期届满日期早于统计期末、且尚未换届的组织；届满日期按任期开始时有效的任期规定计算。',
    dimensions: [orgKindDimension],
    columns: [
      { key: 'name', title: '组织名称' },
      { key: 'kind_label', title: '组织类别' },
      { key: 'term_start', title: '本届开始' },
      { key: 'due_on', title: '应换届日期' },
    ],
    records: (w) => sql`
      select o.id, o.name, o.kind, ${kindLabel} as kind_label, t.term_start::text as term_start, t.due_on::text as due_on, t.due_on::text || o.path as sort_key
      from orgs o
      join (select p.org_id, max(p.term_start) as term_start, max(p.term_end) as due_on from org_posts p where p.ended_on is null group by p.org_id) t on t.org_id = o.id
      where o.deleted_at is null and o.dissolved_on is null and t.due_on < ${w.to} and ${pathInScope(w.paths, sql`o.path`)}`,
  },
];

export const indicatorByKey = new Map(indicators.map((i) => [i.key, i]));
