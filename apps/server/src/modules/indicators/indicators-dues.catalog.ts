import { addMonths } from '@hangbiao/shared/dates';
import { type SpecialDuesReason, specialDuesReasons } from '@hangbiao/shared/glossary';
import { type SQL, sql } from 'drizzle-orm';
import { pathInScope } from '../../platform/access';
import { inRegistry } from '../members/members.service';
import type { Indicator, Window } from './indicators.catalog';
import { labelCase, yuan } from './indicators-sql';

const source = '依据《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）';

/**
 * Each member in the registry with their dues over the period's months that have fallen due (from the period's
 * first month to its last, never past the current month): what was due (each month's base in force, as approved
 * reliefs change it), what was paid, and the arrears, i.e. what was due less what was paid towards each month's
 * stored due amount, so an overpayment never offsets another month. The same reckoning as the dues module's totals,
 * per member, over the member's current org, read from the running totals of the rollup `dues_member_years`.
 */
export function memberDues(w: Window): SQL {
  const [fromYear, fromMonth] = w.from.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = w.asOf.split('-').map(Number) as [number, number];
  const committees = [...new Set(w.paths.map((path) => path.split('/')[1] ?? ''))];
  const first = sql`case when d.year = ${fromYear}::int then ${fromMonth}::int else 1 end`;
  const last = sql`case when d.year = ${lastYear}::int then ${lastMonth}::int else 12 end`;
  // A running total through month `last`, less the one through the month before `first` (none before January).
  const months = (column: string) => {
    const total = sql.identifier(column);
    return sql`d.${total}[${last}] - coalesce(d.${total}[${first} - 1], 0)`;
  };
  // A date rather than date_trunc(…) + interval: the timestamptz arithmetic costs a microsecond on each member.
  const nextMonth = `${addMonths(w.asOf.slice(0, 7), 1)}-01`;
  const columns = ['due_months', 'paid_months', 'expected_fen', 'paid_fen', 'covered_fen'];
  // A period within one year reads one row per member; a longer one adds up a row per year.
  const totals =
    fromYear === lastYear
      ? sql`select d.member_id, ${sql.join(
          columns.map((c) => sql`${months(c)} as ${sql.identifier(c)}`),
          sql`, `,
        )} from dues_member_years d where d.committee_id in ${committees} and d.year = ${fromYear}::int`
      : sql`select d.member_id, ${sql.join(
          columns.map((c) => sql`sum(${months(c)}) as ${sql.identifier(c)}`),
          sql`, `,
        )} from dues_member_years d where d.committee_id in ${committees} and d.year between ${fromYear}::int and ${lastYear}::int
          group by d.member_id`;
  return sql`
    select m.id, m.name, o.name as org_name, o.path as org_path, t.due_months::int as due_months, t.paid_months::int as paid_months,
      t.expected_fen::bigint as expected_fen, t.paid_fen::bigint as paid_fen, (t.expected_fen - t.covered_fen)::bigint as arrears_fen,
      o.path || m.name_pinyin as sort_key
    from (${totals}) t join members m on m.id = t.member_id join orgs o on o.id = m.org_id
    where o.deleted_at is null and m.deleted_at is null and ${inRegistry(sql`m.status`)}
      and m.joined_on < ${nextMonth}::date and ${pathInScope(w.paths, sql`o.path`)}`;
}

const duesColumns = [
  { key: 'name', title: '姓名' },
  { key: 'org_name', title: '所在党组织' },
  { key: 'due_months', title: '应交月数' },
  { key: 'expected_yuan', title: '应交（元）' },
  { key: 'paid_months', title: '已交月数' },
  { key: 'paid_yuan', title: '已交（元）' },
  { key: 'arrears_yuan', title: '欠交（元）' },
];

/** The members of `memberDues` for whom `amount` is above zero, with it as the value the figure sums. */
const duesRecords = (w: Window, amount: 'expected_fen' | 'paid_fen' | 'arrears_fen') => {
  const value = sql.identifier(amount);
  return sql`
    select d.*, d.${value} as value, ${yuan(sql`d.expected_fen`)} as expected_yuan, ${yuan(sql`d.paid_fen`)} as paid_yuan,
      ${yuan(sql`d.arrears_fen`)} as arrears_yuan
    from (${memberDues(w)}) d where d.${value} > 0`;
};

const reasonLabel = labelCase('c.reason', specialDuesReasons);

const yuanFigure: Pick<Indicator, 'unit' | 'aggregation' | 'divisor' | 'dimensions' | 'columns' | 'orgPathColumn'> = {
  unit: '元',
  aggregation: 'sum',
  divisor: 100,
  dimensions: [],
  columns: duesColumns,
  orgPathColumn: 'org_path',
};

export const duesIndicators: Indicator[] = [
  {
    key: 'dues.expected',
    cache: 'generation',
    name: '应交党费',
    nameEn: 'Party dues due',
    ...yuanFigure,
    definition: `统计期内已到期各月（不超过本月）在册党员应交纳的党费合计：每月按当月有效的党费基数核定额计，经批准少交的按批准数、免交的计零；按党员当前所在党组织归入所选组织及其全部下级。${source}`,
    records: (w) => duesRecords(w, 'expected_fen'),
  },
  {
    key: 'dues.paid',
    cache: 'generation',
    name: '已交党费',
    nameEn: 'Party dues paid',
    ...yuanFigure,
    definition: `统计期内已到期各月（不超过本月）在册党员实际交纳的党费合计（按所属月份计，含多交部分），按党员当前所在党组织归入所选组织及其全部下级。${source}`,
    records: (w) => duesRecords(w, 'paid_fen'),
  },
  {
    key: 'dues.arrears',
    cache: 'generation',
    name: '欠交党费',
    nameEn: 'Party dues in arrears',
    ...yuanFigure,
    definition: `统计期内已到期各月（不超过本月）应交党费减去各月已交（每月最多计至当月应交数，多交不抵其他月份）的差额，列出有欠交的党员，按党员当前所在党组织归入所选组织及其全部下级。${source}`,
    records: (w) => duesRecords(w, 'arrears_fen'),
  },
  {
    key: 'dues.specialDues',
    cache: 'generation',
    name: '特殊党费',
    nameEn: 'Special dues',
    unit: '元',
    aggregation: 'sum',
    divisor: 100,
    definition:
      '统计期内党员自愿交纳的特殊党费（如抗灾救灾、疫情防控号召下的捐交）合计，按交纳日期归入统计期，按交纳时所在党组织归入所选组织及其全部下级；特殊党费不设定额、不计欠交。',
    dimensions: [{ key: 'reason', name: '号召事由', column: 'reason', label: (v) => specialDuesReasons.label(v as SpecialDuesReason) }],
    columns: [
      { key: 'name', title: '姓名' },
      { key: 'org_name', title: '交纳时所在党组织' },
      { key: 'campaign', title: '号召' },
      { key: 'reason_label', title: '事由' },
      { key: 'paid_on', title: '交纳日期' },
      { key: 'amount_yuan', title: '金额（元）' },
    ],
    orgPathColumn: 'org_path',
    dateColumn: 'paid_on',
    records: (w) => sql`
      select x.id, m.name, o.name as org_name, c.title as campaign, c.reason, ${reasonLabel} as reason_label, x.paid_on::text as paid_on,
        x.amount_fen as value, ${yuan(sql`x.amount_fen`)} as amount_yuan, o.path as org_path, x.paid_on::text || x.id::text as sort_key
      from special_dues_contributions x join special_dues_campaigns c on c.id = x.campaign_id
        join members m on m.id = x.member_id join orgs o on o.id = x.org_id
      where x.paid_on between ${w.from} and ${w.to} and ${pathInScope(w.paths, sql`o.path`)}`,
  },
];
