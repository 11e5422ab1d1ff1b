import { type DuesTotalsRow, duesPeriods } from '@hangbiao/shared/contracts/dues';
import { orgKinds } from '@hangbiao/shared/glossary';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { Yuan } from './dues-labels';
import { totalsQuery } from './dues-queries';

const periodLabels: Record<(typeof duesPeriods)[number], string> = { month: '本月', quarter: '本季度', year: '本年度' };

/** 收缴汇总: expected, paid and arrears per child subtree over the month, quarter or year holding the chosen month. */
export function DuesTotalsTab({ orgId, month, onOpen }: { orgId: string; month: string; onOpen: (orgId: string) => void }) {
  const [period, setPeriod] = useState<(typeof duesPeriods)[number]>('month');
  const totals = useQuery(totalsQuery({ orgId, month, period }));

  const columns: ColumnsType<DuesTotalsRow> = [
    {
      key: 'org',
      title: '党组织',
      render: (_, r) =>
        r.orgId === orgId ? (
          <Typography.Text>本级（直属党员）</Typography.Text>
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r.orgId)}>
            {r.orgName}
          </Button>
        ),
    },
    { key: 'kind', title: '类别', render: (_, r) => orgKinds.label(r.kind) },
    { key: 'members', title: '党员数', align: 'right', dataIndex: 'members' },
    { key: 'expected', title: '应交（元）', align: 'right', render: (_, r) => <Yuan fen={r.expectedFen} /> },
    { key: 'paid', title: '实交（元）', align: 'right', render: (_, r) => <Yuan fen={r.paidFen} /> },
    { key: 'arrears', title: '欠交（元）', align: 'right', render: (_, r) => <Yuan fen={r.arrearsFen} /> },
    {
      key: 'rate',
      title: '收缴率',
      align: 'right',
      render: (_, r) => (r.expectedFen > 0 ? `${(((r.expectedFen - r.arrearsFen) / r.expectedFen) * 100).toFixed(1)}%` : '—'),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Segmented value={period} onChange={setPeriod} options={duesPeriods.map((value) => ({ value, label: periodLabels[value] }))} />
        {totals.data && (
          <Typography.Text type="secondary">
            {totals.data.fromMonth === totals.data.toMonth ? totals.data.fromMonth : `${totals.data.fromMonth} 至 ${totals.data.toMonth}`}（未到的月份不计）
          </Typography.Text>
        )}
      </Flex>
      {totals.isError && <ErrorAlert error={totals.error} onRetry={() => void totals.refetch()} />}
      <Table<DuesTotalsRow>
        size="middle"
        rowKey="orgId"
        loading={totals.isFetching}
        columns={columns}
        dataSource={totals.data?.rows.filter((r) => r.members > 0 || r.orgId !== orgId) ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState description="暂无数据" /> }}
        summary={() =>
          totals.data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {totals.data.total.members}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Yuan fen={totals.data.total.expectedFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Yuan fen={totals.data.total.paidFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                <Yuan fen={totals.data.total.arrearsFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} />
            </Table.Summary.Row>
          )
        }
      />
    </Flex>
  );
}
