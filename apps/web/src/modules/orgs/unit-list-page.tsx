import { type Unit, unitListQuery } from '@hangbiao/shared/contracts/orgs';
import { regionLevels, unitTypes } from '@hangbiao/shared/glossary';
import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../app/session';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/filter-bar';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { fetchUnitPage, unitKeys } from './org-queries';
import { regionLevelOptions, UnitFormDialog, unitTypeOptions } from './unit-form-dialog';

/** 单位管理: the departments whose Party organisations the committee leads. */
export function UnitListPage() {
  const can = useCan();
  const { params, update, table } = usePagedList(unitListQuery, unitKeys.list, fetchUnitPage);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  const columns: ColumnsType<Unit> = [
    { key: 'name', title: '单位名称', sorter: true, dataIndex: 'name' },
    { key: 'shortName', title: '简称', render: (_, unit) => unit.shortName ?? '—' },
    { key: 'type', title: '单位类型', render: (_, unit) => unitTypes.label(unit.type) },
    {
      key: 'regionName',
      title: '地区',
      sorter: true,
      render: (_, unit) => `${unit.regionName}（${regionLevels.label(unit.regionLevel)}）`,
    },
    {
      key: 'orgCount',
      title: '党组织数',
      align: 'right',
      render: (_, unit) => <Link to={`/orgs?unitId=${unit.id}`}>{unit.orgCount}</Link>,
    },
    ...(can('units.write')
      ? [
          {
            key: 'actions',
            title: '操作',
            render: (_: unknown, unit: Unit) => (
              <Button type="link" size="small" onClick={() => setEditing(unit)}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title="单位管理"
        extra={
          can('units.write') && (
            <Button type="primary" onClick={() => setEditing('new')}>
              新建单位
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchFilter label="名称" id="unit-q" width={220} placeholder="输入单位名称搜索" value={params.q} onSearch={(q) => update({ q })} />
        <SelectFilter label="类型" id="unit-type" width={160} value={params.type} options={unitTypeOptions} onChange={(type) => update({ type })} />
        <SelectFilter
          label="层级"
          id="unit-level"
          width={140}
          value={params.regionLevel}
          options={regionLevelOptions}
          onChange={(regionLevel) => update({ regionLevel })}
        />
      </FilterBar>
      <PagedTable<Unit> {...table} rowKey="id" columns={columns} emptyText="没有符合条件的单位" />
      <UnitFormDialog unit={editing !== null && editing !== 'new' ? editing : undefined} open={editing !== null} onClose={() => setEditing(null)} />
    </>
  );
}
