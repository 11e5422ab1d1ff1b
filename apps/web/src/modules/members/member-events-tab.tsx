import type { MemberEvent } from '@hangbiao/shared/contracts/members';
import { type MemberEventKind, memberEventKinds, memberStatuses } from '@hangbiao/shared/glossary';
import { useQuery } from '@tanstack/react-query';
import { Skeleton, Tag, Timeline, Typography } from 'antd';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { memberEventsQuery } from './member-queries';

// Hex, not preset names: the preset "blue" follows the (red) primary colour in Timeline.
const eventColors: Record<MemberEventKind, string> = {
  registered: '#389e0d',
  statusChanged: '#d46b08',
  orgChanged: '#1677ff',
  converted: '#c8161d',
  probationExtended: '#d46b08',
};

const status = (value: MemberEvent['fromStatus']) => (value ? memberStatuses.label(value) : '—');

function summaryOf(event: MemberEvent): string {
  switch (event.kind) {
    case 'registered':
      return event.toOrgName ?? '';
    case 'statusChanged':
      return `${status(event.fromStatus)} → ${status(event.toStatus)}`;
    case 'orgChanged':
      return `${event.fromOrgName ?? '—'} → ${event.toOrgName ?? '—'}`;
    case 'converted':
    case 'probationExtended':
      return event.toOrgName ?? '';
  }
}

/** 组织关系: the member's registration, status changes and org changes, newest first. */
export function MemberEventsTab({ memberId }: { memberId: string }) {
  const events = useQuery(memberEventsQuery(memberId));
  if (events.isPending) return <Skeleton active />;
  if (events.isError) return <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.length === 0) return <EmptyState description="暂无变动记录" />;

  return (
    <Timeline
      data-testid="member-events"
      style={{ paddingTop: 8 }}
      titleSpan={5}
      items={events.data.map((event) => ({
        key: event.id,
        color: eventColors[event.kind],
        title: event.occurredOn,
        content: (
          <div>
            <Tag color={eventColors[event.kind]}>{memberEventKinds.label(event.kind)}</Tag>
            {summaryOf(event)}
            {event.note && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {event.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
