import { id, isoDate } from '@hangbiao/shared/contracts/common';
import type { IndicatorValue } from '@hangbiao/shared/contracts/indicators';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Flex, Row, Skeleton, Spin, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { errorText } from '../../app/api';
import { type ChartOption, chartColors, EChart } from '../../components/echart';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { FilterBar, FilterField } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { figureText } from './indicator-labels';
import { calendarYear, type FigureParams, indicatorValueQuery } from './indicator-queries';

/** The dashboard's scope and period, kept in the URL; a bad value falls back to the caller's scope and this year. */
const dashboardQuery = z.object({
  orgId: id.optional().catch(undefined),
  from: isoDate.catch(() => calendarYear().from),
  to: isoDate.catch(() => calendarYear().to),
});
type Scope = z.output<typeof dashboardQuery>;

function useScope() {
  const [search, setSearch] = useSearchParams();
  const scope = useMemo(
    () => dashboardQuery.parse({ orgId: search.get('orgId') ?? undefined, from: search.get('from') ?? undefined, to: search.get('to') ?? undefined }),
    [search],
  );
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

/** The drill-down of one indicator over the same scope and period, optionally narrowed to one group. */
function drillDownHref(key: string, { orgId, from, to }: Scope, group?: { dimension: string; group: string }): string {
  const search = new URLSearchParams({ from, to });
  if (orgId) search.set('orgId', orgId);
  if (group) {
    search.set('groupBy', group.dimension);
    search.set('dimension', group.dimension);
    search.set('group', group.group);
  }
  return `/indicators/${encodeURIComponent(key)}?${search}`;
}

const periodText = ({ from, to }: Scope) => (from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31` ? `${from.slice(0, 4)} 年` : `${from} 至 ${to}`);

function useFigure(key: string, scope: Scope, groupBy?: string) {
  const params: FigureParams = { orgId: scope.orgId, from: scope.from, to: scope.to, groupBy };
  return useQuery({ ...indicatorValueQuery(key, params), placeholderData: keepPreviousData });
}

const kpis = [
  { key: 'orgs.count', title: '党组织数', unit: '个', note: '统计期末存续的党组织' },
  { key: 'members.count', title: '党员数', unit: '人', note: '在册党员（含预备党员）' },
  { key: 'orgs.renewalsOverdue', title: '逾期未换届组织数', unit: '个', note: '任期届满尚未换届', warn: true },
] as const;

function KpiCard({ kpi, scope }: { kpi: (typeof kpis)[number]; scope: Scope }) {
  const figure = useFigure(kpi.key, scope);
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
    const alert = 'warn' in kpi && value > 0;
    body = (
      <Link
        to={drillDownHref(kpi.key, scope)}
        className="hb-kpi-link"
        data-testid={`dashboard-kpi-${kpi.key}`}
        aria-label={`${kpi.title}：${figureText(value)}${kpi.unit}，查看明细`}
        style={{ color: alert ? undefined : 'inherit', opacity: figure.isPlaceholderData ? 0.5 : 1 }}
      >
        {figureText(value)}
        <span className="hb-kpi-unit">{kpi.unit}</span>
      </Link>
    );
  }
  return (
    <Card size="small" className="hb-kpi-card">
      <Typography.Text type="secondary">{kpi.title}</Typography.Text>
      <div className="hb-kpi-value">{body}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {kpi.note} · 点击数字查看明细
      </Typography.Text>
    </Card>
  );
}

type Group = NonNullable<IndicatorValue['groups']>[number];
interface ChartItem {
  name: string;
  value: number;
  groupKey: string;
}

const CHART_HEIGHT = 340;
const TOP_UNITS = 15;

/** One grouped figure as a chart card: loading, failure and empty states, and a click that opens the group's records. */
function GroupChart({
  title,
  hint,
  indicatorKey,
  dimension,
  scope,
  emptyText,
  testId,
  toOption,
}: {
  title: string;
  hint: string;
  indicatorKey: string;
  dimension: string;
  scope: Scope;
  emptyText: string;
  testId: string;
  toOption: (groups: Group[]) => ChartOption;
}) {
  const navigate = useNavigate();
  const figure = useFigure(indicatorKey, scope, dimension);
  const groups = figure.data?.groups;
  const option = useMemo(() => (groups ? toOption(groups) : undefined), [groups, toOption]);

  let body: ReactNode;
  if (figure.isPending) {
    body = (
      <Flex align="center" justify="center" style={{ height: CHART_HEIGHT }}>
        <Spin tip="加载中…">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </Flex>
    );
  } else if (figure.isError) {
    body = <ErrorAlert error={figure.error} onRetry={() => void figure.refetch()} />;
  } else if (!option || !groups?.length) {
    body = (
      <Flex align="center" justify="center" style={{ height: CHART_HEIGHT }}>
        <EmptyState description={emptyText} />
      </Flex>
    );
  } else {
    body = (
      <EChart<ChartItem>
        option={option}
        testId={testId}
        aria-label={title}
        style={{ height: CHART_HEIGHT, opacity: figure.isPlaceholderData ? 0.5 : 1 }}
        onItemClick={(item) => navigate(drillDownHref(indicatorKey, scope, { dimension, group: item.groupKey }))}
      />
    );
  }
  return (
    <Card size="small" title={title} extra={<Typography.Text type="secondary">{hint}</Typography.Text>}>
      {body}
    </Card>
  );
}

const unitBarOption = (groups: Group[]): ChartOption => {
  const top = [...groups].sort((a, b) => b.value - a.value).slice(0, TOP_UNITS);
  const items: ChartItem[] = top.map((group) => ({ name: group.label, value: group.value, groupKey: group.key }));
  return {
    color: chartColors,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => `${figureText(Number(value))} 人` },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
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
        name: '党员数',
        data: items,
        barMaxWidth: 18,
        cursor: 'pointer',
        itemStyle: { borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', formatter: ({ value }) => figureText(Number(value)) },
      },
    ],
  };
};

const orgKindPieOption = (groups: Group[]): ChartOption => {
  const countOf = new Map(groups.map((group) => [group.label, group.value]));
  return {
    color: chartColors,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 个（{d}%）' },
    // The legend carries each kind's count, so the ring needs no labels that could collide with it.
    legend: {
      type: 'scroll',
      orient: 'vertical',
      left: '62%',
      top: 'middle',
      itemGap: 12,
      formatter: (name) => `${name}  ${figureText(countOf.get(name) ?? 0)} 个`,
    },
    series: [
      {
        type: 'pie',
        name: '党组织构成',
        radius: ['46%', '72%'],
        center: ['32%', '50%'],
        cursor: 'pointer',
        minAngle: 2,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: false, position: 'center' },
        emphasis: { label: { show: true, fontSize: 16, fontWeight: 'bold', formatter: '{b}\n{c} 个' } },
        labelLine: { show: false },
        data: groups.map((group): ChartItem => ({ name: group.label, value: group.value, groupKey: group.key })),
      },
    ],
  };
};

/** 工作总览: the committee's headline figures and their make-up, over one scope and year; every figure opens its records. */
export function DashboardPage() {
  const { scope, update } = useScope();

  return (
    <>
      <PageHeader title="工作总览" extra={<Typography.Text type="secondary">统计期：{periodText(scope)}</Typography.Text>} />
      <FilterBar>
        <FilterField label="统计范围" htmlFor="dashboard-org" width={280}>
          <OrgPicker id="dashboard-org" placeholder="全部（我的权限范围）" value={scope.orgId} onChange={(orgId) => update({ orgId })} />
        </FilterField>
        <FilterField label="统计年度" htmlFor="dashboard-year" width={140}>
          <DatePicker
            id="dashboard-year"
            picker="year"
            allowClear={false}
            style={{ width: '100%' }}
            value={dayjs(scope.from)}
            disabledDate={(date) => date.isAfter(dayjs(), 'year')}
            onChange={(date) => {
              if (date) update({ from: `${date.year()}-01-01`, to: `${date.year()}-12-31` });
            }}
          />
        </FilterField>
      </FilterBar>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {kpis.map((kpi) => (
          <Col key={kpi.key} xs={24} md={8}>
            <KpiCard kpi={kpi} scope={scope} />
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <GroupChart
            title={`各单位党员数（前 ${TOP_UNITS}）`}
            hint="点击柱条查看该单位党员"
            indicatorKey="members.count"
            dimension="unit"
            scope={scope}
            emptyText="该范围内暂无党员"
            testId="dashboard-members-by-unit"
            toOption={unitBarOption}
          />
        </Col>
        <Col xs={24} lg={10}>
          <GroupChart
            title="党组织构成"
            hint="点击扇区查看该类组织"
            indicatorKey="orgs.count"
            dimension="kind"
            scope={scope}
            emptyText="该范围与统计期内暂无党组织"
            testId="dashboard-orgs-by-kind"
            toOption={orgKindPieOption}
          />
        </Col>
      </Row>
    </>
  );
}
