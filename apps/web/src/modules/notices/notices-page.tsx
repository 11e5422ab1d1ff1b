import { type Notice, noticeListQuery } from '@hangbiao/shared/contracts/notices';
import { noticeKinds } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, List, Segmented, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../app/api';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/error-display';
import { PageHeader } from '../../components/page-header';
import { usePagedList } from '../../components/paged-table';
import { fetchNotices, noticeApi, noticeKeys } from './notice-queries';
import { WebhookSettings } from './notices-webhooks';

const severityColors = { info: 'blue', warning: 'gold', danger: 'red' } as const;
const stateOptions = [
  { value: 'open', label: '待处理' },
  { value: 'unread', label: '未读' },
  { value: 'all', label: '全部' },
];

function NoticeItem({ notice, onRead }: { notice: Notice; onRead: (id: string) => void }) {
  return (
    <List.Item
      actions={[
        notice.link && (
          <Link key="open" to={notice.link} onClick={() => !notice.readAt && onRead(notice.id)}>
            去处理
          </Link>
        ),
        !notice.readAt && (
          <Button key="read" size="small" type="link" onClick={() => onRead(notice.id)}>
            标为已读
          </Button>
        ),
      ].filter(Boolean)}
    >
      <List.Item.Meta
        title={
          <Flex gap={8} align="center" wrap>
            <Tag color={severityColors[notice.severity]}>{noticeKinds.label(notice.kind)}</Tag>
            <Typography.Text strong={!notice.readAt}>{notice.title}</Typography.Text>
            {notice.resolvedAt && <Tag>已结束</Tag>}
          </Flex>
        }
        description={
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 4 }}>{notice.body}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dayjs(notice.updatedAt).format('YYYY-MM-DD HH:mm')} 更新
            </Typography.Text>
          </>
        }
      />
    </List.Item>
  );
}

function Inbox() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { params, update, table } = usePagedList(noticeListQuery, noticeKeys.list, fetchNotices);
  const read = useMutation({
    mutationFn: noticeApi.read,
    onSuccess: () => client.invalidateQueries({ queryKey: noticeKeys.all }),
    onError: (error) => message.error(errorText(error)),
  });
  const { query } = table;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Segmented value={params.state} options={stateOptions} onChange={(state) => update({ state })} />
        <Button onClick={() => read.mutate({ all: true })} loading={read.isPending}>
          全部标为已读
        </Button>
      </Flex>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <List
        itemLayout="vertical"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        locale={{ emptyText: params.state === 'all' ? '还没有提醒' : '没有待处理的提醒' }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: query.data?.total ?? 0,
          onChange: (page, pageSize) => table.onParamsChange({ page, pageSize, sort: undefined }),
        }}
        renderItem={(notice) => <NoticeItem notice={notice} onRead={(id) => read.mutate({ ids: [id] })} />}
      />
    </>
  );
}

/** 提醒: the signed-in user's reminders, and for committee admins the chat robots that receive them. */
export function NoticesPage() {
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'webhooks' && can('notices.manage') ? 'webhooks' : 'inbox';
  return (
    <>
      <PageHeader title="提醒" />
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === 'webhooks' ? { tab: key } : {})}
        items={[
          { key: 'inbox', label: '我的提醒', children: <Inbox /> },
          ...(can('notices.manage') ? [{ key: 'webhooks', label: '消息推送', children: <WebhookSettings /> }] : []),
        ]}
      />
    </>
  );
}
