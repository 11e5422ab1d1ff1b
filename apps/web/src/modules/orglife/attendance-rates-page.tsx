import { isoDate } from '@hangbiao/shared/contracts/common';
import { type memberRate, memberRatePage, type orgRate, orgRatePage, ratesQuery } from '@hangbiao/shared/contracts/orglife';
import { DatePicker, Segmented } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../app/api';
import { FilterBar, FilterField } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';

type OrgRate = z.infer<typeof orgRate>;
type MemberRate = z.infer<typeof memberRate>;

/** The page opens on this year so far; the URL keeps any other period. */
const pageQuery = ratesQuery.extend({ from: isoDate.default(dayjs().startOf('year').format('YYYY-MM-DD')), to: isoDate.default(dayjs().format('YYYY-MM-DD')) });
type Params = z.output<typeof pageQuery>;

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

const orgColumns: ColumnsType<OrgRate> = [
  { title: '党组织', dataIndex: 'orgName' },
  { title: '已召开会议', dataIndex: 'meetings', align: 'right' },
  { title: '应到人次', dataIndex: 'expected', align: 'right' },
  { title: '实到人次', dataIndex: 'present', align: 'right' },
  { title: '出勤率', align: 'right', render: (_, r) => percent(r.rate) },
];
const memberColumns: ColumnsType<MemberRate> = [
  { title: '姓名', dataIndex: 'name' },
  { title: '所在支部', dataIndex: 'orgName' },
  { title: '应参加', dataIndex: 'meetings', align: 'right' },
  { title: '出席', dataIndex: 'present', align: 'right' },
  { title: '请假', dataIndex: 'leave', align: 'right' },
  { title: '缺席', dataIndex: 'absent', align: 'right' },
  { title: '出勤率', align: 'right', render: (_, r) => percent(r.rate) },
];

const fetchOrgRates = (params: Params) => api.get('/api/orglife/attendance/orgs', orgRatePage, params);
const fetchMemberRates = (params: Params) => api.get('/api/orglife/attendance/members', memberRatePage, params);

/** 出勤统计: attendance at held meetings over a period, per org (from the meetings' counters) or per member. */
export function AttendanceRatesPage() {
  const [search, setSearch] = useSearchParams();
  const by = search.get('by') === 'member' ? 'member' : 'org';
  return (
    <>
      <PageHeader
        title="出勤统计"
        extra={
          <Segmented
            value={by}
            options={[
              { value: 'org', label: '按组织' },
              { value: 'member', label: '按党员' },
            ]}
            onChange={(value) =>
              setSearch((previous) => {
                const next = new URLSearchParams(previous);
                next.set('by', value);
                next.delete('page');
                return next;
              })
            }
          />
        }
      />
      {by === 'org' ? <OrgRates /> : <MemberRates />}
    </>
  );
}

function Filters({ params, update }: { params: Params; update: (patch: Partial<Record<'under' | 'from' | 'to', string | undefined>>) => void }) {
  return (
    <FilterBar>
      <FilterField label="党组织" htmlFor="rates-under" width={240}>
        <OrgPicker id="rates-under" placeholder="全部" value={params.under} onChange={(under) => update({ under })} />
      </FilterField>
      <FilterField label="期间" htmlFor="rates-period" width={280}>
        <DatePicker.RangePicker
          id="rates-period"
          allowClear={false}
          value={[dayjs(params.from), dayjs(params.to)]}
          onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </FilterField>
    </FilterBar>
  );
}

function OrgRates() {
  const { params, update, table } = usePagedList(pageQuery, (p) => ['orglife', 'rates', 'orgs', p], fetchOrgRates);
  return (
    <>
      <Filters params={params} update={update} />
      <PagedTable<OrgRate> {...table} rowKey="orgId" columns={orgColumns} emptyText="期间内没有已召开的会议" />
    </>
  );
}

function MemberRates() {
  const { params, update, table } = usePagedList(pageQuery, (p) => ['orglife', 'rates', 'members', p], fetchMemberRates);
  return (
    <>
      <Filters params={params} update={update} />
      <PagedTable<MemberRate> {...table} rowKey="memberId" columns={memberColumns} emptyText="期间内没有已召开的会议" />
    </>
  );
}
