import { keepPreviousData, type QueryKey, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { QueryValue } from '../app/api';
import { EmptyState } from './empty-state';
import { ErrorAlert } from './error-display';

interface Page<T> {
  items: T[];
  total: number;
  /** The total was counted only up to a cap (lists over very large tables). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

interface ListParams {
  page: number;
  pageSize: number;
  sort?: string;
}

type ListSchema = z.ZodObject & z.ZodType<ListParams>;
type Patch<S extends ListSchema> = Partial<Record<keyof z.input<S> & string, QueryValue>>;

/** Reads the query's params from the URL with its contract; a bad value falls back to its default instead of failing the page. */
function parseParams<S extends ListSchema>(schema: S, search: URLSearchParams): z.output<S> {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = search.get(key);
    if (value !== null) raw[key] = value;
  }
  for (;;) {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    const bad = new Set(result.error.issues.map((issue) => String(issue.path[0])));
    const before = Object.keys(raw).length;
    for (const key of bad) delete raw[key];
    if (Object.keys(raw).length === before) return schema.parse({});
  }
}

/** List params kept in the URL (so back, reload and shared links keep page, sort and filters). */
function useListParams<S extends ListSchema>(schema: S) {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(schema, search), [schema, search]);
  const defaults: Record<string, unknown> = useMemo(() => schema.parse({}), [schema]);

  /** Changes some params; any change but paging itself goes back to page 1. */
  const write = useCallback(
    (patch: Record<string, QueryValue>) => {
      setSearch((previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(patch)) {
          const empty = value === undefined || value === null || value === '' || value === false;
          if (empty || String(value) === String(defaults[key])) next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setSearch, defaults],
  );
  const update: (patch: Patch<S>) => void = write;

  return { params, update, write };
}

/**
 * A URL-synced list backed by TanStack Query; spread `table` into <PagedTable>. `data` is the whole response, for
 * pages whose envelope carries more than the rows (a summary, the rule applied).
 */
export function usePagedList<S extends ListSchema, R extends Page<object>>(
  schema: S,
  queryKey: (params: z.output<S>) => QueryKey,
  fetchPage: (params: z.output<S>) => Promise<R>,
) {
  const { params, update, write } = useListParams(schema);
  const query = useQuery({ queryKey: queryKey(params), queryFn: () => fetchPage(params), placeholderData: keepPreviousData });
  const table: PagingProps<R['items'][number]> = {
    query,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
    onParamsChange: (next) => write({ page: next.page, pageSize: next.pageSize, sort: next.sort }),
  };
  return { params, update, table, data: query.data };
}

interface PagingProps<T> {
  query: UseQueryResult<Page<T>>;
  page: number;
  pageSize: number;
  sort: string | undefined;
  onParamsChange: (next: { page: number; pageSize: number; sort: string | undefined }) => void;
}

type PagedTableProps<T> = PagingProps<T> & Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'onChange'> & { testId?: string; emptyText?: string };

function orderOf(sort: string | undefined, key: unknown): SortOrder {
  if (typeof key !== 'string' || !sort) return null;
  if (sort === key) return 'ascend';
  return sort === `-${key}` ? 'descend' : null;
}

/**
 * A server-paged table. Sortable columns set `sorter: true` and a `key` equal to the contract's sort value
 * (`-key` for descending).
 */
export function PagedTable<T extends object>({ query, page, pageSize, sort, onParamsChange, columns, testId, emptyText, ...rest }: PagedTableProps<T>) {
  const sortedColumns = useMemo(
    () => columns?.map((column) => ('sorter' in column && column.sorter ? { ...column, sortOrder: orderOf(sort, column.key) } : column)),
    [columns, sort],
  );

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    const first: SorterResult<T> | undefined = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = typeof first?.columnKey === 'string' ? first.columnKey : undefined;
    const nextSort = key && first?.order ? (first.order === 'descend' ? `-${key}` : key) : undefined;
    onParamsChange({
      page: extra.action === 'paginate' ? (pagination.current ?? 1) : 1,
      pageSize: pagination.pageSize ?? pageSize,
      sort: nextSort,
    });
  };

  return (
    <div data-testid={testId}>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} style={{ marginBottom: 12 }} />}
      <Table<T>
        size="middle"
        scroll={{ x: 'max-content' }}
        {...rest}
        columns={sortedColumns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        onChange={onChange}
        locale={{ emptyText: <EmptyState description={query.isError ? '加载失败' : (emptyText ?? '暂无数据')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => (query.data?.totalCapped ? `超过 ${total.toLocaleString('zh-CN')} 条，可按条件缩小范围` : `共 ${total} 条`),
        }}
      />
    </div>
  );
}
