import { DownloadOutlined } from '@ant-design/icons';
import type { IndicatorDefinition, IndicatorValue } from '@hangbiao/shared/contracts/indicators';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Flex, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { FilterBar, FilterField, SelectFilter } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { aggregationLabels, cellText, figureText } from './indicator-labels';
import {
  calendarYear,
  drillDownQuery,
  figureParams,
  type IndicatorRecordRow,
  indicatorCatalogQuery,
  indicatorRecordsList,
  indicatorValueQuery,
  recordsExportHref,
} from './indicator-queries';

type Group = NonNullable<IndicatorValue['groups']>[number];

const asRange = ({ from, to }: { from: string; to: string }): [Dayjs, Dayjs] => [dayjs(from), dayjs(to)];
const yearPresets = () => [
  { label: '本年', value: asRange(calendarYear()) },
  { label: '上年', value: asRange(calendarYear(1)) },
];

function recordColumns(indicator: IndicatorDefinition): ColumnsType<IndicatorRecordRow> {
  return [
    { key: 'rowNumber', title: '序号', dataIndex: 'rowNumber', width: 72 },
    ...indicator.columns.map((column) => ({
      key: column.key,
      title: column.title,
      render: (_: unknown, row: IndicatorRecordRow) => cellText(row.cells[column.key]),
    })),
  ];
}

/** The groups of the figure by one dimension; picking one narrows the records to it. */
function GroupTable({
  groups,
  loading,
  selected,
  onSelect,
}: {
  groups: Group[];
  loading: boolean;
  selected: string | undefined;
  onSelect: (group: string) => void;
}) {
  const columns: ColumnsType<Group> = [
    { key: 'label', title: '分组', render: (_, group) => <Typography.Link onClick={() => onSelect(group.key)}>{group.label}</Typography.Link> },
    { key: 'value', title: '数值', align: 'right', render: (_, group) => figureText(group.value) },
  ];
  return (
    <Table<Group>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={groups}
      loading={loading}
      pagination={false}
      scroll={{ y: 240 }}
      rowSelection={{
        type: 'radio',
        columnWidth: 40,
        selectedRowKeys: selected === undefined ? [] : [selected],
        onChange: ([key]) => key !== undefined && onSelect(String(key)),
      }}
      locale={{ emptyText: <EmptyState description="该范围与统计期内没有可分组的数据" /> }}
    />
  );
}

/** The figure and the records it counts, over one org subtree and period kept in the URL. */
function IndicatorDrillDown({ indicator }: { indicator: IndicatorDefinition }) {
  const list = indicatorRecordsList(indicator.key);
  const { params, update, table } = usePagedList(drillDownQuery, list.queryKey, list.fetchPage);
  const figure = useQuery({ ...indicatorValueQuery(indicator.key, figureParams(params)), placeholderData: keepPreviousData });
  const columns = useMemo(() => recordColumns(indicator), [indicator]);

  const dimensionOptions = indicator.dimensions.map((dimension) => ({ value: dimension.key, label: `按${dimension.name}` }));
  const groupBy = indicator.dimensions.find((dimension) => dimension.key === params.groupBy);
  const filterDimension = indicator.dimensions.find((dimension) => dimension.key === params.dimension);
  // While another grouping loads, the previous one's groups are not shown under the new heading.
  const groups = (groupBy && !figure.isPlaceholderData && figure.data?.groups) || [];
  const selectedGroup = params.dimension === groupBy?.key ? groups.find((group) => group.key === params.group) : undefined;
  const selectGroup = (group: string) => update({ dimension: params.groupBy, group });

  return (
    <>
      <PageHeader title={indicator.name} extra={<Link to="/indicators">返回指标目录</Link>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>{indicator.definition}</Typography.Paragraph>
        <Typography.Text type="secondary">
          统计方式：{aggregationLabels[indicator.aggregation]} · 单位：{indicator.unit} · 指标编码：{indicator.key}
        </Typography.Text>
      </Card>
      <FilterBar>
        <FilterField label="统计范围" htmlFor="indicator-org" width={260}>
          <OrgPicker id="indicator-org" placeholder="全部（我的权限范围）" value={params.orgId} onChange={(orgId) => update({ orgId })} />
        </FilterField>
        <FilterField label="统计期" htmlFor="indicator-from" width={260}>
          <DatePicker.RangePicker
            id={{ start: 'indicator-from', end: 'indicator-to' }}
            value={asRange(params)}
            allowClear={false}
            presets={yearPresets()}
            onChange={(range) => {
              const [from, to] = range ?? [];
              if (from && to) update({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
            }}
          />
        </FilterField>
        {dimensionOptions.length > 0 && (
          <SelectFilter
            label="分组"
            id="indicator-group-by"
            width={160}
            placeholder="不分组"
            value={params.groupBy}
            options={dimensionOptions}
            onChange={(next) => update({ groupBy: next, dimension: undefined, group: undefined })}
          />
        )}
      </FilterBar>
      {figure.isError && <ErrorAlert error={figure.error} onRetry={() => void figure.refetch()} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={groupBy ? 8 : 24}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              data-testid="indicator-value"
              title={`${indicator.name}（${params.from} 至 ${params.to}）`}
              value={figure.data?.value ?? 0}
              loading={figure.isPending}
              formatter={(value) => (figure.isError ? '—' : figureText(Number(value)))}
              suffix={indicator.unit}
              styles={{ content: { opacity: figure.isPlaceholderData ? 0.5 : 1 } }}
            />
            {indicator.rateOf && figure.data && (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="indicator-rate-parts">
                {indicator.rateOf.numerator} {figureText(figure.data.numerator ?? 0)} ÷ {indicator.rateOf.denominator}{' '}
                {figureText(figure.data.denominator ?? 0)}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {selectedGroup
                ? `其中「${selectedGroup.label}」${figureText(selectedGroup.value)}${indicator.unit}，下表仅列出该分组的记录。`
                : '下表为计入该数值的记录，范围与统计期同上。'}
            </Typography.Text>
          </Card>
        </Col>
        {groupBy && (
          <Col xs={24} md={16}>
            <Card size="small" title={`按${groupBy.name}分组`} extra={<Typography.Text type="secondary">点击分组查看其记录</Typography.Text>}>
              <GroupTable
                groups={groups}
                loading={figure.isFetching}
                selected={params.dimension === groupBy.key ? params.group : undefined}
                onSelect={selectGroup}
              />
            </Card>
          </Col>
        )}
      </Row>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          计入该指标的记录
        </Typography.Title>
        {params.group !== undefined && (
          <Tag closable onClose={() => update({ dimension: undefined, group: undefined })}>
            {filterDimension?.name ?? params.dimension}：{selectedGroup?.label ?? params.group}
          </Tag>
        )}
        <Button icon={<DownloadOutlined />} href={recordsExportHref(indicator.key, params)} style={{ marginLeft: 'auto' }}>
          导出 Excel
        </Button>
      </Flex>
      <PagedTable<IndicatorRecordRow>
        {...table}
        testId="indicator-records"
        rowKey="rowNumber"
        columns={columns}
        emptyText={params.group === undefined ? '该范围与统计期内没有计入此指标的记录' : '该分组没有记录'}
      />
    </>
  );
}

/** `/indicators/:key`: one indicator's figure, its groups and the records behind it. */
export function IndicatorPage() {
  const { key } = useParams();
  const catalog = useQuery(indicatorCatalogQuery);

  if (catalog.isPending) return <Skeleton active />;
  if (catalog.isError) return <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} />;
  const indicator = catalog.data.find((candidate) => candidate.key === key);
  if (!indicator) return <NotFoundPage />;
  return <IndicatorDrillDown key={indicator.key} indicator={indicator} />;
}
