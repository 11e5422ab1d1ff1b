import { id } from '@hangbiao/shared/contracts/common';
import { type DuesReverifyRow, duesReverifyQuery } from '@hangbiao/shared/contracts/dues';
import { jobPosts } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../app/api';
import { FilterBar } from '../../components/filter-bar';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { type BaseTarget, DuesBaseDialog } from './dues-base-dialog';
import { DuesCategoryTag, Yuan } from './dues-labels';
import { duesApi, duesKeys, fetchReverify, refreshDues } from './dues-queries';

const params = duesReverifyQuery.extend({ orgId: id.optional() });

/** 年度复核: members whose base was not confirmed in this year's round; confirm unchanged ones together, change the others. */
export function DuesReverifyTab({ orgId, writable }: { orgId: string; writable: boolean }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { table, data } = usePagedList(
    params,
    (p) => duesKeys.reverify({ ...p, orgId }),
    (p) => fetchReverify({ ...p, orgId }),
  );
  const [selected, setSelected] = useState<DuesReverifyRow[]>([]);
  const [target, setTarget] = useState<BaseTarget | null>(null);
  const confirmable = selected.filter((r) => r.base);

  const confirm = useMutation({
    mutationFn: () =>
      duesApi.confirmBases({
        orgId,
        confirmedOn: dayjs().format('YYYY-MM-DD'),
        items: confirmable.map((r) => ({ baseId: r.base?.id ?? '', version: r.base?.version ?? 1 })),
      }),
    onSuccess: async (result) => {
      setSelected([]);
      await refreshDues(client);
      void message.success(`已确认 ${result.confirmed} 人的基数不变`);
    },
    onError: (error) => void message.error(errorText(error)),
  });

  const columns: ColumnsType<DuesReverifyRow> = [
    { key: 'name', title: '姓名', render: (_, r) => <Link to={`/members/${r.memberId}?tab=dues`}>{r.name}</Link> },
    { key: 'org', title: '所在党组织', dataIndex: 'orgName' },
    { key: 'jobPost', title: '工作岗位', render: (_, r) => jobPosts.label(r.jobPost) },
    { key: 'category', title: '类别', render: (_, r) => (r.base ? <DuesCategoryTag category={r.base.category} /> : '—') },
    { key: 'base', title: '现基数（元）', align: 'right', render: (_, r) => <Yuan fen={r.base?.baseFen ?? null} /> },
    { key: 'monthly', title: '月交（元）', align: 'right', render: (_, r) => <Yuan fen={r.base?.monthlyFen ?? null} /> },
    {
      key: 'confirmedOn',
      title: '上次核定',
      render: (_, r) => r.base?.confirmedOn ?? <Typography.Text type="danger">从未核定</Typography.Text>,
    },
    ...(writable
      ? [
          {
            key: 'actions',
            title: '操作',
            render: (_: unknown, r: DuesReverifyRow) => (
              <Button size="small" type="link" onClick={() => setTarget({ memberId: r.memberId, name: r.name, jobPost: r.jobPost, joinedOn: r.joinedOn })}>
                调整基数
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      {data && <Alert type="info" showIcon title={`${data.since} 以来尚未复核的党员：${data.total} 人`} description={data.rule} />}
      {writable && (
        <FilterBar
          actions={
            <Button type="primary" disabled={confirmable.length === 0} loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="dues-confirm">
              确认基数不变（{confirmable.length}）
            </Button>
          }
        >
          <Typography.Text type="secondary">工资有变化的，请“调整基数”，自变化当月起执行。</Typography.Text>
        </FilterBar>
      )}
      <PagedTable<DuesReverifyRow>
        {...table}
        testId="dues-reverify"
        rowKey="memberId"
        columns={columns}
        emptyText="本年度的基数都已复核"
        rowSelection={writable ? { selectedRowKeys: selected.map((r) => r.memberId), onChange: (_keys, rows) => setSelected(rows) } : undefined}
      />
      <DuesBaseDialog target={target} onClose={() => setTarget(null)} />
    </Flex>
  );
}
