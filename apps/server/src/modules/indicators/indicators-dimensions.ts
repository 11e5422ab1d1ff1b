import { type SQL, sql } from 'drizzle-orm';
import type { Indicator } from './indicators.catalog';

/** A dimension resolved to the SQL value it takes on a record of the set (aliased `r`). */
export interface CutBy {
  key: string;
  name: string;
  value: SQL;
  label: (value: string) => string;
  /** The values are org ids, labelled with the orgs' names. */
  orgs?: boolean;
  /** Groups follow the values' order rather than the figures': a list's, or the values' own (months, years). */
  ordered?: true | readonly string[] | undefined;
}

const column = (name: string) => sql`r.${sql.identifier(name)}`;

/** Records of the committee's own org (path /committee/) have no unit below it. */
const committeeItself = (value: string) => (value === '' ? '工委本级' : value);

/**
 * The cuts every indicator gets from its org path and date columns: by unit (the org right under the committee:
 * a unit's Party committee, or a joint branch), by the record's own org, by month and by year. Months and years
 * read the same date column the period filters on, so narrowing the period to a month gives that month's group.
 */
function commonCuts(indicator: Indicator): CutBy[] {
  const cuts: CutBy[] = [];
  if (indicator.orgPathColumn) {
    const path = column(indicator.orgPathColumn);
    cuts.push(
      { key: 'unit', name: '单位', value: sql`split_part(${path}, '/', 3)`, label: committeeItself, orgs: true },
      {
        key: 'org',
        name: '党组织',
        value: sql`split_part(${path}, '/', length(${path}) - length(replace(${path}, '/', '')))`,
        label: committeeItself,
        orgs: true,
      },
    );
  }
  if (indicator.dateColumn) {
    const date = sql`(${column(indicator.dateColumn)})::text`;
    cuts.push(
      { key: 'month', name: '月份', value: sql`left(${date}, 7)`, label: (v) => (v ? `${v.slice(0, 4)}年${Number(v.slice(5, 7))}月` : '—'), ordered: true },
      { key: 'year', name: '年度', value: sql`left(${date}, 4)`, label: (v) => (v ? `${v}年` : '—'), ordered: true },
    );
  }
  return cuts;
}

const resolved = new WeakMap<Indicator, CutBy[]>();

/** The indicator's own dimensions, then the common cuts whose keys it does not use itself. */
export function dimensionsOf(indicator: Indicator): CutBy[] {
  const known = resolved.get(indicator);
  if (known) return known;
  const own: CutBy[] = indicator.dimensions.map((d) => ({ key: d.key, name: d.name, value: column(d.column), label: d.label, ordered: d.ordered }));
  const all = [...own, ...commonCuts(indicator).filter((c) => !own.some((o) => o.key === c.key))];
  resolved.set(indicator, all);
  return all;
}
