import { caseListQuery, type DevelopmentCase } from '@hangbiao/shared/contracts/development';
import { developmentStages, developmentStatuses } from '@hangbiao/shared/glossary';
import { Checkbox } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/filter-bar';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { CaseStatusTag, DueDate, StageTag, stepTitle } from './development-labels';
import { developmentKeys, fetchCasePage } from './development-queries';
import { optionsOf, Sensitive } from './member-labels';

const columns: ColumnsType<DevelopmentCase> = [
  { key: 'name', title: '姓名', sorter: true, fixed: 'left', render: (_, c) => <Link to={`/members/development/${c.id}`}>{c.name}</Link> },
  { key: 'idNumber', title: '公民身份号码', render: (_, c) => <Sensitive value={c.idNumber} unmasked={c.unmasked} /> },
  { key: 'org', title: '党支部', dataIndex: 'orgName' },
  { key: 'stage', title: '阶段', render: (_, c) => <StageTag stage={c.stage} /> },
  { key: 'status', title: '状态', render: (_, c) => <CaseStatusTag status={c.status} /> },
  { key: 'appliedOn', title: '申请日期', sorter: true, dataIndex: 'appliedOn' },
  {
    key: 'nextDueOn',
    title: '下一期限',
    sorter: true,
    render: (_, c) =>
      c.nextDueOn && c.nextDueStep ? (
        <>
          {stepTitle(c.nextDueStep)}
          <br />
          <DueDate dueOn={c.nextDueOn} />
        </>
      ) : (
        '—'
      ),
  },
];

/** 发展党员档案: every case in scope (the org filter is the page's `under`), by stage, status and deadline. */
export function DevelopmentCaseList() {
  const { params, update, table } = usePagedList(caseListQuery, developmentKeys.list, fetchCasePage);
  return (
    <>
      <FilterBar>
        <SearchFilter label="搜索" id="development-q" width={200} placeholder="姓名/拼音/首字母" value={params.q} onSearch={(q) => update({ q })} />
        <SelectFilter
          label="阶段"
          id="development-stage"
          width={140}
          value={params.stage}
          options={optionsOf(developmentStages)}
          onChange={(stage) => update({ stage })}
        />
        <SelectFilter
          label="状态"
          id="development-status"
          width={160}
          value={params.status}
          options={optionsOf(developmentStatuses)}
          onChange={(status) => update({ status })}
        />
        <Checkbox checked={params.overdue} onChange={(e) => update({ overdue: e.target.checked })}>
          只看逾期
        </Checkbox>
      </FilterBar>
      <PagedTable<DevelopmentCase> {...table} rowKey="id" columns={columns} testId="development-list" emptyText="没有符合条件的发展党员档案" />
    </>
  );
}
