import { renewalsQuery, type TermStatus } from '@hangbiao/shared/contracts/orgs';
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { FilterBar, FilterField, SelectFilter } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { KindTag, TermStatusTag, termStatusLabels } from './org-labels';
import { fetchRenewals, orgKeys } from './org-queries';

function dueText(dueOn: string | null) {
  if (!dueOn) return '—';
  const days = dayjs(dueOn).startOf('day').diff(dayjs().startOf('day'), 'day');
  if (days > 0) return `${dueOn}（还有 ${days} 天）`;
  if (days === 0) return `${dueOn}（今天）`;
  return (
    <Typography.Text type="danger">
      {dueOn}（已逾期 {-days} 天）
    </Typography.Text>
  );
}

const columns: ColumnsType<TermStatus> = [
  { key: 'org', title: '组织', render: (_, row) => <Link to={`/orgs/${row.orgId}`}>{row.orgName}</Link> },
  { key: 'kind', title: '类别', render: (_, row) => <KindTag kind={row.kind} /> },
  { key: 'termStart', title: '本届开始', render: (_, row) => row.termStart ?? '—' },
  { key: 'dueOn', title: '应换届日期', render: (_, row) => dueText(row.dueOn) },
  { key: 'status', title: '状态', render: (_, row) => <TermStatusTag status={row.status} /> },
  { key: 'rule', title: '依据', width: 280, ellipsis: { showTitle: true }, render: (_, row) => row.rule ?? '—' },
];

const statusOptions = (['overdue', 'dueSoon'] as const).map((value) => ({ value, label: termStatusLabels[value].text }));

/** 换届提醒: orgs whose term ends soon or has ended without a renewal. */
export function RenewalsPage() {
  const { params, update, table } = usePagedList(renewalsQuery, orgKeys.renewals, fetchRenewals);
  return (
    <>
      <PageHeader title="换届提醒" />
      <FilterBar>
        <SelectFilter label="状态" id="renewal-status" width={150} value={params.status} options={statusOptions} onChange={(status) => update({ status })} />
        <FilterField label="范围" htmlFor="renewal-under" width={240}>
          <OrgPicker id="renewal-under" placeholder="全部组织" value={params.under} onChange={(under) => update({ under })} />
        </FilterField>
      </FilterBar>
      <PagedTable<TermStatus> {...table} rowKey="orgId" columns={columns} emptyText="近期没有需要换届的组织" />
    </>
  );
}
