import { type OrgEventKind, orgEventKinds } from '@hangbiao/shared/glossary';
import { useQuery } from '@tanstack/react-query';
import { Skeleton, Tag, Timeline, Typography } from 'antd';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { orgEventsQuery } from './org-queries';

// Hex, not preset names: the preset "blue" follows the (red) primary colour in Timeline.
const eventColors: Record<OrgEventKind, string> = {
  established: '#389e0d',
  renamed: '#1677ff',
  moved: '#1677ff',
  merged: '#8c8c8c',
  split: '#d46b08',
  dissolved: '#c8161d',
};

/** 历史沿革: the org's reform events, newest first. */
export function OrgEventsTab({ orgId }: { orgId: string }) {
  const events = useQuery(orgEventsQuery(orgId));
  if (events.isPending) return <Skeleton active />;
  if (events.isError) return <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.length === 0) return <EmptyState description="暂无沿革记录" />;

  return (
    <Timeline
      style={{ paddingTop: 8 }}
      titleSpan={5}
      items={events.data.map((event) => ({
        key: event.id,
        color: eventColors[event.kind],
        title: event.occurredOn,
        content: (
          <div>
            <Tag color={eventColors[event.kind]}>{orgEventKinds.label(event.kind)}</Tag>
            {event.summary}
            {event.note && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {event.note}
              </Typography.Paragraph>
            )}
            {event.actorName && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  登记人：{event.actorName}
                </Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
