import { isoDate } from '@hangbiao/shared/contracts/common';
import { indicatorCatalog, indicatorRecords, indicatorRecordsQuery, indicatorValue, myFigures } from '@hangbiao/shared/contracts/indicators';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api, downloadHref } from '../../app/api';

/** A whole calendar year in Asia/Shanghai, `yearsBack` before this one; this year is the period every figure defaults to. */
export function calendarYear(yearsBack = 0): { from: string; to: string } {
  const year = Number(shanghaiDate(new Date()).slice(0, 4)) - yearsBack;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * The drill-down's URL: the records query with this year as the default period (so the figure and the records
 * always get the same, explicit dates) and `groupBy`, which only the figure takes.
 */
export const drillDownQuery = indicatorRecordsQuery.safeExtend({
  from: isoDate.default(() => calendarYear().from),
  to: isoDate.default(() => calendarYear().to),
  groupBy: z.string().max(40).optional(),
});
type DrillDownParams = z.output<typeof drillDownQuery>;
type RecordsParams = Omit<DrillDownParams, 'groupBy'>;

/** Where, when and how a figure is cut (by one dimension, then within each group by a second); the org defaults to the caller's whole scope. */
export type FigureParams = Pick<DrillDownParams, 'orgId' | 'from' | 'to' | 'groupBy'> & { thenBy?: string | undefined };

export const indicatorKeys = {
  catalog: ['indicators', 'catalog'] as const,
  value: (key: string, params: FigureParams) => ['indicators', 'value', key, params] as const,
  records: (key: string, params: RecordsParams) => ['indicators', 'records', key, params] as const,
};

const path = (key: string) => `/api/indicators/${encodeURIComponent(key)}`;

export const indicatorCatalogQuery = queryOptions({
  queryKey: indicatorKeys.catalog,
  queryFn: () => api.get('/api/indicators', indicatorCatalog),
  staleTime: 5 * 60_000,
});

export const indicatorValueQuery = (key: string, params: FigureParams) =>
  queryOptions({ queryKey: indicatorKeys.value(key, params), queryFn: () => api.get(path(key), indicatorValue, params) });

/** The signed-in member's own figures of a year. */
export const myFiguresQuery = (year: number) =>
  queryOptions({ queryKey: ['indicators', 'mine', year] as const, queryFn: () => api.get('/api/me/figures', myFigures, { year }) });

/** One record behind a figure, numbered across pages (records have no id of their own in the contract). */
export interface IndicatorRecordRow {
  rowNumber: number;
  cells: z.output<typeof indicatorRecords>['items'][number];
}

async function fetchIndicatorRecords(key: string, params: RecordsParams) {
  const page = await api.get(`${path(key)}/records`, indicatorRecords, params);
  const first = (page.page - 1) * page.pageSize + 1;
  return { ...page, items: page.items.map((cells, index): IndicatorRecordRow => ({ rowNumber: first + index, cells })) };
}

/** The records behind a figure, for `usePagedList(drillDownQuery, …)`; `groupBy` cuts the figure only, so it is left out. */
export const indicatorRecordsList = (key: string) => ({
  queryKey: ({ groupBy: _, ...params }: DrillDownParams) => indicatorKeys.records(key, params),
  fetchPage: ({ groupBy: _, ...params }: DrillDownParams) => fetchIndicatorRecords(key, params),
});

/** The Excel file of every record the list shows, over the same org, period and group. */
export const recordsExportHref = (key: string, { groupBy: _, page: _page, pageSize: _size, ...params }: DrillDownParams) =>
  downloadHref(`${path(key)}/records/export`, params);

/** The figure the drill-down shows: the very org and period of its records. */
export const figureParams = ({ orgId, from, to, groupBy }: DrillDownParams): FigureParams => ({ orgId, from, to, groupBy });
