import { type MeetingListItem, meetingListQuery } from '@hangbiao/shared/contracts/orglife';
import { meetingKinds } from '@hangbiao/shared/glossary';
import { Button, Segmented } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../app/session';
import { FilterBar, FilterField, SelectFilter } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { MeetingCalendar } from './meeting-calendar';
import { kindOptions, MeetingStatusTag, rateText, spanText, statusOptions } from './meeting-labels';
import { MeetingPlanDialog } from './meeting-plan-dialog';
import { fetchMeetingPage, meetingKeys } from './orglife-queries';

const columns: ColumnsType<MeetingListItem> = [
  { key: 'title', title: '会议', render: (_, m) => <Link to={`/orglife/meetings/${m.id}`}>{m.title}</Link> },
  { key: 'kind', title: '类型', render: (_, m) => meetingKinds.label(m.kind) },
  { key: 'org', title: '党组织', dataIndex: 'orgName' },
  { key: 'startsAt', title: '时间', sorter: true, render: (_, m) => spanText(m.startsAt, m.endsAt) },
  { key: 'place', title: '地点', render: (_, m) => m.place ?? '—' },
  {
    key: 'attendance',
    title: '应到 / 实到',
    align: 'right',
    render: (_, m) => `${m.expectedCount} / ${m.presentCount}（${rateText(m.presentCount, m.expectedCount)}）`,
  },
  { key: 'status', title: '状态', render: (_, m) => <MeetingStatusTag status={m.status} /> },
];

/** 会议管理: the meetings of the orgs the user may see, as a list or a month calendar. */
export function MeetingListPage() {
  const can = useCan();
  const { params, update, table } = usePagedList(meetingListQuery, meetingKeys.list, fetchMeetingPage);
  const [search, setSearch] = useSearchParams();
  const view = search.get('view') === 'calendar' ? 'calendar' : 'list';
  const month = search.get('month') ?? dayjs().format('YYYY-MM');
  const [planning, setPlanning] = useState(false);
  const setParam = (key: string, value: string) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      next.set(key, value);
      return next;
    });

  return (
    <>
      <PageHeader
        title="会议管理"
        extra={
          <>
            <Segmented
              value={view}
              onChange={(value) => setParam('view', value)}
              options={[
                { value: 'list', label: '列表' },
                { value: 'calendar', label: '日历' },
              ]}
            />
            {can('orglife.write') && (
              <Button type="primary" onClick={() => setPlanning(true)} data-testid="meeting-plan">
                安排会议
              </Button>
            )}
          </>
        }
      />
      <FilterBar>
        <FilterField label="党组织" htmlFor="meeting-under" width={240}>
          <OrgPicker id="meeting-under" placeholder="全部" value={params.under} onChange={(under) => update({ under })} />
        </FilterField>
        {view === 'list' && (
          <>
            <SelectFilter label="类型" id="meeting-kind" width={160} value={params.kind} options={kindOptions} onChange={(kind) => update({ kind })} />
            <SelectFilter
              label="状态"
              id="meeting-status"
              width={120}
              value={params.status}
              options={statusOptions}
              onChange={(status) => update({ status })}
            />
          </>
        )}
      </FilterBar>
      {view === 'calendar' ? (
        <MeetingCalendar under={params.under} month={month} onMonthChange={(value) => setParam('month', value)} />
      ) : (
        <PagedTable<MeetingListItem> {...table} rowKey="id" columns={columns} testId="meeting-table" emptyText="没有符合条件的会议" />
      )}
      <MeetingPlanDialog open={planning} onClose={() => setPlanning(false)} orgId={params.under} />
    </>
  );
}
