import { myMeetingPage, myMeetingsQuery } from '@hangbiao/shared/contracts/orglife';
import { meetingKinds } from '@hangbiao/shared/glossary';
import { Alert } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { z } from 'zod';
import { api } from '../../app/api';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { AttendanceTag, MeetingStatusTag, timeText } from './meeting-labels';

type MyMeeting = z.infer<typeof myMeetingPage>['items'][number];

const columns: ColumnsType<MyMeeting> = [
  { title: '会议', dataIndex: 'title' },
  { title: '类型', render: (_, m) => meetingKinds.label(m.kind) },
  { title: '党组织', dataIndex: 'orgName' },
  { title: '时间', render: (_, m) => timeText(m.startsAt) },
  { title: '会议状态', render: (_, m) => <MeetingStatusTag status={m.meetingStatus} /> },
  { title: '我的出勤', render: (_, m) => <AttendanceTag status={m.status} meetingStatus={m.meetingStatus} /> },
  { title: '签到时间', render: (_, m) => (m.checkedInAt ? timeText(m.checkedInAt) : '—') },
];

const fetchMine = (params: z.output<typeof myMeetingsQuery>) => api.get('/api/orglife/mine', myMeetingPage, params);

/** 我的组织生活: the meetings the signed-in member was expected at, with their own attendance. */
export function MyMeetingsPage() {
  const { table } = usePagedList(myMeetingsQuery, (params) => ['orglife', 'mine', params], fetchMine);
  // The page as fetched (myMeetingPage) also says whether the login is linked to a member record.
  const linked = (table.query.data as z.infer<typeof myMeetingPage> | undefined)?.linked;
  return (
    <>
      <PageHeader title="我的组织生活" />
      {linked === false && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="当前账户尚未关联党员信息，请联系所在党组织的党务管理员关联" />}
      <PagedTable<MyMeeting> {...table} rowKey="meetingId" columns={columns} emptyText="暂无会议" />
    </>
  );
}
