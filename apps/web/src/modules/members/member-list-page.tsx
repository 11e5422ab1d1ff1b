import { type MemberListItem, memberListQuery } from '@hangbiao/shared/contracts/members';
import { educations, genders, memberCategories, memberStatuses } from '@hangbiao/shared/glossary';
import { Button, Checkbox } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../app/session';
import { FilterBar, FilterField, SearchFilter, SelectFilter } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { MemberCreateDialog } from './member-create-dialog';
import { MemberImportExportButtons } from './member-import-buttons';
import { CategoryTag, label, optionsOf, Sensitive, StatusTag } from './member-labels';
import { fetchMemberPage, memberKeys } from './member-queries';

const columns: ColumnsType<MemberListItem> = [
  { key: 'name', title: label('name'), sorter: true, fixed: 'left', render: (_, m) => <Link to={`/members/${m.id}`}>{m.name}</Link> },
  { key: 'gender', title: label('gender'), render: (_, m) => genders.label(m.gender) },
  { key: 'birthDate', title: label('birthDate'), sorter: true, dataIndex: 'birthDate' },
  { key: 'idNumber', title: label('idNumber'), render: (_, m) => <Sensitive value={m.idNumber} unmasked={m.unmasked} /> },
  { key: 'education', title: label('education'), render: (_, m) => educations.label(m.education) },
  { key: 'category', title: label('category'), render: (_, m) => <CategoryTag category={m.category} /> },
  { key: 'org', title: label('orgId'), dataIndex: 'orgName' },
  { key: 'joinedOn', title: label('joinedOn'), sorter: true, dataIndex: 'joinedOn' },
  { key: 'phone', title: label('phone'), render: (_, m) => <Sensitive value={m.phone} unmasked={m.unmasked} /> },
  { key: 'status', title: label('status'), render: (_, m) => <StatusTag status={m.status} /> },
];

/** 党员名册: every member in the user's scope, searched by name, full pinyin or initials, paged on the server. */
export function MemberListPage() {
  const { params, update, table } = usePagedList(memberListQuery, memberKeys.list, fetchMemberPage);
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title="党员名册"
        extra={
          <>
            <MemberImportExportButtons filter={params} />
            {can('members.write') && (
              <Button type="primary" data-testid="member-create" onClick={() => setCreating(true)}>
                登记党员
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <SearchFilter label="搜索" id="member-q" width={220} placeholder="姓名/拼音/首字母" value={params.q} onSearch={(q) => update({ q })} />
        <FilterField label="党组织" htmlFor="member-under" width={220}>
          <OrgPicker id="member-under" placeholder="全部" value={params.under} onChange={(under) => update({ under })} />
        </FilterField>
        <SelectFilter
          label={label('category')}
          id="member-category"
          width={130}
          value={params.category}
          options={optionsOf(memberCategories)}
          onChange={(category) => update({ category })}
        />
        <SelectFilter
          label={label('status')}
          id="member-status"
          width={130}
          placeholder="在册"
          value={params.status}
          options={optionsOf(memberStatuses)}
          onChange={(status) => update({ status })}
        />
        <SelectFilter
          label={label('education')}
          id="member-education"
          width={150}
          value={params.education}
          options={optionsOf(educations)}
          onChange={(education) => update({ education })}
        />
        <SelectFilter
          label={label('gender')}
          id="member-gender"
          width={100}
          value={params.gender}
          options={optionsOf(genders)}
          onChange={(gender) => update({ gender })}
        />
        {!params.status && (
          <Checkbox checked={params.includeFormer} onChange={(event) => update({ includeFormer: event.target.checked })}>
            含已转出、出党、去世
          </Checkbox>
        )}
      </FilterBar>
      <PagedTable<MemberListItem> {...table} testId="member-table" rowKey="id" columns={columns} emptyText="没有符合条件的党员" />
      {creating && (
        <MemberCreateDialog open onClose={() => setCreating(false)} orgId={params.under} onCreated={(created) => navigate(`/members/${created.id}`)} />
      )}
    </>
  );
}
