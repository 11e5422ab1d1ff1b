import { id as uuid } from '@hangbiao/shared/contracts/common';
import type { MeetingDetail } from '@hangbiao/shared/contracts/orglife';
import type { MeetingStatus } from '@hangbiao/shared/glossary';
import { meetingKinds } from '@hangbiao/shared/glossary';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Flex, Popconfirm, Skeleton, Tabs } from 'antd';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/result-pages';
import { ErrorAlert } from '../../components/error-display';
import { PageHeader } from '../../components/page-header';
import { MeetingAttachmentsTab } from './meeting-attachments-tab';
import { MeetingAttendanceTab } from './meeting-attendance-tab';
import { MeetingCheckinCard } from './meeting-checkin-card';
import { MeetingStatusTag, rateText, spanText } from './meeting-labels';
import { MeetingObserversTab } from './meeting-observers-tab';
import { MeetingRecordForm } from './meeting-record-form';
import { MeetingReviewsTab } from './meeting-reviews-tab';
import { MeetingVotesTab } from './meeting-votes-tab';
import { meetingApi, meetingQuery } from './orglife-queries';
import { useMeetingChange } from './use-meeting-change';

export function MeetingPage() {
  const { id } = useParams();
  if (!id || !uuid.safeParse(id).success) return <NotFoundPage />;
  return <Meeting id={id} />;
}

function Meeting({ id }: { id: string }) {
  const query = useQuery(meetingQuery(id));
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const meeting = query.data;

  const tabs = [
    { key: 'attendance', label: `出勤（${meeting.presentCount}/${meeting.expectedCount}）`, children: <MeetingAttendanceTab meeting={meeting} /> },
    { key: 'record', label: '会议记录', children: <MeetingRecordForm meeting={meeting} /> },
    ...(meeting.voteRule ? [{ key: 'votes', label: `决议表决（${meeting.resolutions.length}）`, children: <MeetingVotesTab meeting={meeting} /> }] : []),
    { key: 'observers', label: `列席人员（${meeting.observers.length}）`, children: <MeetingObserversTab meeting={meeting} /> },
    ...(meeting.kind === 'memberReview' || meeting.kind === 'orgLifeMeeting'
      ? [{ key: 'reviews', label: '民主评议', children: <MeetingReviewsTab meeting={meeting} /> }]
      : []),
    { key: 'attachments', label: `附件（${meeting.attachments.length}）`, children: <MeetingAttachmentsTab meeting={meeting} /> },
  ];

  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            {meeting.title} <MeetingStatusTag status={meeting.status} />
          </Flex>
        }
        extra={
          <>
            <Link to={`/orglife/meetings/${meeting.id}/print`} target="_blank">
              <Button>打印会议记录</Button>
            </Link>
            {meeting.canWrite && <StatusActions meeting={meeting} />}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'org', label: '党组织', children: meeting.orgPathNames.join(' / ') },
            { key: 'kind', label: '会议类型', children: meetingKinds.label(meeting.kind) },
            { key: 'time', label: '时间', children: spanText(meeting.startsAt, meeting.endsAt) },
            { key: 'place', label: '地点', children: meeting.place ?? '—' },
            { key: 'host', label: '主持人', children: meeting.hostName ?? '—' },
            { key: 'recorder', label: '记录人', children: meeting.recorderName ?? '—' },
            {
              key: 'attendance',
              label: '应到 / 实到',
              children: `${meeting.expectedCount} / ${meeting.presentCount} 人（${rateText(meeting.presentCount, meeting.expectedCount)}）`,
            },
          ]}
        />
        <MeetingCheckinCard meeting={meeting} />
        <Tabs items={tabs} destroyOnHidden />
      </Flex>
    </>
  );
}

/** A planned meeting is held (its record complete enough) or cancelled; a cancelled one may be planned again. */
function StatusActions({ meeting }: { meeting: MeetingDetail }) {
  const change = useMeetingChange(meeting.id, (status: MeetingStatus) => meetingApi.update(meeting.id, { version: meeting.version, status }), {
    success: '状态已更新',
  });
  if (meeting.status === 'planned')
    return (
      <>
        <Button type="primary" loading={change.isPending} onClick={() => change.mutate('held')}>
          标记为已召开
        </Button>
        <Popconfirm title="取消这次会议？" onConfirm={() => change.mutate('cancelled')}>
          <Button danger>取消会议</Button>
        </Popconfirm>
      </>
    );
  if (meeting.status === 'cancelled')
    return (
      <Button loading={change.isPending} onClick={() => change.mutate('planned')}>
        恢复为计划
      </Button>
    );
  return null;
}
