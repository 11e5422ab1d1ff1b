import type { IndicatorDefinition, IndicatorValue, indicatorExportQuery, indicatorQuery, indicatorRecordsQuery } from '@hangbiao/shared/contracts/indicators';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { requireOrg, scopeOf } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { pageOf } from '../../platform/rows';
import { xlsxStream } from '../../platform/xlsx';
import { type Indicator, indicatorByKey, indicators, type Window } from './indicators.catalog';

export function catalog(ctx: Ctx): IndicatorDefinition[] {
  scopeOf(ctx, 'indicators.read');
  return indicators.map(({ records: _records, dimensions, ...definition }) => ({
    ...definition,
    dimensions: dimensions.map(({ key, name }) => ({ key, name })),
  }));
}

function indicatorOf(key: string): Indicator {
  const indicator = indicatorByKey.get(key);
  if (!indicator) throw new AppError('not_found', `没有这个指标：${key}`);
  return indicator;
}

/** The subtree (the caller's whole scope by default) and the period (this calendar year by default). */
async function windowOf(ctx: Ctx, query: { orgId?: string; from?: string; to?: string }): Promise<Window> {
  const paths = query.orgId ? [(await requireOrg(ctx, 'indicators.read', query.orgId)).path] : scopeOf(ctx, 'indicators.read');
  const year = shanghaiDate(ctx.now).slice(0, 4);
  return { paths, from: query.from ?? `${year}-01-01`, to: query.to ?? `${year}-12-31` };
}

function dimensionOf(indicator: Indicator, key: string, path: string) {
  const dimension = indicator.dimensions.find((d) => d.key === key);
  if (!dimension) {
    const known = indicator.dimensions.map((d) => d.key).join('、') || '无';
    throw new AppError('validation_failed', `指标「${indicator.name}」不能按「${key}」分组`, [{ path, message: `可用维度：${known}` }]);
  }
  return dimension;
}

export async function evaluate(ctx: Ctx, key: string, query: z.infer<typeof indicatorQuery>): Promise<IndicatorValue> {
  const indicator = indicatorOf(key);
  const window = await windowOf(ctx, query);
  const dimension = query.groupBy ? dimensionOf(indicator, query.groupBy, 'querystring.groupBy') : undefined;
  const records = indicator.records(window);
  const [total] = await rowsOf<{ n: number }>(ctx.read, sql`select count(*)::int as n from (${records}) r`);
  const result: IndicatorValue = { key, value: total?.n ?? 0, orgId: query.orgId ?? null, from: window.from, to: window.to };
  if (!dimension) return result;
  const column = sql.identifier(dimension.column);
  const groups = await rowsOf<{ key: string; n: number }>(
    ctx.read,
    sql`select r.${column}::text as key, count(*)::int as n from (${records}) r group by 1 order by 2 desc, 1`,
  );
  return { ...result, groups: groups.map((g) => ({ key: g.key, label: dimension.label(g.key), value: g.n })) };
}

/** The records behind the figure, in a stable order; with a dimension and group, only that group's. */
export async function records(ctx: Ctx, key: string, query: z.infer<typeof indicatorRecordsQuery>) {
  const indicator = indicatorOf(key);
  const window = await windowOf(ctx, query);
  const dimension = query.dimension ? dimensionOf(indicator, query.dimension, 'querystring.dimension') : undefined;
  const filter = dimension ? sql`where r.${sql.identifier(dimension.column)}::text = ${query.group}` : sql``;
  const columns = sql.join(
    ['id', ...indicator.columns.map((c) => c.key)].map((c) => sql`r.${sql.identifier(c)}`),
    sql`, `,
  );
  const rows = await rowsOf<Record<string, string | number | null> & { total: number }>(
    ctx.read,
    sql`select ${columns}, count(*) over ()::int as total from (${indicator.records(window)}) r ${filter}
        order by r.sort_key, r.id::text limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  const total = rows[0]?.total ?? (query.page > 1 ? await countOf(ctx, indicator, window, filter) : 0);
  return pageOf(
    rows.map(({ total: _total, ...row }) => row),
    total,
    query,
  );
}

/** Every record behind the figure as an Excel sheet, read in batches along the same order as the list. */
export async function exportRecords(ctx: Ctx, key: string, query: z.infer<typeof indicatorExportQuery>) {
  const indicator = indicatorOf(key);
  const window = await windowOf(ctx, query);
  const dimension = query.dimension ? dimensionOf(indicator, query.dimension, 'querystring.dimension') : undefined;
  const filter = dimension ? sql`and r.${sql.identifier(dimension.column)}::text = ${query.group}` : sql``;
  const columns = sql.join(
    ['id', 'sort_key', ...indicator.columns.map((c) => c.key)].map((c) => sql`r.${sql.identifier(c)}`),
    sql`, `,
  );
  async function* batches() {
    let after: { sortKey: string; id: string } | undefined;
    for (;;) {
      const keyset = after ? sql`and (r.sort_key, r.id::text) > (${after.sortKey}, ${after.id})` : sql``;
      const rows = await rowsOf<Record<string, string | number | null> & { id: string; sort_key: string }>(
        ctx.read,
        sql`select ${columns} from (${indicator.records(window)}) r where true ${filter} ${keyset} order by r.sort_key, r.id::text limit ${exportBatch}`,
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

async function countOf(ctx: Ctx, indicator: Indicator, window: Window, filter: ReturnType<typeof sql>) {
  const [row] = await rowsOf<{ n: number }>(ctx.read, sql`select count(*)::int as n from (${indicator.records(window)}) r ${filter}`);
  return row?.n ?? 0;
}
