import { type orgListItem, orgListQuery } from '@hangbiao/shared/contracts/orgs';
import { Checkbox, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { z } from 'zod';
import { FilterBar, FilterField, SearchFilter, SelectFilter } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { KindTag, kindOptions, pathAbove } from './org-labels';
import { fetchOrgPage, orgKeys } from './org-queries';
import { UnitSelect } from './unit-select';

type OrgListItem = z.infer<typeof orgListItem>;

const columns: ColumnsType<OrgListItem> = [
  {
    key: 'name',
    title: '组织名称',
    sorter: true,
    render: (_, org) => (
      <div>
        <Link to={`/orgs/${org.id}`}>{org.name}</Link>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {pathAbove(org.name, org.pathNames)}
          </Typography.Text>
        </div>
      </div>
    ),
  },
  { key: 'kind', title: '类别', sorter: true, sortDirections: ['ascend'], render: (_, org) => <KindTag kind={org.kind} /> },
  {
    key: 'unit',
    title: '所属单位',
    render: (_, org) => org.unitName ?? (org.coveredUnits.map((unit) => unit.name).join('、') || '—'),
  },
  { key: 'members', title: '党员人数', align: 'right', render: (_, org) => `${org.memberCount}（正式 ${org.fullMemberCount}）` },
  { key: 'children', title: '下级组织', align: 'right', dataIndex: 'childCount' },
  { key: 'establishedOn', title: '成立日期', sorter: true, dataIndex: 'establishedOn' },
  {
    key: 'status',
    title: '状态',
    render: (_, org) => (org.dissolvedOn ? <Tag>已撤销 {org.dissolvedOn}</Tag> : <Tag color="green">正常</Tag>),
  },
];

/** 组织列表: every org the user may see, searchable and filterable, paged on the server. */
export function OrgListPage() {
  const { params, update, table } = usePagedList(orgListQuery, orgKeys.list, fetchOrgPage);

  return (
    <>
      <PageHeader title="组织列表" />
      <FilterBar>
        <SearchFilter label="名称" id="org-q" width={220} placeholder="输入组织名称搜索" value={params.q} onSearch={(q) => update({ q })} />
        <SelectFilter label="类别" id="org-kind" width={150} value={params.kind} options={kindOptions()} onChange={(kind) => update({ kind })} />
        <FilterField label="单位" htmlFor="org-unit">
          <UnitSelect id="org-unit" placeholder="全部单位" value={params.unitId} onChange={(unitId) => update({ unitId })} />
        </FilterField>
        <FilterField label="上级组织" htmlFor="org-under" width={220}>
          <OrgPicker id="org-under" placeholder="全部" value={params.under} onChange={(under) => update({ under })} />
        </FilterField>
        <Checkbox checked={params.includeDissolved} onChange={(event) => update({ includeDissolved: event.target.checked })}>
          含已撤销
        </Checkbox>
      </FilterBar>
      <PagedTable<OrgListItem> {...table} rowKey="id" columns={columns} emptyText="没有符合条件的组织" />
    </>
  );
}
