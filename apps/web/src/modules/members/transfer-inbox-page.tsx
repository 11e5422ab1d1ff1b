import {
  type InboxBox,
  type InboxCounts,
  type MobileMember,
  mobileMemberQuery,
  type Transfer,
  transferInboxQuery,
  transferListQuery,
} from '@hangbiao/shared/contracts/transfers';
import { describeTransferRule, transferRule } from '@hangbiao/shared/rules';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Checkbox, DatePicker, Flex, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { FilterBar, FilterField, SelectFilter } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { kindOptions, stateOptions } from './transfer-labels';
import { fetchInbox, fetchMobileMembers, fetchTransferPage, inboxCountsQuery, transferKeys } from './transfer-queries';
import { InboundTransferDialog, StartTransferDialog } from './transfer-start-dialog';
import { transferColumns, transferExpandable } from './transfer-table';

const tabs = ['todo', 'inProgress', 'upcoming', 'overdue', 'mobile', 'all'] as const;
type Tab = (typeof tabs)[number];

const tabLabels: Record<Tab, string> = { todo: '待办', inProgress: '未办结', upcoming: '即将办理', overdue: '已逾期', mobile: '流动党员', all: '全部' };
const tabCounts: Partial<Record<Tab, keyof InboxCounts>> = {
  todo: 'todo',
  inProgress: 'inProgress',
  upcoming: 'upcoming',
  overdue: 'overdue',
  mobile: 'mobileAwayLong',
};
const emptyTexts: Record<InboxBox, string> = {
  todo: '没有等待本组织办理的转接',
  inProgress: '本组织发起的转接均已办结',
  upcoming: '近期没有临近期限的转接',
  overdue: '没有逾期的转接',
};
const columns = transferColumns({ withMember: true });

/**
 * 组织关系转接 in the national member system's shape: 待办, 未办结, 即将办理, 已逾期, plus the mobile members and
 * every transfer. The tab is `?tab=…`; the org scope `?under=…` stays when the tab changes.
 */
export function TransferInboxPage() {
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const tab = tabs.find((key) => key === search.get('tab')) ?? 'todo';
  const counts = useQuery(inboxCountsQuery(search.get('under') ?? undefined));
  const [starting, setStarting] = useState(false);
  const [recording, setRecording] = useState(false);

  const switchTab = (key: string) =>
    setSearch((previous) => {
      const next = new URLSearchParams();
      if (key !== 'todo') next.set('tab', key);
      const under = previous.get('under');
      if (under) next.set('under', under);
      return next;
    });

  const label = (key: Tab) => {
    const count = tabCounts[key] && counts.data?.[tabCounts[key]];
    return (
      <Flex gap={6} align="center">
        {tabLabels[key]}
        {count ? <Badge count={count} overflowCount={999} color={key === 'overdue' || key === 'mobile' ? 'red' : 'blue'} /> : null}
      </Flex>
    );
  };

  return (
    <>
      <PageHeader
        title="组织关系转接"
        extra={
          can('members.write') && (
            <>
              <Button onClick={() => setRecording(true)}>登记转入</Button>
              <Button type="primary" onClick={() => setStarting(true)}>
                发起转接
              </Button>
            </>
          )
        }
      />
      <Tabs activeKey={tab} onChange={switchTab} items={tabs.map((key) => ({ key, label: label(key) }))} />
      {tab === 'mobile' ? <MobileTab /> : tab === 'all' ? <AllTab /> : <InboxTab key={tab} box={tab} />}
      {can('members.write') && (
        <>
          <StartTransferDialog open={starting} onClose={() => setStarting(false)} />
          <InboundTransferDialog open={recording} onClose={() => setRecording(false)} />
        </>
      )}
    </>
  );
}

function ScopeFilter({ value, onChange }: { value: string | undefined; onChange: (under: string | undefined) => void }) {
  return (
    <FilterField label="范围" htmlFor="transfer-under" width={240}>
      <OrgPicker id="transfer-under" placeholder="全部组织" value={value} onChange={onChange} />
    </FilterField>
  );
}

const inboxParams = transferInboxQuery.omit({ box: true });

function InboxTab({ box }: { box: InboxBox }) {
  const { params, update, table } = usePagedList(inboxParams, (p) => transferKeys.inbox({ ...p, box }), fetchInbox(box));
  return (
    <>
      <FilterBar>
        <ScopeFilter value={params.under} onChange={(under) => update({ under })} />
      </FilterBar>
      <PagedTable<Transfer> {...table} rowKey="id" columns={columns} expandable={transferExpandable} emptyText={emptyTexts[box]} testId={`transfers-${box}`} />
    </>
  );
}

function AllTab() {
  const { params, update, table } = usePagedList(transferListQuery, transferKeys.list, fetchTransferPage);
  const range: [dayjs.Dayjs, dayjs.Dayjs] | null = params.issuedFrom && params.issuedTo ? [dayjs(params.issuedFrom), dayjs(params.issuedTo)] : null;
  return (
    <>
      <FilterBar>
        <SelectFilter label="类型" id="transfer-kind" width={150} value={params.kind} options={kindOptions} onChange={(kind) => update({ kind })} />
        <SelectFilter label="状态" id="transfer-state" width={120} value={params.state} options={stateOptions} onChange={(state) => update({ state })} />
        <ScopeFilter value={params.under} onChange={(under) => update({ under })} />
        <FilterField label="发起日期" htmlFor="transfer-issued" width={260}>
          <DatePicker.RangePicker
            id="transfer-issued"
            value={range}
            onChange={(dates) => update({ issuedFrom: dates?.[0]?.format('YYYY-MM-DD'), issuedTo: dates?.[1]?.format('YYYY-MM-DD') })}
          />
        </FilterField>
      </FilterBar>
      <PagedTable<Transfer> {...table} rowKey="id" columns={columns} expandable={transferExpandable} emptyText="没有符合条件的转接" testId="transfers-all" />
    </>
  );
}

const mobileColumns: ColumnsType<MobileMember> = [
  { key: 'name', title: '姓名', render: (_, m) => <Link to={`/members/${m.memberId}`}>{m.name}</Link> },
  { key: 'org', title: '所在党支部', dataIndex: 'orgName' },
  { key: 'destination', title: '外出流向', render: (_, m) => m.destination ?? '—' },
  { key: 'since', title: '外出日期', dataIndex: 'since' },
  { key: 'months', title: '外出时长', render: (_, m) => `${m.months} 个月` },
  {
    key: 'awayLong',
    title: '提示',
    render: (_, m) => (m.awayLong ? <Tag color="red">外出已满期限，地点相对固定的应转移组织关系</Tag> : null),
  },
];

/** 流动党员: members away with no fixed place, longest away first. */
function MobileTab() {
  const { params, update, table } = usePagedList(mobileMemberQuery, transferKeys.mobile, fetchMobileMembers);
  const awayRule = transferRule('awayMonths', dayjs().format('YYYY-MM-DD'));
  return (
    <>
      <FilterBar>
        <ScopeFilter value={params.under} onChange={(under) => update({ under })} />
        <Checkbox checked={params.awayLongOnly} onChange={(event) => update({ awayLongOnly: event.target.checked })}>
          只看外出已满期限的
        </Checkbox>
      </FilterBar>
      {awayRule && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          依据：{describeTransferRule(awayRule)}
        </Typography.Paragraph>
      )}
      <PagedTable<MobileMember> {...table} rowKey="memberId" columns={mobileColumns} emptyText="没有流动党员" testId="transfers-mobile" />
    </>
  );
}
