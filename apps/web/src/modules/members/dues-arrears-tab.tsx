import { id } from '@hangbiao/shared/contracts/common';
import { type DuesArrearsRow, duesArrearsQuery, month as monthSchema } from '@hangbiao/shared/contracts/dues';
import { memberStatuses } from '@hangbiao/shared/glossary';
import { Alert, Flex, Segmented } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { z } from 'zod';
import { FilterBar, SelectFilter } from '../../components/filter-bar';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { UnpaidTag, Yuan } from './dues-labels';
import { duesKeys, fetchAlerts, fetchArrears } from './dues-queries';

const views = ['arrears', 'alerts'] as const;
const params = duesArrearsQuery.extend({ orgId: id.optional(), month: monthSchema.optional(), view: z.enum(views).default('arrears') });

const columns: ColumnsType<DuesArrearsRow> = [
  { key: 'name', title: '姓名', render: (_, r) => <Link to={`/members/${r.memberId}?tab=dues`}>{r.name}</Link> },
  { key: 'org', title: '所在党组织', dataIndex: 'orgName' },
  { key: 'status', title: '党籍状态', render: (_, r) => memberStatuses.label(r.status) },
  { key: 'unpaid', title: '连续未交', render: (_, r) => <UnpaidTag months={r.unpaidMonths} /> },
  { key: 'from', title: '自何月起未交', dataIndex: 'fromMonth' },
  { key: 'last', title: '最近交纳月份', render: (_, r) => r.lastPaidMonth ?? '从未交纳' },
  { key: 'owed', title: '欠交（元）', align: 'right', render: (_, r) => <Yuan fen={r.owedFen} strong /> },
];

const minOptions = [1, 3, 6, 12].map((n) => ({ value: String(n), label: `${n} 个月以上` }));

/** 欠缴与提醒: runs of unpaid months ending with the month, and the members the 6-months rule asks the branch to talk to. */
export function DuesArrearsTab({ orgId, month }: { orgId: string; month: string }) {
  const list = usePagedList(
    params,
    (p) => (p.view === 'alerts' ? duesKeys.alerts({ ...p, orgId, month }) : duesKeys.arrears({ ...p, orgId, month })),
    ({ view, ...p }) => (view === 'alerts' ? fetchAlerts({ page: p.page, pageSize: p.pageSize, orgId, month }) : fetchArrears({ ...p, orgId, month })),
  );
  const { view, minMonths } = list.params;
  const rule = list.data?.rule;
  return (
    <Flex vertical gap={12}>
      <FilterBar>
        <Segmented
          value={view}
          onChange={(value) => list.update({ view: value })}
          options={[
            { value: 'arrears', label: '欠缴名单' },
            { value: 'alerts', label: '连续 6 个月未交提醒' },
          ]}
        />
        {view === 'arrears' && (
          <SelectFilter
            label="连续未交"
            id="dues-min-months"
            width={140}
            placeholder="1 个月以上"
            value={minMonths === 1 ? undefined : String(minMonths)}
            options={minOptions.slice(1)}
            onChange={(value) => list.update({ minMonths: value })}
          />
        )}
      </FilterBar>
      {rule && <Alert type="warning" showIcon title="提醒，不是处理" description={rule} />}
      <PagedTable<DuesArrearsRow> {...list.table} testId="dues-arrears" rowKey="memberId" columns={columns} emptyText="没有欠缴党费的党员" />
    </Flex>
  );
}
