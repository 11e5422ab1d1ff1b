import type {
  IndicatorDefinition,
  IndicatorGroup,
  IndicatorValue,
  indicatorExportQuery,
  indicatorQuery,
  indicatorRecordsQuery,
} from '@hangbiao/shared/contracts/indicators';
import { addDays, shanghaiDate } from '@hangbiao/shared/dates';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { requireOrg, scopeOf } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { cachedRead } from '../../platform/read-cache';
import { pageOf } from '../../platform/rows';
import { xlsxStream } from '../../platform/xlsx';
import { type Indicator, indicatorByKey, indicators, type Window } from './indicators.catalog';
import { type CutBy, dimensionsOf } from './indicators-dimensions';

export function catalog(ctx: Ctx): IndicatorDefinition[] {
  scopeOf(ctx, 'indicators.read');
  return indicators.map(
    ({ records: _records, dimensions: _dimensions, orgPathColumn: _path, dateColumn: _date, divisor: _divisor, cache: _cache, ...definition }) => ({
      ...definition,
      dimensions: dimensionsOf(indicatorByKey.get(definition.key) as Indicator).map(({ key, name }) => ({ key, name })),
    }),
  );
}

function indicatorOf(key: string): Indicator {
  const indicator = indicatorByKey.get(key);
  if (!indicator) throw new AppError('not_found', `没有这个指标：${key}`);
  return indicator;
}

/** The subtree (the caller's whole scope by default) and the period (this calendar year by default). */
async function windowOf(ctx: Ctx, query: { orgId?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<Window> {
  const paths = query.orgId ? [(await requireOrg(ctx, 'indicators.read', query.orgId)).path] : scopeOf(ctx, 'indicators.read');
  const today = shanghaiDate(ctx.now);
  const year = today.slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  return { paths, from, to, asOf: earlierOf(to, today), today };
}

/** The earlier of two YYYY-MM-DD dates. */
export const earlierOf = (a: string, b: string) => [a, b].sort()[0] ?? a;

function dimensionOf(indicator: Indicator, key: string, path: string): CutBy {
  const dimension = dimensionsOf(indicator).find((d) => d.key === key);
  if (!dimension) {
    const known = dimensionsOf(indicator)
      .map((d) => d.key)
      .join('、');
    throw new AppError('validation_failed', `指标「${indicator.name}」不能按「${key}」分组`, [{ path, message: `可用维度：${known}` }]);
  }
  return dimension;
}

// ── Aggregating a record set ──────────────────────────────────────

interface Measured {
  n: number;
  s: number | null;
  num: number | null;
  den: number | null;
}

/**
 * What an aggregation sums over the records (aliased `r`): a count adds rows, a sum their `value`, a rate its
 * `numerator` and `denominator`. Every measure is additive, so groups always add up to the whole.
 */
function measures(indicator: Indicator, over = sql``, rolledUp = false): SQL {
  const n = rolledUp ? sql`sum(r.n) ${over}` : sql`count(*) ${over}`;
  switch (indicator.aggregation) {
    case 'sum':
    case 'personTimes':
      return sql`(${n})::int as n, coalesce(sum(r.value) ${over}, 0)::float8 as s, null::float8 as num, null::float8 as den`;
    case 'rate':
      return sql`(${n})::int as n, null::float8 as s, coalesce(sum(r.numerator) ${over}, 0)::float8 as num, coalesce(sum(r.denominator) ${over}, 0)::float8 as den`;
    case 'count':
    case 'distinctCount':
      return sql`(${n})::int as n, null::float8 as s, null::float8 as num, null::float8 as den`;
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The figure of some records from their measures: a rate is a percentage with one decimal. */
function figureOf(indicator: Indicator, m: Measured): Pick<IndicatorValue, 'value' | 'records' | 'numerator' | 'denominator'> {
  const records = Number(m.n);
  switch (indicator.aggregation) {
    case 'sum':
    case 'personTimes':
      return { value: round(Number(m.s ?? 0) / (indicator.divisor ?? 1), 2), records };
    case 'rate': {
      const numerator = Number(m.num ?? 0);
      const denominator = Number(m.den ?? 0);
      return { value: denominator > 0 ? round((numerator / denominator) * 100, 1) : 0, records, numerator, denominator };
    }
    case 'count':
    case 'distinctCount':
      return { value: records, records };
  }
}

const addMeasured = (a: Measured, b: Measured): Measured => ({
  n: Number(a.n) + Number(b.n),
  s: a.s === null && b.s === null ? null : Number(a.s ?? 0) + Number(b.s ?? 0),
  num: a.num === null && b.num === null ? null : Number(a.num ?? 0) + Number(b.num ?? 0),
  den: a.den === null && b.den === null ? null : Number(a.den ?? 0) + Number(b.den ?? 0),
});
const noMeasure: Measured = { n: 0, s: null, num: null, den: null };

/** Labels of a dimension's values; org dimensions name their orgs in one read. */
async function labelsOf(ctx: Ctx, dimension: CutBy, keys: string[]): Promise<(key: string) => string> {
  if (!dimension.orgs) return dimension.label;
  const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
  const rows = ids.length ? await rowsOf<{ id: string; name: string }>(ctx.read, sql`select id::text as id, name from orgs where id in ${ids}`) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (key) => names.get(key) ?? dimension.label(key);
}

/** One collator for every comparison: `localeCompare` with options builds one per call (a province's 15,000 cells, 0.4 s). */
const keyCollator = new Intl.Collator('en', { numeric: true });

function sortGroups<T extends { key: string; records: number; value: number }>(groups: T[], dimension: CutBy): T[] {
  const byKey = (a: T, b: T) => keyCollator.compare(a.key, b.key);
  const order = dimension.ordered;
  if (Array.isArray(order)) return groups.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key) || byKey(a, b));
  return groups.sort(order ? byKey : (a, b) => b.value - a.value || byKey(a, b));
}

/**
 * Reads `read` once per committee read generation when the indicator may be kept; an indicator kept for a bounded
 * time also starts afresh every `staleSeconds`.
 */
function cachedFor<T>(ctx: Ctx, indicator: Indicator, key: unknown, read: () => Promise<T>, bucket?: 'recordSets'): Promise<T> {
  const { cache } = indicator;
  if (!cache) return read();
  const span = cache === 'generation' ? '' : `@${Math.floor(ctx.now.getTime() / (cache.staleSeconds * 1000))}`;
  return cachedRead(ctx, `indicator:${indicator.key}${span}:${JSON.stringify(key)}`, read, bucket);
}

export async function evaluate(ctx: Ctx, key: string, query: z.infer<typeof indicatorQuery>): Promise<IndicatorValue> {
  const indicator = indicatorOf(key);
  return figureIn(ctx, indicator, await windowOf(ctx, query), query);
}

function figureIn(ctx: Ctx, indicator: Indicator, window: Window, query: z.infer<typeof indicatorQuery>): Promise<IndicatorValue> {
  return cachedFor(ctx, indicator, { window, groupBy: query.groupBy, thenBy: query.thenBy, orgId: query.orgId }, () =>
    evaluateIn(ctx, indicator, window, query),
  );
}

async function evaluateIn(ctx: Ctx, indicator: Indicator, window: Window, query: z.infer<typeof indicatorQuery>): Promise<IndicatorValue> {
  const key = indicator.key;
  const first = query.groupBy ? dimensionOf(indicator, query.groupBy, 'querystring.groupBy') : undefined;
  const then = query.thenBy ? dimensionOf(indicator, query.thenBy, 'querystring.thenBy') : undefined;
  if (first && then && first.key === then.key) {
    throw new AppError('validation_failed', '两个分组维度不能相同', [{ path: 'querystring.thenBy', message: '请选择另一个维度' }]);
  }
  const rollup = rolledUpFor(indicator, window, [first, then]);
  const records = rollup ?? indicator.records(window);
  const measured = measures(indicator, sql``, rollup !== undefined);
  const base = { key, orgId: query.orgId ?? null, from: window.from, to: window.to, asOf: window.asOf };
  if (!first) {
    const [total] = await rowsOf<Measured>(ctx.read, sql`select ${measured} from (${records}) r`);
    return { ...base, ...figureOf(indicator, total ?? noMeasure) };
  }
  const secondKey = then ? sql`coalesce((${then.value})::text, '')` : sql`''`;
  const rows = await rowsOf<Measured & { k1: string; k2: string }>(
    ctx.read,
    sql`select coalesce((${first.value})::text, '') as k1, ${secondKey} as k2, ${measured} from (${records}) r group by 1, 2`,
  );
  // The whole and each group are sums of the finest cells, so they add up by construction; the tests compare
  // them with the ungrouped figure and with the records.
  const byFirst = new Map<string, { measured: Measured; cells: Map<string, Measured> }>();
  let total = noMeasure;
  for (const row of rows) {
    const entry = byFirst.get(row.k1) ?? { measured: noMeasure, cells: new Map<string, Measured>() };
    entry.measured = addMeasured(entry.measured, row);
    entry.cells.set(row.k2, row);
    byFirst.set(row.k1, entry);
    total = addMeasured(total, row);
  }
  const [firstLabel, thenLabel] = await Promise.all([
    labelsOf(ctx, first, [...byFirst.keys()]),
    then ? labelsOf(ctx, then, [...new Set(rows.map((r) => r.k2))]) : undefined,
  ]);
  const groups: IndicatorGroup[] = [...byFirst].map(([k1, entry]) => {
    const group: IndicatorGroup = { key: k1, label: firstLabel(k1), ...figureOf(indicator, entry.measured) };
    if (!then || !thenLabel) return group;
    const cells = [...entry.cells].map(([k2, m]) => ({ key: k2, label: thenLabel(k2), ...figureOf(indicator, m) }));
    return { ...group, groups: sortGroups(cells, then) };
  });
  return { ...base, ...figureOf(indicator, total), groups: sortGroups(groups, first) };
}

const rollupCuts = new Set(['unit', 'month', 'year']);

/**
 * The indicator's rollup for a window it can answer: whole months (for a figure dated by month), every scope path a whole unit or committee (at
 * most two levels deep), and only cuts the rollup keeps.
 */
export function rolledUpFor(indicator: Indicator, window: Window, cuts: (CutBy | undefined)[]): SQL | undefined {
  if (!indicator.rollup) return undefined;
  const wholeMonths = !indicator.dateColumn || (window.from.endsWith('-01') && addDays(window.to, 1).endsWith('-01'));
  const wholeUnits = window.paths.every((p) => p.split('/').filter(Boolean).length <= 2);
  if (!wholeMonths || !wholeUnits || cuts.some((c) => c && !rollupCuts.has(c.key))) return undefined;
  return indicator.rollup(window);
}

/** The filter narrowing the records (aliased `r`) to one group of one dimension. */
function groupFilter(indicator: Indicator, query: { dimension?: string | undefined; group?: string | undefined }): SQL {
  if (query.dimension === undefined || query.group === undefined) return sql`true`;
  const dimension = dimensionOf(indicator, query.dimension, 'querystring.dimension');
  return sql`coalesce((${dimension.value})::text, '') = ${query.group}`;
}

/** The records behind the figure, in a stable order; with a dimension and group, only that group's. */
export async function records(ctx: Ctx, key: string, query: z.infer<typeof indicatorRecordsQuery>) {
  const indicator = indicatorOf(key);
  const window = await windowOf(ctx, query);
  const { orgId: _orgId, from: _from, to: _to, ...page } = query;
  return cachedFor(ctx, indicator, { window, ...page, records: true }, () => recordsIn(ctx, indicator, window, query));
}

async function recordsIn(ctx: Ctx, indicator: Indicator, window: Window, query: z.infer<typeof indicatorRecordsQuery>) {
  const set = sql`select * from (${indicator.records(window)}) r where ${groupFilter(indicator, query)}`;
  const figure = figureOfRecords(ctx, indicator, window, query, set);
  const [rows, { records, ...measured }] = await Promise.all([pageRows(ctx, indicator, window, query, set, figure), figure]);
  return { ...pageOf(rows, records, query), records, ...measured };
}

type RecordRow = Record<string, string | number | null>;
/** The stable order of a figure's records (aliased `r`): pages, kept sets and exports all follow it. */
const recordOrder = sql`order by r.sort_key, r.id::text`;
/** The columns a record list shows, after its id. */
const recordColumns = (indicator: Indicator, extra: string[] = []) =>
  sql.join(
    ['id', ...extra, ...indicator.columns.map((c) => c.key)].map((c) => sql`r.${sql.identifier(c)}`),
    sql`, `,
  );
/** A kept indicator's record set up to this many rows is read whole once per read generation and paged in memory. */
const keptRows = 5_000;
/** Up to this many, only its order is kept (the ids), and a page reads its rows by id. */
const keptOrder = 30_000;

/**
 * A page of the records in their stable order. Each page alone would sort the whole set again, so a kept indicator
 * keeps the sorted set (or its order) instead: paging through a figure's records then reads the set once.
 */
async function pageRows(
  ctx: Ctx,
  indicator: Indicator,
  window: Window,
  query: z.infer<typeof indicatorRecordsQuery>,
  set: SQL,
  figure: Promise<{ records: number }>,
): Promise<RecordRow[]> {
  const columns = recordColumns(indicator);
  const ordered = sql`select ${columns} from (${set}) r ${recordOrder}`;
  const offset = (query.page - 1) * query.pageSize;
  const top = () => rowsOf<RecordRow>(ctx.read, sql`${ordered} limit ${query.pageSize} offset ${offset}`);
  // Unkept, the page goes out beside the figure; kept, the figure's count says how much of the set to keep.
  if (!indicator.cache) return top();
  const total = (await figure).records;
  if (total > keptOrder) return top();
  const key = { window, dimension: query.dimension, group: query.group, whole: total <= keptRows };
  if (total <= keptRows) {
    const all = await cachedFor(ctx, indicator, key, () => rowsOf<RecordRow>(ctx.read, ordered), 'recordSets');
    return all.slice(offset, offset + query.pageSize);
  }
  const order = await cachedFor(
    ctx,
    indicator,
    key,
    async () => (await rowsOf<{ id: string }>(ctx.read, sql`select r.id::text as id from (${set}) r ${recordOrder}`)).map((r) => r.id),
    'recordSets',
  );
  const ids = order.slice(offset, offset + query.pageSize);
  if (ids.length === 0) return [];
  const rows = await rowsOf<RecordRow>(ctx.read, sql`select ${columns} from (${set}) r where r.id in ${ids}`);
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  return ids.map((id) => byId.get(id)).filter((r): r is RecordRow => r !== undefined);
}

/**
 * The figure of a records page. A kept indicator takes it from the figure cut the page shows beside its records
 * (by the group's dimension, else by the first), so paging and the chart share one read; the tests hold every
 * cut's groups to the records.
 */
async function figureOfRecords(ctx: Ctx, indicator: Indicator, window: Window, query: z.infer<typeof indicatorRecordsQuery>, set: SQL) {
  const groupBy = query.group === undefined ? dimensionsOf(indicator)[0]?.key : query.dimension;
  if (!indicator.cache || !groupBy) {
    const [measured] = await rowsOf<Measured>(ctx.read, sql`select ${measures(indicator)} from (${set}) r`);
    return figureOf(indicator, measured ?? noMeasure);
  }
  const { value, records, numerator, denominator, groups } = await figureIn(ctx, indicator, window, { orgId: query.orgId, groupBy });
  if (query.group === undefined) return { value, records, numerator, denominator };
  const group = groups?.find((g) => g.key === query.group);
  return group ? { value: group.value, records: group.records, numerator: group.numerator, denominator: group.denominator } : figureOf(indicator, noMeasure);
}

/** Every record behind the figure as an Excel sheet, read in batches along the same order as the list. */
export async function exportRecords(ctx: Ctx, key: string, query: z.infer<typeof indicatorExportQuery>) {
  const indicator = indicatorOf(key);
  const window = await windowOf(ctx, query);
  const filter = groupFilter(indicator, query);
  const columns = recordColumns(indicator, ['sort_key']);
  async function* batches() {
    let after: { sortKey: string; id: string } | undefined;
    for (;;) {
      const keyset = after ? sql`and (r.sort_key, r.id::text) > (${after.sortKey}, ${after.id})` : sql``;
      const rows = await rowsOf<Record<string, string | number | null> & { id: string; sort_key: string }>(
        ctx.read,
        sql`select ${columns} from (${indicator.records(window)}) r where ${filter} ${keyset} ${recordOrder} limit ${exportBatch}`,
      );
      if (rows.length > 0) yield rows;
      const last = rows.at(-1);
      if (!last || rows.length < exportBatch) return;
      after = { sortKey: last.sort_key, id: String(last.id) };
    }
  }
  const period = `${window.from}至${window.to}`;
  return { filename: `${indicator.name}（${period}）.xlsx`, stream: xlsxStream(indicator.name, indicator.columns, batches()) };
}

const exportBatch = 5000;
