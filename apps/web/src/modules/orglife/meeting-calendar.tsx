import type { MeetingListItem } from '@hangbiao/shared/contracts/orglife';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Calendar, Flex, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-display';
import { calendarQuery } from './orglife-queries';

const badge = { planned: 'processing', held: 'success', cancelled: 'default' } as const;

/** A month grid of an org subtree's meetings: planned, held and cancelled, each linking to its record. */
export function MeetingCalendar({ under, month, onMonthChange }: { under: string | undefined; month: string; onMonthChange: (month: string) => void }) {
  const query = useQuery(calendarQuery(under, month));
  const byDay = new Map<string, MeetingListItem[]>();
  for (const meeting of query.data?.items ?? []) byDay.set(meeting.heldOn, [...(byDay.get(meeting.heldOn) ?? []), meeting]);

  const cell = (date: Dayjs) => {
    const meetings = byDay.get(date.format('YYYY-MM-DD')) ?? [];
    return (
      <Flex vertical gap={2} data-testid="calendar-day">
        {meetings.map((meeting) => (
          <Link key={meeting.id} to={`/orglife/meetings/${meeting.id}`} title={`${meeting.orgName} · ${meeting.title}`}>
            <Badge status={badge[meeting.status]} text={`${dayjs(meeting.startsAt).format('HH:mm')} ${meeting.title}`} style={{ fontSize: 12 }} />
          </Link>
        ))}
      </Flex>
    );
  };

  return (
    <Spin spinning={query.isFetching}>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} style={{ marginBottom: 12 }} />}
      {query.data?.truncated && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本月会议过多，仅显示前一部分；请选择下级组织查看" />}
      <Calendar
        value={dayjs().format('YYYY-MM') === month ? dayjs() : dayjs(`${month}-01`)}
        onPanelChange={(date) => onMonthChange(date.format('YYYY-MM'))}
        onSelect={(date, info) => {
          if (info.source !== 'date') onMonthChange(date.format('YYYY-MM'));
        }}
        cellRender={(date, info) => (info.type === 'date' ? cell(date) : null)}
      />
    </Spin>
  );
}
