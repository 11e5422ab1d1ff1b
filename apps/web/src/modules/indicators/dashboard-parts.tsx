import { id, isoDate } from '@hangbiao/shared/contracts/common';
import type { IndicatorGroup, IndicatorValue } from '@hangbiao/shared/contracts/indicators';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Flex, Row, Segmented, Skeleton, Spin, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { type CSSProperties, createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { errorText } from '../../app/api';
import { NotFoundPage } from '../../app/result-pages';
import { type ChartOption, chartColors, EChart } from '../../components/echart';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { FilterBar, FilterField } from '../../components/filter-bar';
import { PageHeader } from '../../components/page-header';
import { orgDetailQuery } from '../orgs/org-queries';
import { figureText } from './indicator-labels';
import { calendarYear, type FigureParams, indicatorValueQuery } from './indicator-queries';

// ── Scope and period ──────────────────────────────────────────────

/** A dashboard's org subtree (the caller's whole scope when absent) and period. */
export interface Scope {
  orgId?: string | undefined;
  from: string;
  to: string;
}

/** The period kept in the URL (and the org, where the page does not fix it); a bad value falls back to the caller's scope and this year. */
const scopeSearch = z.object({
  orgId: id.optional().catch(undefined),
  from: isoDate.catch(() => calendarYear().from),
  to: isoDate.catch(() => calendarYear().to),
});

/** The scope of the URL's search; `orgId` given by the page (a unit's dashboard) wins over the search's. */
export function useScope(orgId?: string) {
  const [search, setSearch] = useSearchParams();
  const scope = useMemo(() => {
    const parsed = scopeSearch.parse({ orgId: search.get('orgId') ?? undefined, from: search.get('from') ?? undefined, to: search.get('to') ?? undefined });
    return orgId ? { ...parsed, orgId } : parsed;
  }, [search, orgId]);
  const update = (patch: Partial<Scope>) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      const defaults = calendarYear();
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === defaults[key as keyof typeof defaults]) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  return { scope, update };
}

export const periodText = ({ from, to }: Scope) =>
  from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31` ? `${from.slice(0, 4)} 年` : `${from} 至 ${to}`;

/** The year picker every dashboard shows; a dashboard's period is one calendar year. */
export function YearField({ scope, onChange, id: fieldId }: { scope: Scope; onChange: (patch: Partial<Scope>) => void; id: string }) {
  return (
    <FilterField label="统计年度" htmlFor={fieldId} width={140}>
      <DatePicker
        id={fieldId}
        picker="year"
        allowClear={false}
        style={{ width: '100%' }}
        value={dayjs(scope.from)}
        disabledDate={(date) => date.isAfter(dayjs(), 'year')}
        onChange={(date) => {
          if (date) onChange({ from: `${date.year()}-01-01`, to: `${date.year()}-12-31` });
        }}
      />
    </FilterField>
  );
}

/** A dashboard's search for links to other dashboards: the same period. */
export const periodSearch = ({ from, to }: Scope) => new URLSearchParams({ from, to }).toString();

// ── Drill-down links ──────────────────────────────────────────────

/** What a clicked element narrows the figure's records to: one group of a dimension and/or a shorter period. */
export interface Narrowing {
  dimension?: string;
  group?: string;
  from?: string;
  to?: string;
}

/** The drill-down page of one indicator over the scope, narrowed as the clicked element says. */
export function drillDownHref(key: string, scope: Scope, narrow: Narrowing = {}): string {
  const search = new URLSearchParams({ from: narrow.from ?? scope.from, to: narrow.to ?? scope.to });
  if (scope.orgId) search.set('orgId', scope.orgId);
  if (narrow.dimension !== undefined && narrow.group !== undefined) {
    search.set('groupBy', narrow.dimension);
    search.set('dimension', narrow.dimension);
    search.set('group', narrow.group);
  }
  return `/indicators/${encodeURIComponent(key)}?${search}`;
}

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 0, 0)).toISOString().slice(0, 10);
};

/**
 * The narrowing of one group: a month or a year becomes that period (the records of a month group are exactly the
 * period's records), any other dimension a group filter.
 */
export function narrowingOf(dimension: string, key: string): Narrowing {
  if (dimension === 'month') return { from: `${key}-01`, to: monthEnd(key) };
  if (dimension === 'year') return { from: `${key}-01-01`, to: `${key}-12-31` };
  return { dimension, group: key };
}

/** How a dashboard opens the records behind a figure: in place, or on the full-screen display in a new tab; and its charts' theme. */
interface DashboardMode {
  newTab: boolean;
  chartTheme?: 'dark';
}
const DashboardModeContext = createContext<DashboardMode>({ newTab: false });
export const DashboardModeProvider = DashboardModeContext.Provider;
export const useDashboardMode = () => useContext(DashboardModeContext);

function useOpen(): (href: string) => void {
  const navigate = useNavigate();
  const { newTab } = useDashboardMode();
  return (href) => (newTab ? window.open(href, '_blank', 'noopener') : navigate(href));
}

/** A figure that opens its records. */
export function FigureLink({
  href,
  children,
  label,
  className,
  testId,
  style,
}: {
  href: string;
  children: ReactNode;
  label: string;
  className?: string;
  testId?: string;
  style?: CSSProperties;
}) {
  const { newTab } = useDashboardMode();
  return (
    <Link to={href} target={newTab ? '_blank' : undefined} className={className} data-testid={testId} aria-label={label} style={style}>
      {children}
    </Link>
  );
}

// ── Figures ───────────────────────────────────────────────────────

export interface Cut {
  groupBy?: string;
  thenBy?: string;
}

export function useFigure(key: string, scope: Scope, cut: Cut = {}, refetchInterval?: number) {
  const params: FigureParams = { orgId: scope.orgId, from: scope.from, to: scope.to, ...cut };
  return useQuery({ ...indicatorValueQuery(key, params), placeholderData: keepPreviousData, refetchInterval });
}

const withUnit = (value: number, unit: string) => `${figureText(value)}${unit === '%' ? '' : ' '}${unit}`;

/** A headline figure as a card shows it: large sums of money in 万元, as reports write them. */
function headline(value: number, unit: string): { text: string; unit: string } {
  if (unit === '元' && Math.abs(value) >= 100_000) return { text: figureText(Math.round(value / 100) / 100), unit: '万元' };
  return { text: figureText(value), unit };
}

export interface Kpi {
  key: string;
  title: string;
  unit: string;
  note: string;
  /** A figure that should be zero: shown in the alert colour when it is not. */
  warn?: boolean;
  /**
   * The cut a chart of the same page asks for: the card reads that query's total, so the page sends one request
   * for both.
   */
  cut?: Cut;
}

/** Each headline figure's wording, as most dashboards word it. */
const kpiTexts = {
  'orgs.count': { title: '党组织数', unit: '个', note: '统计期末存续的党组织' },
  'orgs.renewalsOverdue': { title: '逾期未换届组织', unit: '个', note: '任期届满尚未换届', warn: true },
  'members.count': { title: '党员数', unit: '人', note: '在册党员（含预备党员）' },
  'orglife.meetings.count': { title: '召开组织生活', unit: '次', note: '统计期内已召开的会议' },
  'orglife.attendance.rate': { title: '组织生活出席率', unit: '%', note: '实到人次 ÷ 应到人次' },
  'orglife.compliance.missed': { title: '未完成组织生活要求', unit: '项', note: '补录期满仍未达到应开次数', warn: true },
  'dues.expected': { title: '应交党费', unit: '元', note: '统计期内已到期各月' },
  'dues.paid': { title: '已交党费', unit: '元', note: '统计期内已到期各月' },
  'dues.arrears': { title: '欠交党费', unit: '元', note: '应交减已交', warn: true },
  'transfers.overdue': { title: '逾期未办结转接', unit: '件', note: '超过办理期限', warn: true },
  'transfers.pending': { title: '办理中的转接', unit: '件', note: '尚未办结的组织关系转接' },
  'development.overdue': { title: '发展党员逾期步骤', unit: '人', note: '下一步骤已过期限', warn: true },
  'development.cases': { title: '发展党员在培养', unit: '人', note: '申请人、积极分子、发展对象、预备党员' },
} satisfies Record<string, Omit<Kpi, 'key'>>;

/** A headline figure by its indicator key, with what the page changes: the cut of its chart, or its own wording. */
export const kpi = (key: keyof typeof kpiTexts, patch: Partial<Omit<Kpi, 'key'>> = {}): Kpi => ({ key, ...kpiTexts[key], ...patch });

/** One headline figure; the number opens the records it counts. */
export function KpiCard({ kpi, scope, refetchInterval }: { kpi: Kpi; scope: Scope; refetchInterval?: number }) {
  const figure = useFigure(kpi.key, scope, kpi.cut, refetchInterval);
  let body: ReactNode;
  if (figure.isPending) body = <Skeleton.Input active size="large" />;
  else if (figure.isError) {
    body = (
      <Tooltip title={errorText(figure.error)}>
        <Typography.Text type="danger">加载失败</Typography.Text>
      </Tooltip>
    );
  } else {
    const value = figure.data.value;
    const shown = headline(value, kpi.unit);
    body = (
      <FigureLink
        href={drillDownHref(kpi.key, scope)}
        className="hb-kpi-link"
        style={{ color: kpi.warn && value > 0 ? undefined : 'inherit' }}
        testId={`dashboard-kpi-${kpi.key}`}
        label={`${kpi.title}：${withUnit(value, kpi.unit)}，查看明细`}
      >
        <span style={{ opacity: figure.isPlaceholderData ? 0.5 : 1 }}>{shown.text}</span>
        <span className="hb-kpi-unit">{shown.unit}</span>
      </FigureLink>
    );
  }
  return (
    <Card size="small" className="hb-kpi-card">
      <Typography.Text type="secondary">{kpi.title}</Typography.Text>
      <div className="hb-kpi-value">{body}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {kpi.note}
      </Typography.Text>
    </Card>
  );
}

/** Headline figures in as many columns as fit (`columns` at most), wrapping on narrow screens. */
export function KpiRow({ kpis, scope, columns = 5, refetchInterval }: { kpis: readonly Kpi[]; scope: Scope; columns?: number; refetchInterval?: number }) {
  return (
    <div
      className="hb-kpi-grid"
      style={{ gridTemplateColumns: `repeat(auto-fill, minmax(max(150px, calc((100% - ${columns - 1} * 16px) / ${columns})), 1fr))` }}
    >
      {kpis.map((kpi) => (
        <KpiCard key={kpi.key} kpi={kpi} scope={scope} refetchInterval={refetchInterval} />
      ))}
    </div>
  );
}

// ── Charts ────────────────────────────────────────────────────────

/** A chart's data item: what it shows and the drill-down it opens. */
export interface ChartItem {
  name: string;
  value: number;
  href: string;
}

/** A heatmap cell: column, row and figure. */
interface HeatCell {
  name: string;
  value: [number, number, number];
  href: string;
}

/** Turns a figure into a chart; `link` gives the drill-down of a group (and, in a heatmap, of a cell within it). */
export type ToOption = (figure: IndicatorValue, link: (narrow: Narrowing) => string) => ChartOption | undefined;

const CHART_HEIGHT = 340;

interface FigureChartProps {
  title: string;
  hint?: string;
  indicatorKey: string;
  scope: Scope;
  cut: Cut;
  emptyText: string;
  testId: string;
  toOption: ToOption;
  height?: number;
  refetchInterval?: number;
  extra?: ReactNode;
}

/** What a chart shows, apart from the page's scope, test id, empty text and size. */
export type ChartDef = Pick<FigureChartProps, 'title' | 'hint' | 'indicatorKey' | 'cut' | 'toOption'>;

/** A cut figure as a chart card: loading, failure and empty states, and every element opening its records. */
export function FigureChart({
  title,
  hint,
  indicatorKey,
  scope,
  cut,
  emptyText,
  testId,
  toOption,
  height = CHART_HEIGHT,
  refetchInterval,
  extra,
}: FigureChartProps) {
  const open = useOpen();
  const { chartTheme } = useDashboardMode();
  const figure = useFigure(indicatorKey, scope, cut, refetchInterval);
  const option = useMemo(
    () => (figure.data?.groups?.length ? toOption(figure.data, (narrow) => drillDownHref(indicatorKey, scope, narrow)) : undefined),
    [figure.data, toOption, indicatorKey, scope],
  );

  let body: ReactNode;
  if (figure.isPending) {
    body = (
      <Flex align="center" justify="center" style={{ height }}>
        <Spin tip="加载中…">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </Flex>
    );
  } else if (figure.isError) {
    body = <ErrorAlert error={figure.error} onRetry={() => void figure.refetch()} />;
  } else if (!option) {
    body = (
      <Flex align="center" justify="center" style={{ height }}>
        <EmptyState description={emptyText} />
      </Flex>
    );
  } else {
    body = (
      <EChart<{ href?: string }>
        option={option}
        testId={testId}
        theme={chartTheme}
        aria-label={title}
        style={{ height, opacity: figure.isPlaceholderData ? 0.5 : 1 }}
        onItemClick={(item) => item?.href && open(item.href)}
      />
    );
  }
  return (
    <Card size="small" title={title} extra={extra ?? (hint && <Typography.Text type="secondary">{hint}</Typography.Text>)}>
      {body}
    </Card>
  );
}

// ── Chart options ─────────────────────────────────────────────────

type Group = IndicatorGroup;

/** The largest groups as horizontal bars, biggest on top. */
export const rankingBars =
  (dimension: string, unit: string, top = 15): ToOption =>
  (figure, link) => {
    const groups = [...(figure.groups ?? [])].sort((a, b) => b.value - a.value).slice(0, top);
    const items: ChartItem[] = groups.map((g) => ({ name: g.label, value: g.value, href: link(narrowingOf(dimension, g.key)) }));
    return {
      color: chartColors,
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => withUnit(Number(value), unit) },
      xAxis: { type: 'value', minInterval: unit === '%' ? undefined : 1, max: unit === '%' ? 100 : undefined, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: items.map((item) => item.name),
        axisTick: { show: false },
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: items,
          barMaxWidth: 18,
          cursor: 'pointer',
          itemStyle: { borderRadius: [0, 3, 3, 0] },
          label: { show: true, position: 'right', formatter: ({ value }) => figureText(Number(value)) },
        },
      ],
    };
  };

/** Shares of a whole as a ring; the legend carries each group's figure. */
export const shareRing =
  (dimension: string, unit: string): ToOption =>
  (figure, link) => {
    const groups = figure.groups ?? [];
    const figureOfLabel = new Map(groups.map((g) => [g.label, g.value]));
    return {
      color: chartColors,
      tooltip: { trigger: 'item', formatter: `{b}：{c} ${unit}（{d}%）` },
      legend: {
        type: 'scroll',
        orient: 'vertical',
        left: '62%',
        top: 'middle',
        itemGap: 12,
        formatter: (name) => `${name}  ${withUnit(figureOfLabel.get(name) ?? 0, unit)}`,
      },
      series: [
        {
          type: 'pie',
          radius: ['46%', '72%'],
          center: ['32%', '50%'],
          cursor: 'pointer',
          minAngle: 2,
          itemStyle: { borderColor: 'rgba(255,255,255,0.6)', borderWidth: 2 },
          label: { show: false, position: 'center' },
          emphasis: { label: { show: true, fontSize: 16, fontWeight: 'bold', formatter: `{b}\n{c} ${unit}` } },
          labelLine: { show: false },
          data: groups.map((g): ChartItem => ({ name: g.label, value: g.value, href: link(narrowingOf(dimension, g.key)) })),
        },
      ],
    };
  };

/** Groups along time (months, years) or another ordered dimension, as a line or as columns; every point opens its records. */
export const trend =
  (dimension: string, unit: string, kind: 'line' | 'bar' = 'line'): ToOption =>
  (figure, link) => {
    const groups = figure.groups ?? [];
    const items: ChartItem[] = groups.map((g) => ({ name: g.label, value: g.value, href: link(narrowingOf(dimension, g.key)) }));
    return {
      color: chartColors,
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (value) => withUnit(Number(value), unit) },
      xAxis: { type: 'category', data: items.map((i) => i.name), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: unit === '%' ? undefined : 1, max: unit === '%' ? 100 : undefined, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        kind === 'line'
          ? {
              type: 'line',
              data: items,
              smooth: true,
              symbolSize: 8,
              cursor: 'pointer',
              areaStyle: { opacity: 0.12 },
              label: { show: items.length <= 12, position: 'top' },
            }
          : { type: 'bar', data: items, barMaxWidth: 36, cursor: 'pointer', label: { show: true, position: 'top' } },
      ],
    };
  };

/**
 * Rows (units or orgs, the `rows` most affected first) × months of the period; a cell opens the row's records of
 * that month. Months without a figure show as zero.
 */
const heatmap =
  (rowDimension: string, scope: Scope, rows = 20): ToOption =>
  (figure, link) => {
    const months: string[] = [];
    for (let m = dayjs(scope.from).startOf('month'); !m.isAfter(dayjs(scope.to), 'month'); m = m.add(1, 'month')) months.push(m.format('YYYY-MM'));
    const shown = [...(figure.groups ?? [])].sort((a, b) => b.value - a.value).slice(0, rows);
    const data = shown.flatMap((row: Group, y) =>
      months.map((month, x) => {
        const cell = row.groups?.find((c) => c.key === month);
        const item: HeatCell = {
          name: `${row.label} ${month}`,
          value: [x, y, cell?.value ?? 0],
          href: link({ ...narrowingOf('month', month), ...narrowingOf(rowDimension, row.key) }),
        };
        return item;
      }),
    );
    const max = Math.max(1, ...data.map((d) => d.value[2]));
    return {
      tooltip: { formatter: (p) => `${(p as { name: string }).name}：${(p as { value: number[] }).value[2]}` },
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`), splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => r.label), axisLabel: { width: 150, overflow: 'truncate' }, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fff7e6', '#f2b134', '#c8161d'] } },
      series: [{ type: 'heatmap', data, cursor: 'pointer', label: { show: true }, emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0,0,0,0.4)' } } }],
    };
  };

/** The charts more than one dashboard shows. */
export const charts = {
  meetingsByMonth: {
    title: '组织生活召开趋势（按月）',
    hint: '点击查看当月会议',
    indicatorKey: 'orglife.meetings.count',
    cut: { groupBy: 'month' },
    toOption: trend('month', '次', 'bar'),
  },
  attendanceByMonth: {
    title: '组织生活出席率（按月）',
    hint: '点击查看当月会议的出席',
    indicatorKey: 'orglife.attendance.rate',
    cut: { groupBy: 'month' },
    toOption: trend('month', '%'),
  },
  membersByUnit: {
    title: '各单位党员数（前 15）',
    hint: '点击柱条查看该单位党员',
    indicatorKey: 'members.count',
    cut: { groupBy: 'unit' },
    toOption: rankingBars('unit', '人'),
  },
} satisfies Record<string, ChartDef>;

const groupNoun = { unit: '单位', org: '党组织' } as const;

/** Missed org-life requirements by unit or org (the `rows` most affected) and month of the period. */
export function ComplianceHeatmap({
  dimension,
  rows,
  scope,
  ...chart
}: Omit<FigureChartProps, 'title' | 'indicatorKey' | 'cut' | 'toOption'> & { dimension: 'unit' | 'org'; rows?: number }) {
  const toOption = useMemo(() => heatmap(dimension, scope, rows), [dimension, scope, rows]);
  return (
    <FigureChart
      {...chart}
      title={`组织生活未完成要求（${groupNoun[dimension]} × 月份）`}
      indicatorKey="orglife.compliance.missed"
      scope={scope}
      cut={{ groupBy: dimension, thenBy: 'month' }}
      toOption={toOption}
    />
  );
}

// ── Rankings ──────────────────────────────────────────────────────

interface RankingRow {
  rank: number;
  group: Group;
}

/**
 * Groups ranked by a figure: the name opens the group's own dashboard (a unit's, a branch's), the figure its records.
 */
export function RankingTable({
  indicatorKey,
  dimension,
  unit,
  scope,
  dashboardOf,
  ascending,
  testId,
  refetchInterval,
}: {
  indicatorKey: string;
  dimension: 'unit' | 'org';
  unit: string;
  scope: Scope;
  /** The dashboard a group's name opens; none for the committee's own records. */
  dashboardOf: (key: string) => string | undefined;
  /** Lowest first (for a figure that should be low). */
  ascending?: boolean;
  testId: string;
  refetchInterval?: number;
}) {
  const figure = useFigure(indicatorKey, scope, { groupBy: dimension }, refetchInterval);
  const { newTab } = useDashboardMode();
  const rows = useMemo(() => {
    const sorted = [...(figure.data?.groups ?? [])].sort((a, b) => (ascending ? a.value - b.value : b.value - a.value));
    return sorted.map((group, i): RankingRow => ({ rank: i + 1, group }));
  }, [figure.data, ascending]);
  const columns: ColumnsType<RankingRow> = [
    { key: 'rank', title: '名次', dataIndex: 'rank', width: 64 },
    {
      key: 'name',
      title: groupNoun[dimension],
      render: (_, { group }) => {
        const to = dashboardOf(group.key);
        return to ? (
          <Link to={to} target={newTab ? '_blank' : undefined} data-testid={`${testId}-dashboard-${group.key}`}>
            {group.label}
          </Link>
        ) : (
          group.label
        );
      },
    },
    {
      key: 'value',
      title: '数值',
      align: 'right',
      width: 140,
      render: (_, { group }) => (
        <FigureLink
          href={drillDownHref(indicatorKey, scope, narrowingOf(dimension, group.key))}
          label={`${group.label}：${withUnit(group.value, unit)}，查看明细`}
          testId={`${testId}-figure-${group.key}`}
        >
          {withUnit(group.value, unit)}
        </FigureLink>
      ),
    },
  ];
  if (figure.isError) return <ErrorAlert error={figure.error} onRetry={() => void figure.refetch()} />;
  return (
    <Table<RankingRow>
      data-testid={testId}
      size="small"
      rowKey={(row) => row.group.key}
      columns={columns}
      dataSource={rows}
      loading={figure.isPending}
      pagination={false}
      scroll={{ y: 300 }}
      locale={{ emptyText: <EmptyState description="该范围与统计期内暂无数据" /> }}
    />
  );
}

// ── A subtree's dashboard ─────────────────────────────────────────

/**
 * The heading of a unit's or a branch's dashboard: the org's name and where it sits, the way back to the overview, and the year.
 * An org outside the caller's scope answers 403 like every figure of the page.
 */
function SubtreeHeader({ orgId, kind, scope, onChange }: { orgId: string; kind: string; scope: Scope; onChange: (patch: Partial<Scope>) => void }) {
  const org = useQuery(orgDetailQuery(orgId));
  const title = org.data ? `${org.data.name} · ${kind}` : kind;
  return (
    <>
      <PageHeader
        title={title}
        extra={
          <>
            <Typography.Text type="secondary">统计期：{periodText(scope)}</Typography.Text>
            <Link to={`/dashboard?${periodSearch(scope)}`}>返回工作总览</Link>
          </>
        }
      />
      {org.isError && <ErrorAlert error={org.error} style={{ marginBottom: 16 }} />}
      {org.data && org.data.ancestors.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {[...org.data.ancestors.map((a) => a.name), org.data.name].join(' / ')}
        </Typography.Paragraph>
      )}
      <FilterBar>
        <YearField id="subtree-dashboard-year" scope={scope} onChange={onChange} />
      </FilterBar>
    </>
  );
}

/** A unit's or a branch's dashboard (`/dashboard/…/:orgId`): its heading, headline figures and the charts `children` gives for the scope. */
export function SubtreeDashboard({
  kind,
  kpis,
  columns,
  children,
}: {
  kind: string;
  kpis: readonly Kpi[];
  columns?: number;
  children: (scope: Scope) => ReactNode;
}) {
  const { orgId } = useParams();
  const { scope, update } = useScope(orgId);
  if (!orgId) return <NotFoundPage />;
  return (
    <>
      <SubtreeHeader orgId={orgId} kind={kind} scope={scope} onChange={update} />
      <KpiRow kpis={kpis} scope={scope} columns={columns} />
      <Row gutter={[16, 16]}>{children(scope)}</Row>
    </>
  );
}

/** A ranking card whose figure can be switched between a few indicators. */
export function SwitchableRanking({
  title,
  options,
  dimension,
  scope,
  dashboardOf,
  testId,
  hint,
}: {
  title: string;
  options: readonly { value: string; label: string; unit: string }[];
  dimension: 'unit' | 'org';
  scope: Scope;
  dashboardOf: (key: string) => string | undefined;
  testId: string;
  hint: string;
}) {
  const [chosen, setChosen] = useState(options[0]?.value ?? '');
  const selected = options.find((o) => o.value === chosen) ?? options[0];
  if (!selected) return null;
  return (
    <Card
      size="small"
      title={title}
      extra={<Segmented size="small" value={selected.value} options={options.map(({ value, label }) => ({ value, label }))} onChange={setChosen} />}
    >
      <RankingTable indicatorKey={selected.value} dimension={dimension} unit={selected.unit} scope={scope} dashboardOf={dashboardOf} testId={testId} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
    </Card>
  );
}
