import type { IndicatorDefinition } from '@hangbiao/shared/contracts/indicators';
import { useQuery } from '@tanstack/react-query';
import { Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { errorText } from '../../app/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { PageHeader } from '../../components/page-header';
import { aggregationLabels, figureText } from './indicator-labels';
import { calendarYear, indicatorCatalogQuery, indicatorValueQuery } from './indicator-queries';

const drillDownPath = (key: string) => `/indicators/${encodeURIComponent(key)}`;

/** This year's figure over the caller's whole scope; it opens the drill-down. */
function CurrentFigure({ indicator }: { indicator: IndicatorDefinition }) {
  const value = useQuery(indicatorValueQuery(indicator.key, calendarYear()));
  if (value.isPending) return <Spin size="small" />;
  if (value.isError) {
    return (
      <Tooltip title={errorText(value.error)}>
        <Typography.Text type="danger">加载失败</Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Link
      to={drillDownPath(indicator.key)}
      className="hb-figure-link"
      aria-label={`${indicator.name}：${figureText(value.data.value)}${indicator.unit}，查看明细`}
    >
      {figureText(value.data.value)}
      <span className="hb-figure-unit">{indicator.unit}</span>
    </Link>
  );
}

const columns: ColumnsType<IndicatorDefinition> = [
  {
    key: 'name',
    title: '指标名称',
    width: 200,
    render: (_, indicator) => (
      <div>
        <Link to={drillDownPath(indicator.key)}>{indicator.name}</Link>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {indicator.nameEn}
          </Typography.Text>
        </div>
      </div>
    ),
  },
  { key: 'value', title: '本年数值', align: 'right', width: 130, render: (_, indicator) => <CurrentFigure indicator={indicator} /> },
  { key: 'unit', title: '单位', dataIndex: 'unit', width: 64 },
  { key: 'aggregation', title: '统计方式', width: 96, render: (_, indicator) => aggregationLabels[indicator.aggregation] },
  { key: 'definition', title: '统计口径', dataIndex: 'definition', minWidth: 320 },
  {
    key: 'dimensions',
    title: '可分组维度',
    width: 160,
    render: (_, indicator) => (indicator.dimensions.length ? indicator.dimensions.map((dimension) => <Tag key={dimension.key}>{dimension.name}</Tag>) : '—'),
  },
];

/** 指标目录: every figure the platform reports, what it counts, and its value this year. */
export function IndicatorCatalogPage() {
  const catalog = useQuery(indicatorCatalogQuery);
  const { from, to } = calendarYear();

  return (
    <>
      <PageHeader title="指标目录" />
      <Typography.Paragraph type="secondary">
        本年数值按您权限范围内的全部组织统计，统计期 {from} 至 {to}；点击数值或指标名称查看分组与明细记录。
      </Typography.Paragraph>
      {catalog.isError && <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} style={{ marginBottom: 12 }} />}
      <Table<IndicatorDefinition>
        data-testid="indicator-catalog"
        size="middle"
        rowKey="key"
        scroll={{ x: 1000 }}
        columns={columns}
        dataSource={catalog.data ?? []}
        loading={catalog.isFetching}
        pagination={false}
        locale={{ emptyText: <EmptyState description={catalog.isError ? '加载失败' : '暂无指标'} /> }}
      />
    </>
  );
}
